import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, experimentSourceFiles, hashSourceFiles } from '../lab/files/evidence.ts';
import { checkClaims, keyFigureProblem, type KeyFigures } from './check.ts';
import type { Claim } from './registry.ts';

const claim: Claim = {
  id: 'nano-example',
  architecture: 'nanoservices',
  articleSays: 'an example claim',
  verdict: 'holds',
  page: 'nanoservices/example',
  citations: [{ title: 'A source', author: 'Someone', year: 2020, url: 'https://example.org/source' }],
};

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
// A stand-in for examples/claims/key-figures.ts: the figure is the first row's count, null without rows.
const keyFigures: KeyFigures = {
  ids: ['nano-example'],
  figure: (_id, result) => {
    const first = (result as { rows?: Array<{ n: number }> } | undefined)?.rows?.[0];
    return first ? `${first.n} checkouts measured per shape` : null;
  },
};
const check = (entries: unknown[] = [claim], experimentIds = ['nano-example'], figures = keyFigures) => checkClaims(entries, { experimentIds, root, keyFigures: figures });
const missing = async (entries: unknown[] = [claim], experimentIds = ['nano-example']) => (await check(entries, experimentIds)).map((problem) => `${problem.claim}/${problem.missing}`);

async function writeCompleteClaim(verdict = 'holds') {
  write('examples/nano-example/experiment.ts', 'export const experiment = 1;\n');
  write('examples/nano-example/experiment.test.ts', '// a test\n');
  write('docs/nanoservices/example.mdx', "## Example {/* #nano-example */}\nimport src from '!!raw-loader!@site/examples/nano-example/experiment.ts';\nimport evidence from '@site/evidence/nano-example.json';\n");
  const files = await experimentSourceFiles('nano-example', root);
  const content = { params: {}, verdict: { verdict }, result: { rows: [{ n: 42 }] } };
  write('evidence/nano-example.json', JSON.stringify({ ...content, stamp: { sourceHash: hashSourceFiles(files, root), sourceFiles: files, packages: {}, contentHash: contentHash(content) } }));
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'claims-check-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('checkClaims', () => {
  it('passes a complete claim', async () => {
    await writeCompleteClaim();
    expect(await missing()).toEqual([]);
  });

  it('refuses a pending claim, listing everything it still lacks with the command that does it', async () => {
    expect(await missing([{ ...claim, verdict: 'pending', citations: [] }])).toEqual([
      'nano-example/verdict',
      'nano-example/citations',
      'nano-example/page',
      'nano-example/experiment',
    ]);
    const [pending] = await check([{ ...claim, verdict: 'pending' }], []);
    expect(pending?.message).toMatch(/still pending: .*npm run evidence -- nano-example.*examples\/claims\/registry\.ts/);
  });

  it('refuses a pending claim even when its experiment, evidence and page are complete', async () => {
    await writeCompleteClaim('pending');
    expect(await missing([{ ...claim, verdict: 'pending' }])).toEqual(['nano-example/verdict']);
  });

  it('names the claim and each missing piece', async () => {
    expect(await missing()).toEqual(['nano-example/page', 'nano-example/experiment']);
    const problems = await check([claim], []);
    expect(problems.map((p) => p.message)).toEqual([
      'nano-example: page docs/nanoservices/example.mdx does not exist: write it (npm run new:claim scaffolds one for a new claim)',
      'nano-example: no experiment: write examples/nano-example/experiment.ts exporting `experiment` (npm run new:claim scaffolds one for a new claim)',
    ]);
  });

  it('asks for tests, the page section, and evidence', async () => {
    write('examples/nano-example/experiment.ts', 'export const experiment = 1;\n');
    write('docs/nanoservices/example.mdx', '## Example\n');
    expect(await missing()).toEqual(['nano-example/page', 'nano-example/tests', 'nano-example/page', 'nano-example/page', 'nano-example/evidence']);
  });

  it('refuses evidence produced by other code', async () => {
    await writeCompleteClaim();
    write('examples/nano-example/experiment.ts', 'export const experiment = 2;\n');
    const problems = await check([claim]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/nano-example: evidence\/nano-example.json was produced by other code .*run npm run evidence -- nano-example/);
  });

  it('refuses evidence whose figures were edited after the run, saying so', async () => {
    await writeCompleteClaim();
    const file = path.join(root, 'evidence/nano-example.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"n":42', '"n":24'));
    const problems = await check([claim]);
    expect(problems.map((problem) => problem.missing)).toEqual(['evidence']);
    expect(problems[0]?.message).toMatch(/nano-example: evidence\/nano-example\.json was changed after its run: .*content hash.*run npm run evidence -- nano-example/);
  });

  it('refuses a registry verdict the evidence does not support', async () => {
    await writeCompleteClaim('does-not-hold');
    expect(await missing()).toEqual(['nano-example/evidence']);
    expect((await check())[0]?.message).toBe('nano-example: examples/claims/registry.ts says holds but evidence/nano-example.json supports does-not-hold: change one of them');
  });

  it('needs citations and a page section even when not testable', async () => {
    expect(await missing([{ ...claim, verdict: 'not-testable', citations: [] }])).toEqual(['nano-example/citations', 'nano-example/page']);
  });

  it('refuses an invalid entry and says what is wrong with it', async () => {
    const problems = await check([{ ...claim, id: 'Bad Id', verdict: 'maybe' }], []);
    expect(problems[0]?.message).toMatch(/^Bad Id: invalid registry entry .*a claim id is kebab-case words.*verdict/);
  });

  it('refuses a citation that is not an https URL', async () => {
    const problems = await check([{ ...claim, citations: [{ ...claim.citations[0], url: 'http://example.org' }] }], []);
    expect(problems[0]?.message).toMatch(/a citation URL must be a well-formed https:\/\/ URL/);
  });

  it('refuses a claim listed twice', async () => {
    await writeCompleteClaim();
    expect(await missing([claim, claim])).toEqual(['nano-example/entry']);
  });

  it('names each line of scaffold text left in the claim’s folder, its page and its words, with what to do', async () => {
    await writeCompleteClaim();
    write('examples/nano-example/report.ts', 'export const a = 1;\n// TODO: return the figure your verdict rests on\n');
    write('docs/nanoservices/example.mdx', `${'## Example {/* #nano-example */}'}\nimport src from '!!raw-loader!@site/examples/nano-example/experiment.ts';\nimport evidence from '@site/evidence/nano-example.json';\n\nTODO: the reasoning\n`);
    const messages = (await check([{ ...claim, articleSays: 'Demo vs CRUD: the first claim to test (rewrite this)' }])).filter((p) => p.missing === 'scaffold').map((p) => p.message);
    expect(messages).toEqual([
      'nano-example: its words in examples/claims/registry.ts are the scaffold\'s placeholder ("Demo vs CRUD: the first claim to test (rewrite this)"): write the claim as its source states it, in "articleSays"',
      'nano-example: scaffold text left in docs/nanoservices/example.mdx:5: "TODO: the reasoning": do what it asks, then delete it',
      'nano-example: scaffold text left in examples/nano-example/report.ts:2: "// TODO: return the figure your verdict rests on": do what it asks, then delete it',
    ]);
  });

  it('names the scaffold text of a scaffolded comparison’s overview page once, with its first claim', async () => {
    const inComparison = { ...claim, id: 'demo-example', architecture: 'demo', page: 'demo/example', verdict: 'not-testable' };
    write('examples/claims/comparisons/demo.json', '{}');
    write('docs/demo/example.mdx', '## Example {/* #demo-example */}\n');
    write('docs/demo/index.mdx', '# Demo\n\nTODO: what the two architectures are\n');
    const problems = await check([inComparison, { ...inComparison, id: 'demo-other' }], []);
    expect(problems.filter((p) => p.missing === 'scaffold').map((p) => p.message)).toEqual([
      'demo-example: scaffold text left in docs/demo/index.mdx:3: "TODO: what the two architectures are": do what it asks, then delete it (the comparison\'s overview)',
    ]);
  });

  it('asks for a key figure where the claim has none, naming the file to list it in', async () => {
    await writeCompleteClaim();
    const problems = await check([claim], ['nano-example'], { ...keyFigures, ids: [] });
    expect(problems.map((p) => p.message)).toEqual([
      'nano-example: no key figure: export keyFigure(result) from examples/nano-example/report.ts, the figure the verdict rests on, which the comparison page shows; list it in examples/claims/key-figures.ts',
    ]);
  });

  it('refuses a key figure the comparison page could not show, read from the evidence', async () => {
    await writeCompleteClaim();
    const withFigure = (figure: KeyFigures['figure']) => check([claim], ['nano-example'], { ids: ['nano-example'], figure });
    expect((await withFigure(() => null)).map((p) => p.message)).toEqual([
      'nano-example: its key figure (keyFigure in examples/nano-example/report.ts) gives null for evidence/nano-example.json: it must return the figure the verdict rests on, with a number and its unit',
    ]);
    expect((await withFigure(() => 'always the same 3 things'))[0]?.message).toMatch(/gives "always the same 3 things" for a run that measured nothing/);
    expect((await missing([{ ...claim, verdict: 'not-testable' }])).filter((m) => m.endsWith('key-figure'))).toEqual([]);
  });
});

