import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { findLeftovers } from '../lab/processes/leftovers.ts';
import { experiment } from './experiment.ts';
import { becauseWordLimit, wordCount } from '../lab/experiment/verdict-rule.ts';
import { findingFor, keyFigure, lostCheckoutsRatio, redeployTimeRatio, verdictFor, type RedeployRow, type Result } from './report.ts';

let result: Result;
const rowsOf = (shape: RedeployRow['shape']) => result.rows.filter((row) => row.shape === shape);

describe('modular-monolith-independent-deploys (quick run: a change to each module, redeployed in both shapes)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  afterAll(() => {
    expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
  });

  it('redeploys a change to every module in both shapes, both ways round, and each leaves the new release serving', () => {
    expect(result.rows).toHaveLength(12);
    for (const row of result.rows) {
      expect(row.redeploys).toBe(1);
      expect(row.newReleaseServing).toBe(true);
      expect(row.oldExits).toEqual(['0']);
    }
  });

  it('the modular monolith replaces its one process, all 6 functions, whichever module changed', () => {
    for (const row of rowsOf('modular-monolith')) {
      expect([row.unit, row.processesReplaced, row.processesTotal]).toEqual(['checkout', 1, 1]);
      expect([row.functionsRedeployed, row.functionsTotal]).toEqual([6, 6]);
      expect(row.bytesRedeployed).toBe(row.bytesTotal);
    }
  });

  it('the microservices replace 1 of 3 processes, the one holding the module, and never restart the other two', () => {
    for (const row of rowsOf('microservices')) {
      expect([row.unit, row.processesReplaced, row.processesTotal]).toEqual([row.module, 1, 3]);
      expect([row.untouchedProcesses, row.untouchedRestarted]).toEqual([2, 0]);
    }
  });

  it('ships the module’s share of the functions (cart 3, billing 2, receipts 1 of 6), but nearly the whole bundle', () => {
    const micro = Object.fromEntries(rowsOf('microservices').map((row) => [row.module, row]));
    expect([micro.cart?.functionsRedeployed, micro.billing?.functionsRedeployed, micro.receipts?.functionsRedeployed]).toEqual([3, 2, 1]);
    expect(micro.billing?.functionsTotal).toBe(6);
    const mmBundle = rowsOf('modular-monolith')[0]?.bytesRedeployed ?? 0;
    for (const row of rowsOf('microservices')) {
      expect(row.functionBytesRedeployed).toBeLessThan(row.functionBytesTotal);
      // The dependencies (zod, hono) ship with every service: a service's bundle is about the whole modular monolith's.
      expect(row.bytesRedeployed / mmBundle).toBeGreaterThan(0.9);
    }
  });

  it('a start-then-stop loses no checkout in either shape; a stop-then-start loses checkouts in both', () => {
    for (const row of result.rows) {
      expect(row.sent).toBeGreaterThan(0);
      expect(row.succeeded + row.failed).toBe(row.sent);
      if (row.strategy === 'start-then-stop') expect([row.failed, row.unlistedMs]).toEqual([0, 0]);
      else expect(row.failed).toBeGreaterThan(0);
    }
  });

  it('counts what each shape maintains: 1 unit and no network API against 3 units and 2', () => {
    expect(result.shapes.map((shape) => [shape.shape, shape.deployUnits, shape.networkContracts, shape.inProcessBoundaries])).toEqual([
      ['modular-monolith', 1, 0, 2],
      ['microservices', 3, 2, 0],
    ]);
  });

  it('supports the verdict the registry publishes, and names the key figure', () => {
    expect(verdictFor(result).verdict).toBe(claimById('modular-monolith-independent-deploys').verdict);
    expect(wordCount(verdictFor(result).because)).toBeLessThanOrEqual(becauseWordLimit);
    // One round cannot give an interval: the page's ratios need the full run's rounds.
    expect(redeployTimeRatio(result)).toBeNull();
    expect(keyFigure(result)).toBe('a billing change replaces 1 of 3 processes (2 of 6 functions) vs 1 of 1 (6 of 6) in the modular monolith');
    expect(experiment.tables(result).map((table) => table.rows.length)).toEqual([6, 12, 2]);
  });
});

