import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../files/evidence.ts';
import { keyFiguresIndex, nextSteps, planClaim, planComparison, ScaffoldError, writePlan } from './scaffold.ts';

let root: string;
const files = (dir = root): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.relative(root, path.join(dir, entry.name))])).sort();

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'scaffold-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('planComparison and writePlan', () => {
  it('creates the docs folder, the registry file with a pending claim, its experiment, test and page, and the indexes', () => {
    writePlan(root, planComparison(root, 'modular-monolith', 'Modular monolith vs microservices'));
    expect(files()).toEqual([
      'docs/modular-monolith/_category_.json',
      'docs/modular-monolith/first-claim.mdx',
      'docs/modular-monolith/index.mdx',
      'examples/claims/comparisons/index.ts',
      'examples/claims/comparisons/key-figures.ts',
      'examples/claims/comparisons/modular-monolith.json',
      'examples/modular-monolith-first-claim/experiment.test.ts',
      'examples/modular-monolith-first-claim/experiment.ts',
      'examples/modular-monolith-first-claim/report.ts',
    ]);
    const registry = JSON.parse(readFileSync(path.join(root, 'examples/claims/comparisons/modular-monolith.json'), 'utf8'));
    expect(registry.claims).toEqual([expect.objectContaining({ id: 'modular-monolith-first-claim', verdict: 'pending', page: 'modular-monolith/first-claim' })]);
    expect(readFileSync(path.join(root, 'examples/claims/comparisons/index.ts'), 'utf8')).toContain("import modularMonolith from './modular-monolith.json';");
    expect(readFileSync(path.join(root, 'docs/modular-monolith/first-claim.mdx'), 'utf8')).toContain('{/* #modular-monolith-first-claim */}');
    // The claim's key figure reaches the comparison page through the generated index: nothing to add by hand.
    expect(readFileSync(path.join(root, 'examples/claims/comparisons/key-figures.ts'), 'utf8')).toContain(
      "import { keyFigure as modularMonolithFirstClaim } from '../../modular-monolith-first-claim/report.ts';",
    );
    expect(readFileSync(path.join(root, 'examples/modular-monolith-first-claim/report.ts'), 'utf8')).toContain('export function keyFigure(result: Result): string | null');
  });

  it('writes the claim’s words where each file needs them, escaped for TypeScript, YAML and MDX', () => {
    const says = 'Calls < 1 ms {p50} say "fast" */ always';
    writePlan(root, planComparison(root, 'demo', 'Demo <A> vs {B}', { id: 'demo-claim', says }));
    const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
    expect(read('examples/demo-claim/experiment.ts')).toContain(`title: ${JSON.stringify(says)},`);
    expect(read('examples/demo-claim/experiment.ts')).toContain(' * demo-claim: Calls < 1 ms {p50} say "fast" *\\/ always');
    expect(read('docs/demo/claim.mdx')).toContain(`title: ${JSON.stringify(says)}\n`);
    expect(read('docs/demo/claim.mdx')).toContain('## Calls \\< 1 ms \\{p50\\} say "fast" \\*/ always {/* #demo-claim */}');
    expect(read('docs/demo/index.mdx')).toContain('# Demo \\<A\\> vs \\{B\\}\n');
    expect(read('docs/demo/index.mdx')).not.toMatch(/\{\{\w+\}\}/);
  });

  it.each([
    ['Modular Monolith', 'Title', /not a valid comparison slug: use lowercase words joined by hyphens/],
    [undefined, 'Title', /give the comparison slug/],
    ['modular-monolith', undefined, /give the title in quotes/],
    ['modular-monolith', ' ', /give the title in quotes/],
    ['modular-monolith', 'Two\nlines', /give the title on one line/],
  ])('refuses slug %j with title %j, writing nothing', (slug, title, message) => {
    expect(() => planComparison(root, slug, title)).toThrow(message);
    expect(files()).toEqual([]);
  });

  it('refuses a slug that exists, pointing to new:claim, and leaves the existing files as they were', () => {
    writePlan(root, planComparison(root, 'modular-monolith', 'Modular monolith vs microservices'));
    const before = files();
    expect(() => planComparison(root, 'modular-monolith', 'Again')).toThrow(/exists already .*npm run new:claim -- modular-monolith/);
    expect(files()).toEqual(before);
  });

  it('names the first claim when its id and words are given, and refuses an id outside the comparison or without words', () => {
    writePlan(root, planComparison(root, 'modular-monolith', 'Modular monolith vs microservices', { id: 'modular-monolith-in-process-calls', says: 'Modules call each other in process' }));
    expect(files()).toContain('examples/modular-monolith-in-process-calls/experiment.ts');
    expect(files()).toContain('docs/modular-monolith/in-process-calls.mdx');
    expect(files().some((file) => file.includes('first-claim'))).toBe(false);
    expect(() => planComparison(root, 'other', 'Other vs microservices', { id: 'wrong-prefix', says: 'Something' })).toThrow('must start with the comparison slug, for example other-in-process-calls');
    expect(() => planComparison(root, 'other', 'Other vs microservices', { id: 'other-claim' })).toThrow('needs its words');
  });

  // Regressions from issue 19: each wrote files that broke the claims check or the site's build.
  it('refuses a slug whose folder would sit beside a docs page, naming the page', () => {
    mkdirSync(path.join(root, 'docs'), { recursive: true });
    writeFileSync(path.join(root, 'docs/intro.mdx'), '# Intro\n');
    expect(() => planComparison(root, 'intro', 'Intro vs outro')).toThrow('the comparison slug "intro" would make its pages in docs/intro/, but docs/intro.mdx is a page at the route /docs/intro already: choose another slug');
  });

  it('refuses a 300-character slug or claim id up front, saying the limit', () => {
    expect(() => planComparison(root, 'a'.repeat(300), 'Long')).toThrow(/is too long: keep it to 40 characters at most/);
    expect(() => planComparison(root, 'demo', 'Demo', { id: `demo-${'a'.repeat(300)}`, says: 'Long' })).toThrow(/is too long: keep it to 60 characters at most/);
    expect(files()).toEqual([]);
  });

  it('imports a comparison named by a reserved word under a name that is valid code', () => {
    const plan = planComparison(root, 'delete', 'Delete vs keep everything');
    expect(plan.replace.get('examples/claims/comparisons/index.ts')).toContain("import _delete from './delete.json';");
  });

  it('refuses a first claim whose page would be the overview', () => {
    expect(() => planComparison(root, 'demo', 'Demo', { id: 'demo-index', says: 'An index' })).toThrow(/would make its page docs\/demo\/index\.mdx, the comparison's overview/);
  });

  it('throws the error of the failed write, not one of the undo, when a name is too long for the file system', () => {
    const plan = { create: new Map([[`${'x'.repeat(300)}/file.txt`, 'text']]), replace: new Map<string, string>() };
    expect(() => writePlan(root, plan)).toThrow(expect.objectContaining({ code: 'ENAMETOOLONG', syscall: 'mkdir' }));
    expect(files()).toEqual([]);
  });

  it('writes nothing at all when a write fails half-way', () => {
    const plan = planComparison(root, 'modular-monolith', 'Modular monolith vs microservices');
    // A file where the examples folder should be: the first write into it fails.
    writeFileSync(path.join(root, 'examples'), 'not a folder');
    expect(() => writePlan(root, plan)).toThrow();
    expect(files()).toEqual(['examples']);
  });
});

