import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-easy-deploy.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { assumedRealisticKiB, bundleParts, fleetMemoryParts, keyFigure, pageFigures, referenceSystemsTable, sizeComparisons, verdictFor, verdictMapOf, type FleetRow, type Result, type UnitDeployRow } from './report.ts';

const starts = [0.98, 1, 1.02, 0.99, 1.01];
// Business code adds `extra` bytes per function to a unit's bundle, and a little start time and memory.
const unit = (businessKiB: number, shape: UnitDeployRow['shape'], name: string, functions: number, firstAnswerMs: number, rssKiB: number): UnitDeployRow => ({
  shape,
  unit: name,
  businessKiB,
  functions,
  bundleBytes: 500_000 + functions * businessKiB * 1024,
  listeningMs: firstAnswerMs - 10,
  firstAnswerMs,
  rssKiB,
  pssKiB: rssKiB / 2,
  runsFirstAnswerMs: starts.map((factor) => firstAnswerMs * factor),
});
const fleet = (businessKiB: number, shape: FleetRow['shape'], processes: number, pssKiB: number | null, inTurnStartMs: number, atOnceStartMs: number): FleetRow => ({
  shape,
  businessKiB,
  processes,
  bundleBytes: processes * 500_000 + 6 * businessKiB * 1024,
  rssKiB: (pssKiB ?? 90_000) * 2,
  pssKiB,
  inTurnStartMs,
  atOnceStartMs,
  runsMemoryKiB: starts.map((factor) => (pssKiB ?? 180_000) * factor),
});
const sized = (businessKiB: number, extraMs: number) => ({
  units: [
    unit(businessKiB, 'monolith', 'checkout', 6, 80 + 6 * extraMs, 60_000 + 6 * businessKiB * 10),
    unit(businessKiB, 'microservices', 'billing', 2, 85 + 2 * extraMs, 61_000),
    unit(businessKiB, 'nanoservices', 'validateCart', 1, 90 + extraMs, 61_440),
    unit(businessKiB, 'nanoservices', 'priceCart', 1, 95.2 + extraMs, 62_464),
    unit(businessKiB, 'nanoservices', 'calculateTax', 1, 100 + extraMs, 63_488),
    unit(businessKiB, 'nanoservices', 'issueReceipt', 1, 300 + extraMs, 70_000),
  ],
  fleets: [fleet(businessKiB, 'monolith', 1, 30_720 + businessKiB * 60, 80.4, 81.6), fleet(businessKiB, 'microservices', 3, null, 260, 170), fleet(businessKiB, 'nanoservices', 4, 150_528 + businessKiB * 40, 1400.5, 250.2)],
});
const [toy, realistic, large] = [sized(0, 0), sized(assumedRealisticKiB, 10), sized(512, 40)];
const result: Result = {
  units: [...toy.units, ...realistic.units, ...large.units],
  fleets: [...toy.fleets, ...realistic.fleets, ...large.fleets],
  baseline: { listeningMs: 26.6, rssKiB: 40_960, pssKiB: 14_000 },
  starts: 5,
  answersMatch: true,
  referenceSystems: referenceStructures(),
};

describe('sizeComparisons and verdictMapOf', () => {
  it('compares a nanoservice unit with the monolith at each size: the bundle as it is, the rest one ratio per start', () => {
    const comparisons = sizeComparisons(result);
    expect(comparisons.map((c) => c.businessKiB)).toEqual([0, 16, 512]);
    expect(comparisons[0]?.unitBundleRatio).toBe(1);
    expect(comparisons[1]?.unitBundleRatio).toBeCloseTo((500_000 + 16 * 1024) / (500_000 + 6 * 16 * 1024), 10);
    expect(comparisons[1]?.fleetMemoryRatio?.runs).toBe(5);
    expect(comparisons[1]?.fleetMemoryRatio?.estimate).toBeCloseTo((150_528 + 16 * 40) / (30_720 + 16 * 60), 10);
  });

  it('draws the three ratios across the business code, with the assumed realistic size marked', () => {
    const map = verdictMapOf(result);
    expect(map.lines.map((line) => line.series)).toEqual(['bundle, nano unit ÷ monolith', 'time to first answer, nano unit ÷ monolith', 'idle memory, nano fleet ÷ monolith']);
    expect(map.markers).toEqual([{ label: 'assumed realistic: 16 KiB per function', x: 16, source: 'assumed (see the page)' }]);
    expect(map.threshold).toBe(0.75);
  });
});

