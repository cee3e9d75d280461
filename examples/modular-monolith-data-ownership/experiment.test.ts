import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { findLeftovers } from '../lab/processes/leftovers.ts';
import { experiment } from './experiment.ts';
import { keyFigure, verdictFor, type CrashRow, type Result, type RunKind, type ShapeName } from './report.ts';

let result: Result;
const row = (shape: ShapeName, run: RunKind): CrashRow => {
  const found = result.rows.find((r) => r.shape === shape && r.run === run);
  if (!found) throw new Error(`no row for ${shape}, ${run}`);
  return found;
};

describe('modular-monolith-data-ownership (quick run: 12 checkouts, a process killed at 4 of them)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('sends every checkout and kills a process with SIGKILL exactly where planned, in both shapes', () => {
    for (const shape of ['modular monolith', 'microservices'] as const) {
      expect(row(shape, 'with crashes')).toMatchObject({ sent: 12, crashes: 4, acknowledged: 8 });
      expect(row(shape, 'no crashes')).toMatchObject({ sent: 12, crashes: 0, acknowledged: 12 });
    }
  });

  it('the modular monolith: no crash leaves its modules disagreeing, and a crashed checkout leaves nothing behind', () => {
    const mm = row('modular monolith', 'with crashes');
    expect(mm).toMatchObject({ inconsistentOrders: 0, paymentsWithoutPaidOrder: 0, paidOrdersWithoutPayment: 0, crashesLeavingInconsistency: 0 });
    // The transaction rolled back the order and the payment of each crashed checkout: 12 - 4.
    expect(mm).toMatchObject({ orders: 8, payments: 8, paidOrders: 8, unpaidOrders: 0 });
  });

  it('the microservices: every crash between the two commits charges a customer for an order not marked paid', () => {
    const micro = row('microservices', 'with crashes');
    expect(micro.crashesLeavingInconsistency).toBe(4);
    expect(micro.inconsistentOrders).toBeGreaterThan(0);
    expect(micro).toMatchObject({ orders: 12, payments: 12, paidOrders: 8, paymentsWithoutPaidOrder: 4, paidOrdersWithoutPayment: 0 });
  });

  it('without crashes both shapes stay consistent: the inconsistency comes from the crashes, not from the lab', () => {
    for (const shape of ['modular monolith', 'microservices'] as const) {
      expect(row(shape, 'no crashes')).toMatchObject({ orders: 12, payments: 12, paidOrders: 12, inconsistentOrders: 0 });
    }
  });

  it("each module's role may use only its own schema, each service's login role only its own, the monolith's both", () => {
    expect(result.ownership).toHaveLength(7);
    for (const access of result.ownership) {
      expect(access.foreign).toEqual([]);
      expect(access.checks).toBe(2);
    }
    const opened = (shape: ShapeName, owner: string) => result.ownership.find((r) => r.shape === shape && r.owner === owner)?.opened;
    expect(opened('modular monolith', 'orders module')).toEqual(['orders']);
    expect(opened('modular monolith', 'payments module')).toEqual(['payments']);
    expect(opened('modular monolith', 'checkout process')).toEqual(['orders', 'payments']);
    expect(opened('microservices', 'orders process')).toEqual(['orders']);
    expect(opened('microservices', 'payments process')).toEqual(['payments']);
  });

  it("the shared database answers the process's read of another module's table; only the module's own role refuses it", () => {
    expect(result.probe.guardedError).toBe('permission denied for schema orders');
    expect(result.probe.unguardedRows).toBe(row('modular monolith', 'with crashes').orders);
  });

  it('supports the verdict the registry publishes, with its key figure and a table per part', () => {
    expect(verdictFor(result).verdict).toBe(claimById('modular-monolith-data-ownership').verdict);
    expect(keyFigure(result)).toBe('0 of 4 crashes left inconsistent data in the modular monolith vs 4 of 4 across two services');
    expect(experiment.tables(result).map((table) => table.rows.length)).toEqual([4, 7, 2]);
  });

  it('leaves no process or socket behind: every service process, the esbuild service and every server were stopped by the run', () => {
    expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
  });
});
