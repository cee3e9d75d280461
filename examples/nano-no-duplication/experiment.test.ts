import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from './experiment.ts';
import { wordCount } from '../lab/experiment/verdict-rule.ts';
import { findingFor, verdictFor, type NoDuplicationResult } from './report.ts';

let result: NoDuplicationResult;
const row = (shape: string, variant: string) => {
  const found = result.rows.find((r) => r.shape === shape && r.variant === variant);
  if (!found) throw new Error(`no row for ${shape}/${variant}`);
  return found;
};
const origin = (shape: string, variant: string, name: string) => result.origins.find((r) => r.shape === shape && r.variant === variant && r.origin === name);

describe('nano-no-duplication (quick run: monolith and nanoservices, both packagings, 0 and 1,024 KiB of business code per function)', () => {
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

  it('no source is copied, in any cut: every unit is built from the same repository files', () => {
    expect(result.copiedSourceFiles).toBe(0);
    expect(result.copiedSourceFilesByShape).toEqual({ monolith: 0, nanoservices: 0 });
    expect(result.sourceFiles).toBeGreaterThan(0);
  });

  it('business code of each function’s own is never copied, so the share of copies falls as the functions grow', () => {
    const at = (shape: string, kib: number) => result.businessCode.find((row) => row.shape === shape && row.generatedKiBPerFunction === kib);
    // The realistic size is always measured, besides the sizes asked for.
    expect([...new Set(result.businessCode.map((row) => row.generatedKiBPerFunction))]).toEqual([0, 16, 1024]);
    for (const kib of [16, 1024]) {
      const nano = at('nanoservices', kib);
      const base = at('nanoservices', 0);
      // Byte counts: the generated code adds about six functions' worth to both what is shipped and what is unique.
      expect(((nano?.shippedBytes ?? 0) - (base?.shippedBytes ?? 0)) / (6 * kib * 1024)).toBeCloseTo(1, 1);
      expect(((nano?.uniqueBytes ?? 0) - (base?.uniqueBytes ?? 0)) / (6 * kib * 1024)).toBeCloseTo(1, 1);
      expect(at('monolith', kib)?.duplicatedShare).toBe(0);
    }
    expect(at('nanoservices', 1024)?.duplicatedShare).toBeLessThan(at('nanoservices', 16)?.duplicatedShare ?? 0);
    expect(at('nanoservices', 16)?.duplicatedShare).toBeLessThan(at('nanoservices', 0)?.duplicatedShare ?? 0);
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

  it('supports the verdict the registry publishes: every cut deploys without copied source, so misattributed', () => {
    expect(findingFor(result).shownBy).toEqual({ monolith: true, nanoservices: true });
    expect(verdictFor(result).verdict).toBe(claimById('nano-no-duplication').verdict);
    expect(wordCount(verdictFor(result).because)).toBeLessThanOrEqual(30);
  });

  it('prints a totals table, a business-code table, two by-origin tables and a table of every unit', () => {
    const [totals, business, ownOrigins, labOrigins, units] = experiment.tables(result);
    expect(totals?.rows).toHaveLength(result.rows.length);
    expect(business?.rows).toHaveLength(result.businessCode.length);
    expect(ownOrigins?.rows.map((r) => r.origin)).toContain('zod');
    expect(labOrigins?.rows.length).toBeGreaterThan(3);
    expect(units?.rows).toHaveLength(result.units.length);
  });
});

describe('findingFor', () => {
  const fleet = (shape: 'monolith' | 'nanoservices', shippedBytes: number, uniqueBytes: number) => ({
    shape,
    generatedKiBPerFunction: 16,
    businessBytesPerFunction: 16_500,
    shippedBytes,
    uniqueBytes,
    duplicatedShare: (shippedBytes - uniqueBytes) / shippedBytes,
  });
  const base: NoDuplicationResult = {
    referenceSystems: { systems: [], cuts: [] },
    rows: [
      { shape: 'monolith', variant: 'own-functions', units: 1, shippedBytes: 100, uniqueBytes: 100, duplicatedBytes: 0, duplicatedShare: 0 },
      { shape: 'nanoservices', variant: 'own-functions', units: 6, shippedBytes: 600, uniqueBytes: 110, duplicatedBytes: 490, duplicatedShare: 490 / 600 },
    ],
    origins: [],
    units: [],
    sourceFiles: 10,
    copiedSourceFiles: 0,
    copiedSourceFilesByShape: { monolith: 0, nanoservices: 0 },
    bundlesAnswerLikeTheReference: true,
    businessCode: [fleet('monolith', 1000, 1000), fleet('nanoservices', 4000, 1000)],
    realisticKiBPerFunction: 16,
  };

  it('is misattributed when no cut copies source, and prices the copies at the realistic size', () => {
    const finding = findingFor(base);
    expect(verdictFor(base).verdict).toBe('misattributed');
    expect(finding.cost?.ratio.estimate).toBe(4);
    expect(finding.because).toBe("No cut copied source: all build from one repository. At an assumed 16 KiB of code per function, nanoservices ship 4.00× the monolith's bytes, 75% of them copies");
  });

  it('does not hold when the nanoservices needed copied source files, and holds with its cost when only they did not', () => {
    expect(verdictFor({ ...base, copiedSourceFilesByShape: { monolith: 0, nanoservices: 2 } }).verdict).toBe('does-not-hold');
    expect(verdictFor({ ...base, copiedSourceFilesByShape: { monolith: 2, nanoservices: 0 } }).verdict).toBe('holds-with-cost');
  });

  it('does not credit any cut when the bundles did not work', () => {
    expect(verdictFor({ ...base, bundlesAnswerLikeTheReference: false }).verdict).toBe('does-not-hold');
  });
});
