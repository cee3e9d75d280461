import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { experimentSourceFiles, hashSourceFiles } from '../lab/evidence.ts';
import { checkClaims } from './check.ts';
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
const missing = async (entries: unknown[] = [claim], experimentIds = ['nano-example']) =>
  (await checkClaims(entries, { experimentIds, root })).map((problem) => `${problem.claim}/${problem.missing}`);

async function writeCompleteClaim(verdict = 'holds') {
  write('examples/nano-example/experiment.ts', 'export const experiment = 1;\n');
  write('examples/nano-example/experiment.test.ts', '// a test\n');
  write('docs/nanoservices/example.mdx', "## Example {/* #nano-example */}\nimport src from '!!raw-loader!@site/examples/nano-example/experiment.ts';\nimport evidence from '@site/evidence/nano-example.json';\n");
  const files = await experimentSourceFiles('nano-example', root);
  write('evidence/nano-example.json', JSON.stringify({ verdict: { verdict }, stamp: { sourceHash: hashSourceFiles(files, root), sourceFiles: files } }));
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
    const [pending] = await checkClaims([{ ...claim, verdict: 'pending' }], { experimentIds: [], root });
    expect(pending?.message).toMatch(/still pending: .*npm run evidence -- nano-example.*examples\/claims\/registry\.ts/);
  });

  it('refuses a pending claim even when its experiment, evidence and page are complete', async () => {
    await writeCompleteClaim('pending');
    expect(await missing([{ ...claim, verdict: 'pending' }])).toEqual(['nano-example/verdict']);
  });

  it('names the claim and each missing piece', async () => {
    expect(await missing()).toEqual(['nano-example/page', 'nano-example/experiment']);
    const problems = await checkClaims([claim], { experimentIds: [], root });
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
    const problems = await checkClaims([claim], { experimentIds: ['nano-example'], root });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/nano-example: evidence\/nano-example.json was produced by other code .*run npm run evidence -- nano-example/);
  });

  it('refuses a registry verdict the evidence does not support', async () => {
    await writeCompleteClaim('does-not-hold');
    expect(await missing()).toEqual(['nano-example/verdict']);
  });

  it('needs citations and a page section even when not testable', async () => {
    expect(await missing([{ ...claim, verdict: 'not-testable', citations: [] }])).toEqual(['nano-example/citations', 'nano-example/page']);
  });

  it('refuses an invalid entry and says what is wrong with it', async () => {
    const problems = await checkClaims([{ ...claim, id: 'Bad Id', verdict: 'maybe' }], { experimentIds: [], root });
    expect(problems[0]?.message).toMatch(/^Bad Id: invalid registry entry .*a claim id is kebab-case words.*verdict/);
  });

  it('refuses a citation that is not an https URL', async () => {
    const problems = await checkClaims([{ ...claim, citations: [{ ...claim.citations[0], url: 'http://example.org' }] }], { experimentIds: [], root });
    expect(problems[0]?.message).toMatch(/a citation URL must be a well-formed https:\/\/ URL/);
  });

  it('refuses a claim listed twice', async () => {
    await writeCompleteClaim();
    expect(await missing([claim, claim])).toEqual(['nano-example/entry']);
  });
});
