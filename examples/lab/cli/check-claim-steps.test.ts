import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyFigures } from '../../claims/check.ts';
import { claimById, type Claim } from '../../claims/registry.ts';
import { experimentIds } from '../../experiments.ts';
import { contentHash, experimentSourceFiles, hashSourceFiles, repoRoot } from '../files/evidence.ts';
import { claimCheckSteps, claimsCheckSteps, lintStep, typesStep } from './check-claim-steps.ts';

describe('the steps on a published claim of the repository', () => {
  const claim = claimById('modular-monolith-in-process-calls');

  it('pass the claims check’s four steps, saying what each found', async () => {
    const [entry, evidence, figure, scaffold] = await claimsCheckSteps({ claim, root: repoRoot, experimentIds });
    expect([entry, evidence, figure, scaffold].map((step) => step?.ok)).toEqual([true, true, true, true]);
    expect(entry?.lines[0]).toMatch(new RegExp(`^examples/claims/comparisons/modular-monolith\\.json: verdict ${claim.verdict}, \\d citations`));
    expect(evidence?.lines[0]).toMatch(new RegExp(`^evidence/modular-monolith-in-process-calls\\.json: made by today's source \\(hash [0-9a-f]{12}\\), supports ${claim.verdict}; run \\d{4}-\\d\\d-\\d\\d on `));
    expect(figure?.lines[0]).toMatch(/^"microservices [\d.]+× slower per checkout/);
    expect(scaffold?.lines[0]).toContain('docs/modular-monolith/index.mdx');
  });

  it('type-check and lint the claim’s folder', async () => {
    expect(typesStep(repoRoot, claim.id)).toMatchObject({ ok: true, lines: [expect.stringMatching(/^\d+ files of examples\/modular-monolith-in-process-calls\/ and what they import: no error$/)] });
    expect(await lintStep(repoRoot, claim.id)).toMatchObject({ ok: true });
  });

  it('run in the order they are printed, the tests last', () => {
    expect(claimCheckSteps({ claim, root: repoRoot, experimentIds }).map((step) => step.name)).toEqual([
      'registry entry and files (claims check)',
      'evidence',
      'key figure',
      'no scaffold text left',
      'page compiles, its imports resolve',
      'type check',
      'lint',
      'tests',
    ]);
  });
});

describe('the steps on a claim that is not finished', () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const claim: Claim = { id: 'nano-example', architecture: 'nanoservices', articleSays: 'an example claim', verdict: 'pending', page: 'nanoservices/example', citations: [] };
  const figures: KeyFigures = { ids: ['nano-example'], figure: () => null };
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'check-steps-'));
    write('examples/nano-example/experiment.ts', 'export const experiment = 1;\n');
    write('examples/nano-example/report.ts', '// TODO: return the figure your verdict rests on\nexport const keyFigure = () => null;\n');
    write('examples/nano-example/experiment.test.ts', '// a test\n');
    write('docs/nanoservices/example.mdx', '## Example {/* #nano-example */}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('fail where the claim is unfinished, each saying what to do', async () => {
    const steps = await claimsCheckSteps({ claim, root, experimentIds: ['nano-example'], keyFigures: figures });
    expect(steps.map((step) => [step.name, step.ok])).toEqual([
      ['registry entry and files (claims check)', false],
      ['evidence', false],
      ['key figure', false],
      ['no scaffold text left', false],
    ]);
    expect(steps[0]?.lines).toEqual([expect.stringMatching(/^still pending: /), expect.stringMatching(/^no citations: .*"title", "author", "year", "url"/)]);
    expect(steps[1]?.lines).toEqual(['evidence/nano-example.json is missing: run npm run evidence -- nano-example and commit the file']);
    expect(steps[2]?.lines).toEqual(['keyFigure in examples/nano-example/report.ts is read from evidence/nano-example.json, which is missing or stale: run npm run evidence -- nano-example, then check again']);
    expect(steps[3]?.lines).toEqual(['scaffold text left in examples/nano-example/report.ts:1: "// TODO: return the figure your verdict rests on": do what it asks, then delete it']);
  });

  it('name a key figure the evidence cannot give once the evidence is there', async () => {
    const files = await experimentSourceFiles('nano-example', root);
    const content = { params: {}, verdict: { verdict: 'pending' }, result: { rows: [] } };
    write('evidence/nano-example.json', JSON.stringify({ ...content, stamp: { sourceHash: hashSourceFiles(files, root), sourceFiles: files, packages: {}, contentHash: contentHash(content), date: '2026-01-01T00:00:00Z', cpuModel: 'cpu', cores: 2, node: 'v20' } }));
    const [, evidence, figure] = await claimsCheckSteps({ claim, root, experimentIds: ['nano-example'], keyFigures: figures });
    expect(evidence?.ok).toBe(true);
    expect(figure).toEqual({
      name: 'key figure',
      ok: false,
      lines: ['its key figure (keyFigure in examples/nano-example/report.ts) gives null for evidence/nano-example.json: it must return the figure the verdict rests on, with a number and its unit'],
    });
  });

  it('fail the code steps of a testable claim that has no code, and pass those of a claim that cannot be tested', async () => {
    rmSync(path.join(root, 'examples'), { recursive: true });
    const codeSteps = async (verdict: Claim['verdict']) => {
      const steps = claimCheckSteps({ claim: { ...claim, verdict }, root, experimentIds: [], keyFigures: figures }).slice(5);
      return Promise.all(steps.map(async (step) => (await step.run()).ok));
    };
    expect(await codeSteps('holds')).toEqual([false, false, false]);
    expect(await codeSteps('not-testable')).toEqual([true, true, true]);
  });
});