describe('planClaim', () => {
  beforeEach(() => writePlan(root, planComparison(root, 'modular-monolith', 'Modular monolith vs microservices')));

  it('adds a pending entry, the claim’s files and its key figure to the index', () => {
    writePlan(root, planClaim(root, 'modular-monolith', 'modular-monolith-in-process-calls', 'Modules call each other in process'));
    const registry = JSON.parse(readFileSync(path.join(root, 'examples/claims/comparisons/modular-monolith.json'), 'utf8'));
    expect(registry.claims.map((claim: { id: string }) => claim.id)).toEqual(['modular-monolith-first-claim', 'modular-monolith-in-process-calls']);
    expect(readFileSync(path.join(root, 'examples/claims/comparisons/key-figures.ts'), 'utf8')).toBe(keyFiguresIndex(['modular-monolith-first-claim', 'modular-monolith-in-process-calls']));
    expect(existsSync(path.join(root, 'examples/modular-monolith-in-process-calls/experiment.ts'))).toBe(true);
    expect(existsSync(path.join(root, 'docs/modular-monolith/in-process-calls.mdx'))).toBe(true);
  });

  it('refuses an unknown comparison, naming the known ones and the command that creates it', () => {
    expect(() => planClaim(root, 'event-sourcing', 'event-sourcing-replay', 'Replays are cheap')).toThrow(/no comparison "event-sourcing": known comparisons are modular-monolith\. Create it with npm run new:comparison/);
  });

  it('refuses a taken id, a one-word id and missing words', () => {
    mkdirSync(path.join(root, 'examples/modular-monolith-taken'), { recursive: true });
    expect(() => planClaim(root, 'modular-monolith', 'modular-monolith-taken', 'Taken')).toThrow(/exists already/);
    expect(() => planClaim(root, 'modular-monolith', 'single', 'One word')).toThrow(/at least two words/);
    expect(() => planClaim(root, 'modular-monolith', 'modular-monolith-x', undefined)).toThrow(ScaffoldError);
  });

  // Regression from issue 19: these words broke experiment.ts and the page's heading.
  it('writes odd words as valid code and prose', () => {
    const plan = planClaim(root, 'modular-monolith', 'modular-monolith-odd-words', 'Calls cost */ nothing {at all} <Really');
    expect(plan.create.get('examples/modular-monolith-odd-words/experiment.ts')).toContain(' * modular-monolith-odd-words: Calls cost *\\/ nothing {at all} <Really\n');
    expect(plan.create.get('docs/modular-monolith/odd-words.mdx')).toContain('# Calls cost \\*/ nothing \\{at all\\} \\<Really\n');
  });

  it('refuses words with an invisible character, naming it', () => {
    expect(() => planClaim(root, 'modular-monolith', 'modular-monolith-bell', 'Calls ring \u0007 a bell')).toThrow('holds the invisible character U+0007: remove it');
  });

  it('refuses to add to a comparison file it cannot read, naming the file', () => {
    writeFileSync(path.join(root, 'examples/claims/comparisons/modular-monolith.json'), '{ "claims": [');
    expect(() => planClaim(root, 'modular-monolith', 'modular-monolith-x', 'Some words')).toThrow(/^examples\/claims\/comparisons\/modular-monolith\.json cannot be read as JSON \(.*\): fix it first/);
  });
});