describe('findingFor and verdictFor', () => {
  const rounds = 5;
  const row = (shape: RedeployRow['shape'], module: RedeployRow['module'], strategy: RedeployRow['strategy'], failed: number, wallMs = 600): RedeployRow => {
    const micro = shape === 'microservices';
    const functions = { cart: 3, billing: 2, receipts: 1 }[module];
    return {
      shape, module, strategy, unit: micro ? module : 'checkout', redeploys: rounds,
      processesTotal: micro ? 3 : 1, processesReplaced: 1, untouchedProcesses: micro ? 2 : 0, untouchedRestarted: 0,
      moduleFunctions: functions, functionsRedeployed: micro ? functions : 6, functionsTotal: 6,
      bytesRedeployed: micro ? 499_000 : 500_000, bytesTotal: micro ? 1_500_000 : 500_000, functionBytesRedeployed: micro ? 300 : 1_000, functionBytesTotal: 1_000,
      redeployMs: wallMs, redeployMsByRound: Array.from({ length: rounds }, (_, round) => wallMs + round),
      unlistedMs: strategy === 'stop-then-start' ? 500 : 0, newReleaseServing: true, oldExits: ['0', '0', '0', '0', '0'],
      sent: 300 * rounds, succeeded: (300 - failed) * rounds, failed: failed * rounds, failureWindowMs: failed ? 500 : 0,
      sentByRound: Array.from({ length: rounds }, () => 300), failedByRound: Array.from({ length: rounds }, (_, round) => failed + round),
    };
  };
  const rows = (microFailed: number, mmFailed: number, microWallMs = 600) =>
    (['modular-monolith', 'microservices'] as const).flatMap((shape) =>
      (['cart', 'billing', 'receipts'] as const).flatMap((module) => [
        row(shape, module, 'start-then-stop', 0, shape === 'microservices' ? microWallMs : 600),
        row(shape, module, 'stop-then-start', shape === 'microservices' ? microFailed : mmFailed),
      ]),
    );
  const base: Result = {
    rounds, concurrency: 4, intervalMs: 10, drainMs: 150, rows: rows(200, 180),
    shapes: [
      { shape: 'modular-monolith', deployUnits: 1, networkContracts: 0, inProcessBoundaries: 2, bundleBytes: 500_000 },
      { shape: 'microservices', deployUnits: 3, networkContracts: 2, inProcessBoundaries: 0, bundleBytes: 1_500_000 },
    ],
  };
  const change = (match: (r: RedeployRow) => boolean, patch: Partial<RedeployRow>): Result => ({ ...base, rows: base.rows.map((r) => (match(r) ? { ...r, ...patch } : r)) });

  it('is not testable: deploying one service alone is what a microservice is, and the finding says which definition', () => {
    const judged = verdictFor(base);
    expect(judged.verdict).toBe('not-testable');
    expect(judged.rule).toMatch(/^true by definition: a microservice is deployed on its own/);
    expect(findingFor(base).cost?.ratio.estimate).toBe(3);
  });

  it('says what the definition implies, from the figures: functions and bytes shipped, checkouts lost', () => {
    const { because } = verdictFor(base);
    expect(because).toBe("Separate deployment defines a microservice; a billing change shipped 2 of 6 functions but 99.8% of the monolith's bytes; stopped-then-started, services lost 67% of checkouts, the monolith 60%");
    expect(wordCount(because)).toBeLessThanOrEqual(becauseWordLimit);
  });

  it('puts an interval on how much longer a service took to redeploy, and on how many more checkouts it lost, one ratio per round', () => {
    expect(redeployTimeRatio({ ...base, rows: rows(200, 180, 1200) })?.estimate).toBeCloseTo(1200 / 600, 1);
    const lost = lostCheckoutsRatio(base);
    expect(lost?.runs).toBe(5);
    expect(lost?.low).toBeGreaterThan(1);
    // A modular monolith that lost nothing leaves no ratio to take.
    expect(lostCheckoutsRatio({ ...base, rows: rows(200, 0) })).toBeNull();
  });

  it('refuses a run that contradicts the definitions: a change that restarted another service, or a monolith that shipped part of itself', () => {
    expect(() => findingFor(change((r) => r.shape === 'microservices' && r.module === 'billing', { processesReplaced: 2, untouchedRestarted: 3 }))).toThrow("a fault of the lab's fleet");
    expect(() => findingFor(change((r) => r.shape === 'modular-monolith' && r.module === 'receipts', { functionsRedeployed: 1 }))).toThrow('modular-monolith receipts: 1 of 1 processes, 1 of 6 functions');
  });

  it('refuses to judge when a redeploy left the new release not serving, or a module was not changed', () => {
    expect(() => findingFor(change((r) => r.module === 'cart' && r.shape === 'microservices', { newReleaseServing: false }))).toThrow('new release serving');
    expect(() => findingFor({ ...base, rows: base.rows.filter((r) => r.module !== 'receipts') })).toThrow('did not redeploy a change to every module');
  });
});
