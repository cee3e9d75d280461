import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFigure } from '../../examples/claims/key-figures.ts';
import { claims } from '../../examples/claims/registry.ts';
import { readEvidence } from '../../examples/lab/files/evidence.ts';
import { claimFigures } from './index.ts';

const folders: string[] = [];
const evidenceFolder = () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'claim-figures-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('claimFigures', () => {
  it('gives every claim of the registry a row, with the key figure of the evidence the repository holds', () => {
    const figures = claimFigures('evidence');
    expect(Object.keys(figures).sort()).toEqual(claims.map((claim) => claim.id).sort());
    const chaining = readEvidence('nano-chaining');
    expect(figures['nano-chaining']).toEqual({ figure: keyFigure('nano-chaining', chaining?.result), hasEvidence: true });
    expect(figures['nano-chaining']?.figure).toMatch(/ µs \[[^\]]+ µs\] per HTTP hop, /);
  });

  it('reads only the folder it is given: a claim without an evidence file has no figure', () => {
    const folder = evidenceFolder();
    copyFileSync('evidence/nano-chaining.json', path.join(folder, 'nano-chaining.json'));
    const figures = claimFigures(folder);
    expect(figures['nano-chaining']?.hasEvidence).toBe(true);
    expect(figures['micro-redundancy']).toEqual({ figure: null, hasEvidence: false });
  });

  it('shows no figure for a claim its experiment could not test, though it links the evidence', () => {
    const folder = evidenceFolder();
    const evidence = readEvidence('micro-redundancy');
    writeFileSync(path.join(folder, 'micro-redundancy.json'), JSON.stringify({ ...evidence, verdict: { ...evidence?.verdict, verdict: 'not-testable' } }));
    expect(claimFigures(folder)['micro-redundancy']).toEqual({ figure: null, hasEvidence: true });
  });

  it('gives no evidence to any claim when the folder does not exist', () => {
    const figures = claimFigures(path.join(evidenceFolder(), 'missing'));
    expect(Object.values(figures).every((row) => !row.hasEvidence && row.figure === null)).toBe(true);
  });
});