describe('keyFiguresIndex', () => {
  it('imports each claim’s keyFigure under a name of its own, sorted, so that the generated file is stable', () => {
    const index = keyFiguresIndex(['b-second', 'a-first', 'b-second']);
    expect(index.split('\n').filter((line) => line.startsWith('import'))).toEqual([
      "import { keyFigure as aFirst } from '../../a-first/report.ts';",
      "import { keyFigure as bSecond } from '../../b-second/report.ts';",
    ]);
    expect(index).toContain("  'a-first': aFirst,\n  'b-second': bSecond,\n};");
    expect(keyFiguresIndex([])).toContain('= {};');
  });

  it('is the committed examples/claims/comparisons/key-figures.ts for the committed comparisons', () => {
    const folder = path.join(repoRoot, 'examples/claims/comparisons');
    const ids = readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => (JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as { claims: Array<{ id: string }> }).claims.map((claim) => claim.id))
      .filter((id) => existsSync(path.join(repoRoot, 'examples', id, 'report.ts')));
    expect(readFileSync(path.join(folder, 'key-figures.ts'), 'utf8')).toBe(keyFiguresIndex(ids));
  });
});

describe('nextSteps', () => {
  it('names the key figure, the evidence command, the citation format and the per-claim check, in CONTRIBUTING’s order', () => {
    const steps = nextSteps('event-sourcing', 'event-sourcing-replay-cost');
    const order = ['keyFigure', 'experiment.test.ts', 'npm run evidence -- event-sourcing-replay-cost', '"citations"', 'docs/event-sourcing/replay-cost.mdx', 'npm run check -- event-sourcing-replay-cost'];
    expect(order.map((part) => steps.indexOf(part))).toEqual(order.map((part) => steps.indexOf(part)).sort((a, b) => a - b));
    for (const part of order) expect(steps).toContain(part);
  });
});
