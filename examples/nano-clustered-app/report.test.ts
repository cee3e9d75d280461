import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-clustered-app.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { failureRatio, keyFigure, measuredRatios, pageFigures, successProbability, verdictMapOf, zoneLossFailure, type ClusterRow, type Result } from './report.ts';

const units = { monolith: 1, microservices: 3, nanoservices: 6 } as const;

// Five runs of 100 checkouts; `failedPerRun` failed in each run.
const row = (shape: ClusterRow['shape'], perUnit: number, perFunction: number, attempts: number, failedPerRun: number, figures: Partial<ClusterRow> = {}): ClusterRow => ({
  shape,
  units: units[shape],
  failureProbability: perUnit,
  perFunctionFaultRate: perFunction,
  attempts,
  sent: 500,
  succeeded: 500 - 5 * failedPerRun,
  failed: 5 * failedPerRun,
  requests: 500,
  refusals: 0,
  functionFaults: 0,
  unexpectedErrors: 0,
  charges: 500,
  duplicatedCharges: 0,
  chargedButFailed: 0,
  expectedSuccessPercent: 100 - failedPerRun,
  measuredSuccessPercent: 100 - failedPerRun,
  boundLow: 0,
  boundHigh: 500,
  withinBound: true,
  runsSent: [100, 100, 100, 100, 100],
  runsFailed: [failedPerRun - 1, failedPerRun, failedPerRun + 1, failedPerRun, failedPerRun].map((n) => Math.max(n, 0)),
  ...figures,
});

const conditions = [
  [0, 0, 1, { monolith: 0, microservices: 0, nanoservices: 0 }],
  [0.01, 0, 1, { monolith: 1, microservices: 3, nanoservices: 6 }],
  [0.05, 0, 1, { monolith: 5, microservices: 14, nanoservices: 26 }],
  [0.05, 0, 3, { monolith: 0, microservices: 0, nanoservices: 2 }],
  [0, 0.01, 1, { monolith: 6, microservices: 6, nanoservices: 6 }],
  [0, 0.01, 3, { monolith: 0, microservices: 0, nanoservices: 0 }],
] as const;
const result: Result = {
  transport: 'memory',
  seed: 7,
  z: 3.29,
  runs: 5,
  functions: 6,
  rows: conditions.flatMap(([perUnit, perFunction, attempts, failed]) =>
    (['monolith', 'microservices', 'nanoservices'] as const).map((shape) =>
      row(shape, perUnit, perFunction, attempts, failed[shape], {
        ...(perUnit === 0.05 && attempts === 3 && shape === 'nanoservices' ? { duplicatedCharges: 9, measuredSuccessPercent: 98.2 } : {}),
        ...(perFunction === 0.01 && attempts === 1 && shape === 'monolith' ? { chargedButFailed: 4 } : {}),
        ...(perFunction === 0.01 && attempts === 3 && shape === 'monolith' ? { duplicatedCharges: 3 } : {}),
      }),
    ),
  ),
};

describe('the model', () => {
  it('multiplies unit faults by the units and function faults by the functions, whatever the cut', () => {
    expect(failureRatio(0.0005, 0, 6, 6)).toBeCloseTo((1 - 0.9995 ** 6) / 0.0005, 10);
    // Faults every cut shares dilute what granularity adds.
    expect(failureRatio(0.0005, 0.001, 6, 6)).toBeLessThan(failureRatio(0.0005, 0, 6, 6));
    expect(successProbability({ perFunction: 0.01, perUnit: 0, functions: 6, units: 6, attempts: 1 })).toBe(successProbability({ perFunction: 0.01, perUnit: 0, functions: 6, units: 1, attempts: 1 }));
    expect(zoneLossFailure(0.0005, 3)).toBeCloseTo(1 - 0.9995 ** 3, 12);
  });
});

describe('measuredRatios and verdictMapOf', () => {
  it('divides the nanoservices’ failure share by the monolith’s in each run, at each measured per-unit rate', () => {
    const ratios = measuredRatios(result, 0);
    expect(ratios.map((r) => r.perUnit)).toEqual([0.05]); // at 1% the monolith failed nothing in one run: no ratio
    expect(ratios[0]?.ratio.estimate).toBeCloseTo(26 / 5, 5);
    expect(ratios[0]?.ratio.runs).toBe(5);
  });

  it('draws the model for each assumed per-function rate and the measured ratios, with the published per-unit rates marked', () => {
    const map = verdictMapOf(result);
    expect(map.lines.map((line) => line.series)).toEqual(['model, no per-function faults', 'model, 0.01% per function (assumed)', 'model, 0.10% per function (assumed)', 'measured, no per-function faults']);
    expect(map.threshold).toBe(1.1);
    expect(map.markers.map((marker) => marker.x)).toEqual([0.0001, 0.0005]);
  });
});

