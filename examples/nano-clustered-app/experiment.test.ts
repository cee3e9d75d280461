import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { binomialBound, clusterVerdict, productRule, type ClusterResult } from './report.ts';

let result: ClusterResult;
const row = (shape: ShapeName, p: number, attempts: number) => {
  const found = result.rows.find((r) => r.shape === shape && r.failureProbability === p && r.attempts === attempts);
  if (!found) throw new Error(`no row for ${shape}/${p}/${attempts}`);
  return found;
};
const quick = experiment.params.parse(experiment.quick);

describe('nano-clustered-app (quick run: http, p = 0 and 0.05, 1 and 3 attempts, 200 checkouts each)', () => {
  beforeAll(async () => {
    result = await experiment.run(quick);
  }, 120_000);

  it('sends every checkout and accounts for each: sent = succeeded + failed, no unexpected error', () => {
    // p = 0 once per shape, p = 0.05 with 1 and with 3 attempts per shape.
    expect(result.rows).toHaveLength(3 + 3 * 2);
    for (const r of result.rows) {
      expect(r.sent).toBe(quick.checkouts);
      expect(r.succeeded + r.failed).toBe(r.sent);
      expect(r.unexpectedErrors).toBe(0);
    }
  });

  it('with no injected fault, the clustered nanoservices complete every checkout, like the other shapes', () => {
    for (const shape of ['monolith', 'microservices', 'nanoservices'] as const) {
      const r = row(shape, 0, 1);
      expect([r.succeeded, r.failed, r.refusals, r.charges, r.duplicatedCharges]).toEqual([quick.checkouts, 0, 0, quick.checkouts, 0]);
    }
  });

  it('every failed request was refused by exactly one unit: the chain stops at the first refusal', () => {
    for (const r of result.rows) expect(r.requests - r.succeeded).toBe(r.refusals);
  });

  it('measured success lies within the binomial bound of the product rule (1 − p)^units, for every shape', () => {
    for (const r of result.rows) {
      const { low, high } = binomialBound(r.sent, productRule(r.failureProbability, r.units, r.attempts), result.z);
      expect(r.succeeded, `${r.shape} p=${r.failureProbability} attempts=${r.attempts}`).toBeGreaterThanOrEqual(low);
      expect(r.succeeded, `${r.shape} p=${r.failureProbability} attempts=${r.attempts}`).toBeLessThanOrEqual(high);
      expect(r.withinBound).toBe(true);
    }
  });

  it('without retries, six units fail more checkouts than one', () => {
    expect(row('nanoservices', 0.05, 1).failed).toBeGreaterThan(row('monolith', 0.05, 1).failed);
  });

  it('retries raise success, and in the split shapes they charge some carts twice; the monolith never does', () => {
    expect(row('nanoservices', 0.05, 3).succeeded).toBeGreaterThan(row('nanoservices', 0.05, 1).succeeded);
    expect(row('nanoservices', 0.05, 3).duplicatedCharges).toBeGreaterThan(0);
    expect(row('monolith', 0.05, 3).duplicatedCharges).toBe(0);
    for (const r of result.rows.filter((r) => r.attempts === 1)) expect(r.duplicatedCharges).toBe(0);
  });

  it('accounts for every charge: charges = succeeded + charged-but-failed + charged twice', () => {
    for (const r of result.rows) expect(r.charges).toBe(r.succeeded + r.chargedButFailed + r.duplicatedCharges);
  });

  it('supports the verdict the registry publishes', () => {
    expect(experiment.verdict(result).verdict).toBe(claimById('nano-clustered-app').verdict);
    expect(experiment.tables(result)[0]?.rows).toHaveLength(result.rows.length);
  });
});

describe('fault injection is reproducible', () => {
  it('the same seed gives the same counts (memory transport, 100 checkouts)', async () => {
    const small = experiment.params.parse({ transport: 'memory', failureProbabilities: [0.05], attempts: [1], checkouts: 100 });
    const [first, second] = [await experiment.run(small), await experiment.run(small)];
    expect(second.rows).toEqual(first.rows);
    expect(first.rows.some((r) => r.failed > 0)).toBe(true);
  }, 60_000);
});

describe('productRule, binomialBound and clusterVerdict', () => {
  it('multiplies availabilities and lets retries multiply failures', () => {
    expect(productRule(0.01, 1, 1)).toBeCloseTo(0.99, 10);
    expect(productRule(0.0001, 3, 1)).toBeCloseTo(0.9997, 4); // 99.99 % ^ 3
    expect(productRule(0.5, 1, 2)).toBeCloseTo(0.75, 10);
  });

  it('allows only n successes when success is certain, and a band around n·q otherwise', () => {
    expect(binomialBound(500, 1, 3.29)).toEqual({ low: 500, high: 500 });
    const { low, high } = binomialBound(1000, 0.9, 3.29);
    expect(low).toBeLessThan(900);
    expect(high).toBeGreaterThan(900);
    expect(high - low).toBeLessThan(70);
  });

  it('does not hold when checkouts fail without any injected fault', () => {
    const broken: ClusterResult = {
      transport: 'http',
      seed: 1,
      z: 3.29,
      rows: [{ ...baseRow, succeeded: 9, failed: 1 }],
    };
    expect(clusterVerdict(broken).verdict).toBe('does-not-hold');
    expect(clusterVerdict({ ...broken, rows: [baseRow] }).verdict).toBe('holds');
  });
});

const baseRow = {
  shape: 'nanoservices' as const,
  units: 6,
  failureProbability: 0,
  attempts: 1,
  sent: 10,
  succeeded: 10,
  failed: 0,
  requests: 10,
  refusals: 0,
  unexpectedErrors: 0,
  charges: 10,
  duplicatedCharges: 0,
  chargedButFailed: 0,
  expectedSuccessPercent: 100,
  measuredSuccessPercent: 100,
  boundLow: 10,
  boundHigh: 10,
  withinBound: true,
};
