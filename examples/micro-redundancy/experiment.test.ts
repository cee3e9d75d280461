import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { sumOf } from '../lab/report/pick.ts';
import { experiment } from './experiment.ts';
import { verdictFor, type RedundancyResult } from './report.ts';
import { quoteShape } from './redundancy-unit.ts';
import { monolith, microservices, nanoservices } from '../lab/model/shapes.ts';

let result: RedundancyResult;
const cuts = ['monolith', 'microservices', 'nanoservices'] as const;
const kills = (shape: string, mode: string) => result.rows.filter((row) => row.shape === shape && row.mode === mode);
const outages = (shape: string, kind: string) => result.outages.filter((row) => row.shape === shape && row.kind === kind);

describe('micro-redundancy (quick run: every cut, 2 replicas per unit, 150 checkouts per kill, 5 runs)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('every fleet answered a checkout and a quote as the functions do in one call stack', () => {
    expect(result.answersMatch).toBe(true);
  });

  it('every request is accounted for: sent = succeeded + failed, none lost, and the entry balancer received each one', () => {
    expect(result.rows).toHaveLength(3 * 2 * 5);
    for (const row of result.rows) {
      expect(row.stoppedEarly).toBe(false);
      expect(row.sent).toBe(150);
      expect(row.succeeded + row.failed).toBe(row.sent);
      expect(row.lost).toBe(0);
      expect(row.balancerReceived).toBe(row.sent);
    }
    for (const row of result.outages) expect([row.lost, row.succeeded + row.failed, row.stoppedEarly]).toEqual([0, row.sent, false]);
  });

  it('the kill happened under load and the balancers ejected exactly the killed replica', () => {
    for (const row of result.rows) {
      expect(row.answeredBeforeKill).toBeGreaterThan(0);
      expect(row.answeredBeforeKill).toBeLessThan(row.sent);
      expect(row.ejectedReplicas).toBe(1);
      expect(row.detectMs).toBeGreaterThan(0);
      expect(row.spuriousEjections).toBe(0);
      expect(row.noHealthyReplica).toBe(0);
    }
  });

  it('without retries, checkouts in flight on the killed replica fail, in every cut', () => {
    for (const shape of cuts) {
      expect(sumOf(kills(shape, 'no retries'), 'failed')).toBeGreaterThan(0);
      expect(sumOf(kills(shape, 'no retries'), 'retried')).toBe(0);
    }
  });

  it('with one retry on another replica no checkout fails, in every cut', () => {
    for (const shape of cuts) {
      expect(sumOf(kills(shape, 'retry once'), 'retried')).toBeGreaterThan(0);
      // The bound: a retry goes to a live replica, so it can only fail if a second replica dies too.
      for (const row of kills(shape, 'retry once')) expect(row.failed).toBe(0);
    }
  });

  it('with every payments replica dead, every checkout fails in every cut; quotes fail only in the monolith', () => {
    for (const shape of cuts) {
      for (const row of outages(shape, 'checkout')) expect(row.failed).toBe(row.sent);
      for (const row of outages(shape, 'quote')) expect(row.failed).toBe(shape === 'monolith' ? row.sent : 0);
    }
  });

  it('the same redundancy takes replicas × units processes: 2, 6 and 12', () => {
    expect(result.processCounts.map((row) => [row.shape, row.processes])).toEqual([
      ['monolith', 2],
      ['microservices', 6],
      ['nanoservices', 12],
    ]);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('micro-redundancy').verdict);
  });

  it('prints one row per kill, one per outage load and one per shape', () => {
    const [killTable, outageTable, counts] = experiment.tables(result);
    expect(killTable?.rows).toHaveLength(30);
    expect(outageTable?.rows).toHaveLength(30);
    expect(counts?.rows).toHaveLength(3);
  });
});

describe('quoteShape', () => {
  it('cuts every shape after the cart capability: a quote never reaches billing or receipts', () => {
    expect(quoteShape(monolith).units).toEqual([{ name: 'checkout', functions: ['validateCart', 'priceCart', 'applyDiscount'] }]);
    expect(quoteShape(microservices).units.map((unit) => unit.name)).toEqual(['cart']);
    expect(quoteShape(nanoservices).units.map((unit) => unit.name)).toEqual(['validateCart', 'priceCart', 'applyDiscount']);
  });
});