describe('pageFigures', () => {
  it('gives the realistic rates by the model', () => {
    const figures = pageFigures(result);
    expect([figures.realisticLow, figures.realisticHigh]).toEqual(['0.01%', '0.05%']);
    expect([figures.nanoFailsAtRealistic, figures.monoFailsAtRealistic]).toEqual(['0.30%', '0.05%']);
    expect(figures.ratioAtRealistic).toBe('5.99×');
    expect(figures.assumedPerFunction).toBe('0.10%');
  });

  it('quotes the tail and stress cases as measured, next to the model', () => {
    const figures = pageFigures(result);
    expect([figures.tailFailure, figures.tailNanoMeasured, figures.tailMonoMeasured]).toEqual(['1%', '94.0%', '99.0%']);
    expect([figures.stressFailure, figures.stressNanoMeasured, figures.stressMonoMeasured, figures.stressNanoModel]).toEqual(['5%', '74.0%', '95.0%', '74.00%']);
    // Per run 25/4, 26/5, 27/6, 26/5, 26/5 failed: the median ratio and the bootstrap's extremes.
    expect(figures.stressRatio).toBe('5.20× [4.50–6.25×]');
    expect(figures.tailRatio).toBe('–');
  });

  it('shows per-function faults failing the monolith half-way, and retries charging it twice', () => {
    const figures = pageFigures(result);
    expect(figures.functionStress).toBe('1%');
    expect([figures.functionStressMonoMeasured, figures.functionStressNanoMeasured]).toEqual(['94.0%', '94.0%']);
    expect(figures.monoChargedButFailed).toBe(4);
    expect(figures.monoRetriedDuplicatedCharges).toBe(3);
    expect([figures.nanoRetriedMeasured, figures.nanoRetriedDuplicatedCharges, figures.nanoRetriedSent]).toEqual(['98.2%', 9, 500]);
  });

  it('counts the faultless checkouts and the runs, and computes correlated loss', () => {
    const figures = pageFigures(result);
    expect([figures.faultlessSucceeded, figures.faultlessSent, figures.runs, figures.checkoutsPerRun]).toEqual([1500, 1500, 5, 100]);
    expect([figures.zoneLossOneZone, figures.zoneLossThreeZones]).toEqual(['0.05%', '0.15%']);
    expect(figures.countsWithinBound).toBe('Every');
  });

  it('throws, naming the condition, when a shape lacks the stress case', () => {
    const rows = result.rows.filter((r) => !(r.shape === 'monolith' && r.failureProbability === 0.05 && r.attempts === 1));
    expect(() => pageFigures({ ...result, rows })).toThrow('"shape":"monolith","failureProbability":0.05');
  });

  it('finds every figure in the committed evidence', () => {
    const figures = pageFigures(evidence.result as Result);
    expect(missingFigures(figures)).toEqual([]);
    expect(JSON.stringify(figures)).not.toMatch(/NaN|undefined/);
  });
});

describe('keyFigure', () => {
  it('quotes the realistic case by the model, as the verdict and the page do, not the stress rate', () => {
    const figures = pageFigures(result);
    expect(keyFigure(result)).toBe(
      `at a realistic ${figures.realisticHigh} faults per unit, 6 units fail ${figures.nanoFailsAtRealistic} of checkouts vs ${figures.monoFailsAtRealistic} for one (${figures.ratioAtRealistic}, by the model); 500 of 500 fault-free nanoservice checkouts succeeded`,
    );
    expect(keyFigure(result)).toBe('at a realistic 0.05% faults per unit, 6 units fail 0.30% of checkouts vs 0.05% for one (5.99×, by the model); 500 of 500 fault-free nanoservice checkouts succeeded');
  });

  it('counts the fault-free nanoservice checkouts that failed, which the verdict then rests on', () => {
    const rows = result.rows.map((r) => (r.shape === 'nanoservices' && r.failureProbability === 0 && r.perFunctionFaultRate === 0 && r.attempts === 1 ? { ...r, succeeded: 480, failed: 20 } : r));
    expect(keyFigure({ ...result, rows })).toMatch(/; 480 of 500 fault-free nanoservice checkouts succeeded$/);
  });

  it('is null without a fault-free run of the nanoservices', () => {
    expect(keyFigure({ ...result, rows: result.rows.filter((r) => r.failureProbability > 0) })).toBeNull();
  });
});