describe('pageFigures', () => {
  it('quotes one nanoservice unit at the assumed realistic size, as the median over the nanoservice units', () => {
    const figures = pageFigures(result);
    expect(figures.assumedRealistic).toBe('16 KiB');
    expect(figures.nanoUnitBundle).toBe('504.3 KiB');
    expect(figures.nanoUnitFirstAnswer).toBe('108 ms');
    expect(figures.nanoUnitRss).toBe('61.5 MiB');
    expect(figures.monolithUnitBundle).toBe('584.3 KiB');
  });

  it('gives the ratios at the toy, the realistic and the largest size, and where the bundle flips', () => {
    const figures = pageFigures(result);
    expect([figures.toyBundleRatio, figures.realisticBundleRatio, figures.largestBundleRatio]).toEqual(['1.00×', '0.86×', '0.28×']);
    expect(figures.toyFleetMemoryRatio).toBe('4.90× [4.90–4.90×]');
    expect(figures.bundleFlipsAt).toMatch(/^\d+(\.\d)? KiB$/);
    expect(figures.sizesSwept).toBe('0, 16 and 512');
    expect(figures.largestSize).toBe('512 KiB');
  });

  it('quotes the fleets at the realistic size, memory as PSS, and falls back to RSS where PSS is missing', () => {
    const figures = pageFigures(result);
    expect([figures.nanoFleetProcesses, figures.monolithFleetProcesses]).toEqual([4, 1]);
    expect(figures.fleetMemoryBars.map((bar) => bar.memory)).toEqual(['PSS', 'RSS', 'PSS']);
    expect(figures.fleetStartBars).toHaveLength(6);
    expect(figures.baselineListening).toBe('27 ms');
  });

  it('says whether every fleet returned the reference receipt', () => {
    expect(pageFigures(result).answersMatch).toBe('every fleet did');
    expect(pageFigures({ ...result, answersMatch: false }).answersMatch).toBe('at least one fleet did not');
  });

  it('throws, naming what it looked for, when the realistic size was not measured', () => {
    const without = { ...result, units: result.units.filter((u) => u.businessKiB !== 16), fleets: result.fleets.filter((f) => f.businessKiB !== 16) };
    expect(() => pageFigures(without)).toThrow('"businessKiB":16');
  });

  it('finds every figure in the committed evidence', () => {
    const figures = pageFigures(evidence.result as Result);
    expect(missingFigures(figures)).toEqual([]);
    expect(JSON.stringify(figures)).not.toMatch(/NaN|undefined/);
  });
});

