import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { binomialBound, productRule, successProbability, verdictFor, type ClusterResult } from './report.ts';

let result: ClusterResult;
const row = (shape: ShapeName, p: number, attempts: number, perFunction = 0) => {
  const found = result.rows.find((r) => r.shape === shape && r.failureProbability === p && r.perFunctionFaultRate === perFunction && r.attempts === attempts);
  if (!found) throw new Error(`no row for ${shape}/${p}/${perFunction}/${attempts}`);
  return found;
};
const quick = experiment.params.parse(experiment.quick);

describe('nano-clustered-app (quick run: memory, 0 and 5% per unit, 0 and 5% per function, 1 and 3 attempts, 5 runs of 100 checkouts)', () => {
  beforeAll(async () => {
    result = await experiment.run(quick);
  }, 120_000);

  it('sends every checkout and accounts for each: sent = succeeded + failed, no unexpected error', () => {
    // No fault once per shape; three faulty conditions (per unit, per function, both) with 1 and with 3 attempts.
    expect(result.rows).toHaveLength(3 + 3 * 3 * 2);
    for (const r of result.rows) {
      expect(r.sent).toBe(quick.checkouts * quick.runs);
      expect(r.runsFailed).toHaveLength(quick.runs);
      expect(r.succeeded + r.failed).toBe(r.sent);
      expect(r.unexpectedErrors).toBe(0);
    }
  });

  it('with no injected fault, the clustered nanoservices complete every checkout, like the other shapes', () => {
    for (const shape of ['monolith', 'microservices', 'nanoservices'] as const) {
      const r = row(shape, 0, 1);
      expect([r.succeeded, r.failed, r.refusals, r.charges, r.duplicatedCharges]).toEqual([quick.checkouts * quick.runs, 0, 0, quick.checkouts * quick.runs, 0]);
    }
  });

  it('every failed request met exactly one fault, a unit refusing or a function failing: the chain stops at the first', () => {
    for (const r of result.rows) expect(r.requests - r.succeeded).toBe(r.refusals + r.functionFaults);
  });

  it('measured success lies within the binomial bound of the model (1 − f)^6 · (1 − u)^units, for every shape', () => {
    for (const r of result.rows) {
      const model = successProbability({ perFunction: r.perFunctionFaultRate, perUnit: r.failureProbability, functions: 6, units: r.units, attempts: r.attempts });
      const { low, high } = binomialBound(r.sent, model, result.z);
      expect(r.succeeded, `${r.shape} p=${r.failureProbability} attempts=${r.attempts}`).toBeGreaterThanOrEqual(low);
      expect(r.succeeded, `${r.shape} p=${r.failureProbability} attempts=${r.attempts}`).toBeLessThanOrEqual(high);
      expect(r.withinBound).toBe(true);
    }
  });

  it('under unit faults, six units fail more checkouts than one; under function faults alone, the cuts fail alike', () => {
    expect(row('nanoservices', 0.05, 1).failed).toBeGreaterThan(row('monolith', 0.05, 1).failed);
    // The same six functions run in every cut, so the same per-function rate fails the monolith half-way as often.
    const [mono, nano] = [row('monolith', 0, 1, 0.05), row('nanoservices', 0, 1, 0.05)];
    const { low, high } = binomialBound(mono.sent, successProbability({ perFunction: 0.05, perUnit: 0, functions: 6, units: 6, attempts: 1 }), result.z);
    expect(mono.succeeded).toBeGreaterThanOrEqual(low);
    expect(nano.succeeded).toBeLessThanOrEqual(high);
    expect(mono.chargedButFailed).toBeGreaterThan(0);
  });

  it('retries raise success and charge some carts twice; the monolith too, when a function fails after the charge', () => {
    expect(row('nanoservices', 0.05, 3).succeeded).toBeGreaterThan(row('nanoservices', 0.05, 1).succeeded);
    expect(row('nanoservices', 0.05, 3).duplicatedCharges).toBeGreaterThan(0);
    // A unit refusing at its entry did nothing yet: the monolith's retries then never charge twice.
    expect(row('monolith', 0.05, 3).duplicatedCharges).toBe(0);
    expect(row('monolith', 0, 3, 0.05).duplicatedCharges).toBeGreaterThan(0);
    for (const r of result.rows.filter((r) => r.attempts === 1)) expect(r.duplicatedCharges).toBe(0);
  });

  it('accounts for every charge: charges = succeeded + charged-but-failed + charged twice', () => {
    for (const r of result.rows) expect(r.charges).toBe(r.succeeded + r.chargedButFailed + r.duplicatedCharges);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('nano-clustered-app').verdict);
    expect(experiment.tables(result)[0]?.rows).toHaveLength(result.rows.length);
  });
});

