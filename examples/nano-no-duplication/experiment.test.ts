import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from './experiment.ts';
import { noDuplicationVerdict, type NoDuplicationResult } from './report.ts';

let result: NoDuplicationResult;
const row = (shape: string, variant: string) => {
  const found = result.rows.find((r) => r.shape === shape && r.variant === variant);
  if (!found) throw new Error(`no row for ${shape}/${variant}`);
  return found;
};
const origin = (shape: string, variant: string, name: string) => result.origins.find((r) => r.shape === shape && r.variant === variant && r.origin === name);

describe('nano-no-duplication (quick run: monolith and nanoservices, both packagings)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('every bundled fleet, run as real processes, returns the reference receipt', () => {
    expect(result.bundlesAnswerLikeTheReference).toBe(true);
  });

  it('bundles one file per unit: 1 for the monolith, 6 for nanoservices, in each packaging', () => {
    expect(result.units.filter((u) => u.shape === 'monolith')).toHaveLength(2);
    expect(result.units.filter((u) => u.shape === 'nanoservices')).toHaveLength(12);
  });

  it('no source is copied: every unit is built from the same repository files', () => {
    expect(result.copiedSourceFiles).toBe(0);
    expect(result.sourceFiles).toBeGreaterThan(0);
  });

  it('the monolith ships nothing twice; the nanoservice fleet ships each dependency once per unit', () => {
    for (const variant of ['lab', 'own-functions']) {
      expect(row('monolith', variant).duplicatedBytes).toBe(0);
      const nano = row('nanoservices', variant);
      expect(nano.units).toBe(6);
      for (const dependency of ['zod', 'hono', '@hono/node-server']) {
        const bytes = origin('nanoservices', variant, dependency);
        // Byte counts, not timings: six copies of the same code, one of them unique (the minifier's
        // renaming moves a few dozen bytes between bundles, hence 'close to').
        expect((bytes?.shippedBytes ?? 0) / (bytes?.uniqueBytes ?? 1)).toBeCloseTo(6, 1);
        expect((bytes?.duplicatedBytes ?? 0) / (bytes?.uniqueBytes ?? 1)).toBeCloseTo(5, 1);
      }
      expect(nano.duplicatedShare).toBeGreaterThan(0.5);
    }
  });

  it('the lab packaging ships all six functions in every unit; packaging only its own functions ships less business code', () => {
    const functionBytes = (variant: string) => result.units.filter((u) => u.shape === 'nanoservices' && u.variant === variant).map((u) => u.checkoutFunctionBytes);
    const monolithFunctions = result.units.find((u) => u.shape === 'monolith' && u.variant === 'lab')?.checkoutFunctionBytes;
    expect(functionBytes('lab').every((bytes) => bytes === monolithFunctions)).toBe(true);
    expect(functionBytes('own-functions').every((bytes) => bytes > 0 && bytes < (monolithFunctions ?? 0))).toBe(true);
  });

  it('supports the verdict the registry publishes', () => {
    expect(experiment.verdict(result).verdict).toBe(claimById('nano-no-duplication').verdict);
  });

  it('prints a totals table, two by-origin tables and a table of every unit', () => {
    const [totals, ownOrigins, labOrigins, units] = experiment.tables(result);
    expect(totals?.rows).toHaveLength(result.rows.length);
    expect(ownOrigins?.rows.map((r) => r.origin)).toContain('zod');
    expect(labOrigins?.rows.length).toBeGreaterThan(3);
    expect(units?.rows).toHaveLength(result.units.length);
  });
});

describe('noDuplicationVerdict', () => {
  const base: NoDuplicationResult = {
    rows: [
      { shape: 'monolith', variant: 'own-functions', units: 1, shippedBytes: 100, uniqueBytes: 100, duplicatedBytes: 0, duplicatedShare: 0 },
      { shape: 'nanoservices', variant: 'own-functions', units: 6, shippedBytes: 600, uniqueBytes: 110, duplicatedBytes: 490, duplicatedShare: 490 / 600 },
    ],
    origins: [],
    units: [],
    sourceFiles: 10,
    copiedSourceFiles: 0,
    bundlesAnswerLikeTheReference: true,
  };

  it('holds with a cost when no source is copied but the fleet ships copies', () => {
    expect(noDuplicationVerdict(base).verdict).toBe('holds-with-cost');
  });

  it('holds when the nanoservice fleet ships almost nothing twice', () => {
    const lean = { ...base, rows: [{ ...base.rows[1]!, shippedBytes: 600, uniqueBytes: 580, duplicatedBytes: 20, duplicatedShare: 20 / 600 }] };
    expect(noDuplicationVerdict(lean).verdict).toBe('holds');
  });

  it('does not hold when source files were copied', () => {
    expect(noDuplicationVerdict({ ...base, copiedSourceFiles: 2 }).verdict).toBe('does-not-hold');
  });

  it('refuses to judge bundles that do not work', () => {
    expect(noDuplicationVerdict({ ...base, bundlesAnswerLikeTheReference: false }).verdict).toBe('not-testable');
  });
});
