import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { findLeftovers } from '../lab/processes/leftovers.ts';
import { experiment } from './experiment.ts';
import { keyFigure, verdictFor, type RedeployRow, type Result } from './report.ts';

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
    expect(experiment.verdict(result).verdict).toBe(claimById('modular-monolith-independent-deploys').verdict);
    expect(keyFigure(result)).toBe('a billing change replaces 1 of 3 processes (2 of 6 functions) vs 1 of 1 (6 of 6) in the modular monolith');
    expect(experiment.tables(result).map((table) => table.rows.length)).toEqual([6, 12, 2]);
  });
});

describe('verdictFor', () => {
  const row = (shape: RedeployRow['shape'], module: RedeployRow['module'], strategy: RedeployRow['strategy'], failed: number): RedeployRow => {
    const micro = shape === 'microservices';
    const functions = { cart: 3, billing: 2, receipts: 1 }[module];
    return {
      shape, module, strategy, unit: micro ? module : 'checkout', redeploys: 3,
      processesTotal: micro ? 3 : 1, processesReplaced: 1, untouchedProcesses: micro ? 2 : 0, untouchedRestarted: 0,
      moduleFunctions: functions, functionsRedeployed: micro ? functions : 6, functionsTotal: 6,
      bytesRedeployed: 500_000, bytesTotal: micro ? 1_500_000 : 500_000, functionBytesRedeployed: micro ? 300 : 1_000, functionBytesTotal: 1_000,
      redeployMs: 600, unlistedMs: strategy === 'stop-then-start' ? 500 : 0, newReleaseServing: true, oldExits: ['0', '0', '0'],
      sent: 300, succeeded: 300 - failed, failed, failureWindowMs: failed ? 500 : 0,
    };
  };
  const rows = (microFailed: number, mmFailed: number) =>
    (['modular-monolith', 'microservices'] as const).flatMap((shape) =>
      (['cart', 'billing', 'receipts'] as const).flatMap((module) => [
        row(shape, module, 'start-then-stop', 0),
        row(shape, module, 'stop-then-start', shape === 'microservices' ? microFailed : mmFailed),
      ]),
    );
  const base: Result = {
    rounds: 3, concurrency: 4, intervalMs: 10, drainMs: 150, rows: rows(200, 200),
    shapes: [
      { shape: 'modular-monolith', deployUnits: 1, networkContracts: 0, inProcessBoundaries: 2, bundleBytes: 500_000 },
      { shape: 'microservices', deployUnits: 3, networkContracts: 2, inProcessBoundaries: 0, bundleBytes: 1_500_000 },
    ],
  };
  const change = (match: (r: RedeployRow) => boolean, patch: Partial<RedeployRow>): Result => ({ ...base, rows: base.rows.map((r) => (match(r) ? { ...r, ...patch } : r)) });

  it('holds with a cost when each change stays in its service but a stop-then-start fails checkouts in both shapes', () => {
    const verdict = verdictFor(base);
    expect(verdict.verdict).toBe('holds-with-cost');
    expect(verdict.because).toMatch(/3 deploy pipelines instead of 1 and 2 network APIs/);
  });

  it('holds when the independent redeploy also kept checkouts alive where the modular monolith lost them', () => {
    expect(verdictFor({ ...base, rows: rows(0, 200) }).verdict).toBe('holds');
  });

  it('is conditional when a change to one module also restarted another service', () => {
    expect(verdictFor(change((r) => r.shape === 'microservices' && r.module === 'billing', { processesReplaced: 2, untouchedRestarted: 3 })).verdict).toBe('conditional');
  });

  it('does not hold when every microservices change restarted the whole fleet', () => {
    expect(verdictFor(change((r) => r.shape === 'microservices', { processesReplaced: 3, untouchedRestarted: 6 })).verdict).toBe('does-not-hold');
  });

  it('does not hold when the modular monolith could redeploy part of itself', () => {
    expect(verdictFor(change((r) => r.shape === 'modular-monolith' && r.module === 'receipts', { functionsRedeployed: 1 })).verdict).toBe('does-not-hold');
  });

  it('refuses to judge when a redeploy left the new release not serving, or a module was not changed', () => {
    expect(verdictFor(change((r) => r.module === 'cart' && r.shape === 'microservices', { newReleaseServing: false })).verdict).toBe('not-testable');
    expect(verdictFor({ ...base, rows: base.rows.filter((r) => r.module !== 'receipts') }).verdict).toBe('not-testable');
  });
});