describe('fault injection is reproducible', () => {
  it('the same seed gives the same counts (memory transport, 100 checkouts)', async () => {
    const small = experiment.params.parse({ transport: 'memory', failureProbabilities: [0.05], perFunctionFaultRates: [0.01], attempts: [1], checkouts: 20, onReferenceSystems: false });
    const [first, second] = [await experiment.run(small), await experiment.run(small)];
    expect(second.rows).toEqual(first.rows);
    expect(first.rows.some((r) => r.failed > 0)).toBe(true);
  }, 60_000);
});

describe('productRule, successProbability, binomialBound and verdictFor', () => {
  it('multiplies availabilities and lets retries multiply failures', () => {
    expect(productRule(0.01, 1, 1)).toBeCloseTo(0.99, 10);
    expect(productRule(0.0001, 3, 1)).toBeCloseTo(0.9997, 4); // 99.99 % ^ 3
    expect(productRule(0.5, 1, 2)).toBeCloseTo(0.75, 10);
  });

  it('counts per-function faults once per function, whatever the cut, and unit faults once per unit', () => {
    const model = (units: number) => successProbability({ perFunction: 0.01, perUnit: 0.001, functions: 6, units, attempts: 1 });
    expect(model(1)).toBeCloseTo(0.99 ** 6 * 0.999, 12);
    expect(model(6)).toBeCloseTo(0.99 ** 6 * 0.999 ** 6, 12);
    expect(successProbability({ perFunction: 0, perUnit: 0.01, functions: 6, units: 1, attempts: 1 })).toBeCloseTo(productRule(0.01, 1, 1), 12);
  });

  it('allows only n successes when success is certain, and a band around n·q otherwise', () => {
    expect(binomialBound(500, 1, 3.29)).toEqual({ low: 500, high: 500 });
    const { low, high } = binomialBound(1000, 0.9, 3.29);
    expect(low).toBeLessThan(900);
    expect(high).toBeGreaterThan(900);
    expect(high - low).toBeLessThan(70);
  });

  it('does not hold when checkouts fail without any injected fault, and is misattributed when every cut works', () => {
    const shapesOf = (nanoSucceeded: number): ClusterResult => ({
      transport: 'memory',
      seed: 1,
      z: 3.29,
      runs: 5,
      functions: 6,
      rows: [{ ...baseRow, shape: 'monolith', units: 1 }, { ...baseRow, shape: 'microservices', units: 3 }, { ...baseRow, succeeded: nanoSucceeded, failed: 10 - nanoSucceeded }],
    });
    expect(verdictFor(shapesOf(9)).verdict).toBe('does-not-hold');
    const judgement = verdictFor(shapesOf(10));
    expect(judgement.verdict).toBe('misattributed');
    expect(judgement.because).toBe('every cut composed a working checkout; at a realistic 0.05% faults per unit, 6 units fail 0.30% of checkouts against 0.05% for one');
  });
});

const baseRow = {
  shape: 'nanoservices' as 'monolith' | 'microservices' | 'nanoservices',
  units: 6,
  failureProbability: 0,
  perFunctionFaultRate: 0,
  attempts: 1,
  sent: 10,
  succeeded: 10,
  failed: 0,
  requests: 10,
  refusals: 0,
  functionFaults: 0,
  unexpectedErrors: 0,
  charges: 10,
  duplicatedCharges: 0,
  chargedButFailed: 0,
  expectedSuccessPercent: 100,
  measuredSuccessPercent: 100,
  boundLow: 10,
  boundHigh: 10,
  withinBound: true,
  runsSent: [2, 2, 2, 2, 2],
  runsFailed: [0, 0, 0, 0, 0],
};