describe('keyFigureProblem', () => {
  const figures = (figure: KeyFigures['figure']): KeyFigures => ({ ids: ['x'], figure });
  const rows = { rows: [{ n: 7 }] };

  it('accepts a figure with a number that is null for a run that measured nothing', () => {
    expect(keyFigureProblem('x', rows, keyFigures)).toBeUndefined();
  });

  it('says why a figure cannot be shown: null, no number, too short, thrown, or not null for an empty run', () => {
    expect(keyFigureProblem('x', rows, figures(() => null))).toMatch(/^gives null for evidence\/x\.json/);
    expect(keyFigureProblem('x', rows, figures(() => 'a figure without any number'))).toMatch(/^gives "a figure without any number"/);
    expect(keyFigureProblem('x', rows, figures(() => '7 µs'))).toMatch(/^gives "7 µs"/);
    expect(
      keyFigureProblem(
        'x',
        rows,
        figures(() => {
          throw new Error('rows is undefined');
        }),
      ),
    ).toBe('throws for evidence/x.json (rows is undefined)');
    const throwsWhenEmpty = figures((_id, result) => {
      const first = (result as typeof rows).rows[0];
      if (!first) throw new Error('no first row');
      return `${first.n} checkouts measured per shape`;
    });
    expect(keyFigureProblem('x', rows, throwsWhenEmpty)).toBe('throws for a run that measured nothing (no first row): return null when the rows it reads are missing');
  });
});
