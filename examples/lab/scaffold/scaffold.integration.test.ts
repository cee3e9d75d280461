import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../files/evidence.ts';

// The scaffolder, run for real in a temporary copy of the project: the claims check must refuse the
// new pending claim, say what to do, and pass once the claim is completed as CONTRIBUTING.md says.
let copy: string;
const run = (script: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(copy, script), ...args], { cwd: copy, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
};
const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(copy, file), change(readFileSync(path.join(copy, file), 'utf8')));
/** What a contributor does once a TODO is done: deletes its line. */
const withoutTodoLines = (text: string) => text.replace(/^.*\bTODO\b.*\n/gm, '');
/** The claim's own words where the scaffold put its placeholder. */
const withWords = (text: string) => text.replaceAll('Demo comparison: the first claim to test (rewrite this)', 'Every shape answers a checkout');

beforeAll(() => {
  copy = mkdtempSync(path.join(os.tmpdir(), 'granularity-copy-'));
  // What the claims check, the scaffolder and `npm run check` read: the code, the pages, the evidence,
  // the components pages import, and the configs of the type check, the linter and the tests.
  for (const entry of ['examples', 'docs', 'evidence', 'src', 'types', 'package.json', 'package-lock.json', 'tsconfig.json', 'eslint.config.mjs', 'vitest.config.ts', 'vitest.setup.ts']) {
    cpSync(path.join(repoRoot, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('new:comparison in a copy of the project', () => {
  it('refuses a bad slug with a message and exit code 2, writing nothing', () => {
    const refused = run('examples/lab/cli/new-comparison.ts', 'Not A Slug', 'Demo');
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/not a valid comparison slug/);
    expect(run('examples/lab/cli/check-claims.ts').code).toBe(0);
  });

  it('scaffolds a comparison whose pending claim the claims check refuses, naming what to do', () => {
    const created = run('examples/lab/cli/new-comparison.ts', 'demo', 'Demo comparison');
    expect(created.code, created.output).toBe(0);
    const check = run('examples/lab/cli/check-claims.ts');
    expect(check.code).toBe(1);
    expect(check.output).toMatch(/demo-first-claim: still pending: .*npm run evidence -- demo-first-claim.*examples\/claims\/comparisons\/demo\.json/);
    expect(check.output).toMatch(/demo-first-claim: no citations/);
    expect(check.output).toContain('npm run check -- demo-first-claim');
    // Only the new claim is refused: the scaffolder touched nothing else.
    expect(check.output.split('\n').filter((line) => line.includes('✗')).every((line) => line.includes('demo-first-claim'))).toBe(true);
  });

  it('fails npm run check for the fresh claim, naming its key figure, each TODO and what to do', () => {
    const check = run('examples/lab/cli/check-claim.ts', 'demo-first-claim');
    expect(check.code, check.output).toBe(1);
    expect(check.output).toContain('✗ key figure\n    → keyFigure in examples/demo-first-claim/report.ts is read from evidence/demo-first-claim.json, which is missing or stale: run npm run evidence -- demo-first-claim');
    expect(check.output).toContain('✗ no scaffold text left');
    for (const file of ['examples/demo-first-claim/experiment.ts', 'examples/demo-first-claim/report.ts', 'examples/demo-first-claim/experiment.test.ts', 'docs/demo/first-claim.mdx', 'docs/demo/index.mdx']) {
      expect(check.output).toMatch(new RegExp(`→ scaffold text left in ${file}:\\d+: ".*TODO`));
    }
    expect(check.output).toMatch(/→ scaffold text left in examples\/demo-first-claim\/report\.ts:\d+: "\* TODO: return the figure your verdict rests on/);
    expect(check.output).toMatch(/→ still pending: /);
    expect(check.output).toMatch(/✗ evidence\n {4}→ evidence\/demo-first-claim\.json is missing/);
    // The skeleton runs: its own tests, types and lint pass, so what fails is what is left to do.
    expect(check.output).toMatch(/✓ type check: .*\n✓ lint: .*\n✓ tests: \d+ tests passed/);
    expect(check.output).toMatch(/\d of 8 checks failed for demo-first-claim/);
  });

  it('passes once the claim is completed: a verdict from the figures, a source, the page showing the evidence, no scaffold text left', () => {
    edit('examples/demo-first-claim/report.ts', (text) =>
      withoutTodoLines(text).replace(
        "return { notYetMeasured: 'the experiment is a skeleton', credited: 'demo', shownBy: { 'demo': false }, because: 'not measured yet' };",
        "return { credited: 'demo', shownBy: { demo: _result.rows.length > 0 }, because: `every one of the ${_result.rows.length} shapes answered` };",
      ),
    );
    edit('examples/demo-first-claim/experiment.ts', (text) => withWords(withoutTodoLines(text)).replace(/^ \* This skeleton .*\n/m, ''));
    edit('examples/demo-first-claim/experiment.test.ts', withoutTodoLines);
    edit('examples/claims/comparisons/demo.json', (text) => {
      const comparison = JSON.parse(text);
      comparison.claims[0].articleSays = 'Every shape answers a checkout';
      comparison.claims[0].verdict = 'holds';
      comparison.claims[0].citations = [{ title: 'MonolithFirst', author: 'Martin Fowler', year: 2015, url: 'https://martinfowler.com/bliki/MonolithFirst.html' }];
      return JSON.stringify(comparison, null, 2);
    });
    edit('docs/demo/index.mdx', withoutTodoLines);
    edit('docs/demo/first-claim.mdx', (text) =>
      withWords(withoutTodoLines(text.replace(/\{\/\*\n {2}TODO[\s\S]*?\*\/\}\n/, ''))).replace(
        "import RunInBrowser from '@site/src/components/RunInBrowser';",
        "import RunInBrowser from '@site/src/components/RunInBrowser';\nimport evidence from '@site/evidence/demo-first-claim.json';\nimport experimentSource from '!!raw-loader!@site/examples/demo-first-claim/experiment.ts';",
      ),
    );
    expect(run('examples/lab/cli/check-claims.ts').output).toMatch(/demo-first-claim: evidence\/demo-first-claim\.json .*npm run evidence -- demo-first-claim/);
    const evidence = run('examples/lab/cli/write-evidence.ts', 'demo-first-claim');
    expect(evidence.code, evidence.output).toBe(0);
    const check = run('examples/lab/cli/check-claims.ts');
    expect(check.output).toMatch(/claims check: \d+ claims/);
    expect(check.code).toBe(0);
    const one = run('examples/lab/cli/check-claim.ts', 'demo-first-claim');
    expect(one.output).toMatch(/✓ key figure: "\d+ network calls per checkout as nanoservices vs 1 as a monolith"/);
    expect(one.code, one.output).toBe(0);
  });

  it('fails npm run check again when a TODO is left in the page, naming the line', () => {
    edit('docs/demo/first-claim.mdx', (text) => `${text}\nTODO: say what the lab does not model.\n`);
    const check = run('examples/lab/cli/check-claim.ts', 'demo-first-claim');
    expect(check.code).toBe(1);
    expect(check.output).toMatch(/✗ no scaffold text left\n {4}→ scaffold text left in docs\/demo\/first-claim\.mdx:\d+: "TODO: say what the lab does not model\.": do what it asks, then delete it/);
    expect(check.output).toContain('1 of 8 checks failed for demo-first-claim');
  });
});

// Issue 19: input that once wrote broken files, run for real. Refused input must leave the project
// as it was; accepted input must give code that the type check and the linter pass, and a registry
// the claims check can load (a reserved-word slug once broke it with an esbuild error).
describe('the scaffolders with odd input, in a copy of the project', () => {
  const oddWords = 'Calls cost */ nothing {at all} <Really `${x}` \\ "quoted" & :colon # é😀';

  it('refuses a clashing or too long slug or claim id with exit status 2, writing nothing', () => {
    const before = readFileSync(path.join(copy, 'examples/claims/comparisons/index.ts'), 'utf8');
    for (const [script, args, message] of [
      ['examples/lab/cli/new-comparison.ts', ['intro', 'Intro vs outro'], 'docs/intro.mdx is a page at the route /docs/intro already: choose another slug'],
      ['examples/lab/cli/new-comparison.ts', ['a'.repeat(300), 'Long'], 'is too long: keep it to 40 characters at most'],
      ['examples/lab/cli/new-claim.ts', ['demo', `demo-${'a'.repeat(300)}`, 'Long words'], 'is too long: keep it to 60 characters at most'],
    ] as const) {
      const refused = run(script, ...args);
      expect(refused.code, refused.output).toBe(2);
      expect(refused.output).toContain(message);
    }
    expect(existsSync(path.join(copy, 'docs/intro'))).toBe(false);
    expect(readFileSync(path.join(copy, 'examples/claims/comparisons/index.ts'), 'utf8')).toBe(before);
  });

  it('writes code that type-checks and lints for a reserved-word slug and odd words, and the claims check loads it', { timeout: 180_000 }, () => {
    const created = run('examples/lab/cli/new-comparison.ts', 'delete', 'Delete vs keep {everything} <Really>', 'delete-odd-words', oddWords);
    expect(created.code, created.output).toBe(0);
    const added = run('examples/lab/cli/new-claim.ts', 'delete', 'delete-more-words', `${oddWords} again`);
    expect(added.code, added.output).toBe(0);
    const code = ['delete-odd-words', 'delete-more-words'].flatMap((id) => ['experiment.ts', 'report.ts', 'experiment.test.ts'].map((file) => `examples/${id}/${file}`));
    code.push('examples/claims/comparisons/index.ts', 'examples/claims/comparisons/key-figures.ts');
    writeFileSync(path.join(copy, 'tsconfig.scaffolded.json'), JSON.stringify({ extends: './tsconfig.json', include: [...code, 'types'] }));
    const node = (script: string, ...args: string[]) => spawnSync(process.execPath, [path.join(copy, 'node_modules', script), ...args], { cwd: copy, encoding: 'utf8', timeout: 120_000 });
    const types = node('typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.scaffolded.json');
    expect(types.status, `${types.stdout}${types.stderr}`).toBe(0);
    const lint = node('eslint/bin/eslint.js', ...code);
    expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0);
    const check = run('examples/lab/cli/check-claims.ts');
    expect(check.output).toMatch(/delete-odd-words: still pending/);
    expect(check.output).not.toMatch(/esbuild|Transform failed|SyntaxError/);
  });
});