describe('bundleParts and the reference systems', () => {
  it('splits a unit’s bundle into what every unit ships and what each operation adds, from every unit measured at the size', () => {
    // The fixture's bundles are 500,000 bytes plus 16 KiB per function: the line must find exactly that.
    const parts = bundleParts(result);
    expect(parts.businessKiB).toBe(16);
    expect(parts.baseBytes).toBeCloseTo(500_000, 6);
    expect(parts.perOperationBytes).toBeCloseTo(16 * 1024, 6);
    expect(() => bundleParts({ ...result, units: result.units.filter((u) => u.shape === 'nanoservices') })).toThrow('cannot be told from the rest');
    expect(() => bundleParts(result, 64)).toThrow('no unit with 64 KiB');
  });

  it('carries the measured parts to each reference system’s cuts, whose units and operations are counted from their files', () => {
    const figures = pageFigures(result);
    expect([figures.referenceBundleBase, figures.referenceBundlePerOperation]).toEqual(['488.3 KiB', '16 KiB']);
    // 6, 13 and 24 operations: a one-operation unit against a monolith of all of them, 516,384 bytes over 598,304, 712,992 and 893,216.
    expect(figures.referenceOperations).toMatch(/checkout.* 6, Online Boutique.* 13 and .*Alibaba.* 24$/);
    expect(figures.referenceNanoToMonolith).toMatch(/checkout.* 0\.86×, Online Boutique.* 0\.72× and .*Alibaba.* 0\.58×$/);
    // Microservices of 6/3, 13/9 and 24/7 operations each: Online Boutique's are within a few KiB of a nanoservice.
    expect(figures.referenceMicroOperationsPerUnit).toMatch(/checkout.* 2, Online Boutique.* 1\.4 and .*Alibaba.* 3\.4$/);
    expect(figures.referenceMicroToMonolith).toMatch(/checkout.* 0\.89×, Online Boutique.* 0\.73× and .*Alibaba.* 0\.62×$/);
    expect(figures.referenceNanoProcesses).toMatch(/checkout.* 6, Online Boutique.* 13 and .*Alibaba.* 24$/);
    // 0.72× and 0.58× are at most 0.75×: a nanoservice ships a clearly smaller file only where the monolith is larger than the checkout's.
    expect([figures.referenceClearlySmaller, figures.smallerUnitThreshold]).toEqual(['Online Boutique: placing an order and An Alibaba-like call tree', '0.75×']);
  });

  it('prices each reference system’s fleet as the monolith’s process plus what each further process added', () => {
    // The fixture's monolith holds 31,680 KiB; its 4-process nanoservice fleet 151,168: (151,168 − 31,680) ÷ 3 per further process.
    const parts = fleetMemoryParts(result);
    expect(parts.monolithKiB).toBe(31_680);
    expect(parts.perExtraProcessKiB).toBeCloseTo((151_168 - 31_680) / 3, 6);
    const figures = pageFigures(result);
    expect(figures.referenceMemoryPerProcess).toBe('38.9 MiB');
    // 1 + (units − 1) × 39,829 ÷ 31,680, for 6, 13 and 24 nanoservices and 3, 9 and 7 microservices.
    expect(figures.referenceNanoMemoryRatio).toMatch(/checkout.* 7\.29×, Online Boutique.* 16\.1× and .*Alibaba.* 29\.9×$/);
    expect(figures.referenceMicroMemoryRatio).toMatch(/checkout.* 3\.51×, Online Boutique.* 11\.1× and .*Alibaba.* 8\.54×$/);
    expect(() => fleetMemoryParts({ ...result, fleets: result.fleets.map((f) => (f.shape === 'nanoservices' ? { ...f, processes: 1 } : f)) })).toThrow('cannot be told');
  });

  it('tables every cut of every reference system, the monolith at 1.00× of itself', () => {
    const table = referenceSystemsTable(result);
    expect(table.rows).toHaveLength(9);
    expect(table.rows.filter((row) => row.cut === 'monolith').map((row) => row.toMonolith)).toEqual(['1.00×', '1.00×', '1.00×']);
    expect(table.rows.find((row) => row.system === 'Online Boutique: placing an order' && row.cut === 'monolith')).toMatchObject({ units: 1, operationsPerUnit: '13', unitBundleKiB: 696.3, memoryToMonolith: '1.00×' });
  });
});

describe('verdictFor', () => {
  it('is misattributed when every cut deploys from its bundles, quoting the realistic size', () => {
    const judgement = verdictFor(result);
    expect(judgement.verdict).toBe('misattributed');
    expect(judgement.because).toBe('each cut’s units deploy as one file; at 16 KiB of business code per function a nano unit ships 0.86× the monolith’s bundle, its fleet 4.77× the memory');
  });

  it('does not hold when a nanoservice fleet did not start to the reference receipt', () => {
    expect(verdictFor({ ...result, answersMatch: false }).verdict).toBe('does-not-hold');
  });
});

describe('keyFigure', () => {
  it('quotes the bundle and the fleet’s memory at the assumed realistic size, as the verdict and the page do', () => {
    const figures = pageFigures(result);
    expect(keyFigure(result)).toBe(
      `at ${figures.assumedRealistic} of business code per function a nanoservice unit ships ${figures.realisticBundleRatio} the monolith’s bundle; its fleet of ${figures.nanoFleetProcesses} processes needs ${figures.realisticFleetMemoryRatio} the memory`,
    );
    expect(keyFigure(result)).toBe('at 16 KiB of business code per function a nanoservice unit ships 0.86× the monolith’s bundle; its fleet of 4 processes needs 4.77× [4.77–4.77×] the memory');
  });

  it('leads with the failed start the verdict then rests on', () => {
    expect(keyFigure({ ...result, answersMatch: false })).toMatch(/^a nanoservice fleet did not start to the reference receipt; at 16 KiB/);
  });

  it('is null when no nanoservice unit was compared with the monolith', () => {
    expect(keyFigure({ ...result, units: result.units.filter((u) => u.shape !== 'nanoservices') })).toBeNull();
  });
});
