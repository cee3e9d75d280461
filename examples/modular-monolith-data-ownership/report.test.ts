import { describe, expect, it } from 'vitest';
import { keyFigure, topology, topologyMermaid, verdictFor, type CrashRow, type Result } from './report.ts';

const crashRow = (shape: CrashRow['shape'], run: CrashRow['run'], crashes: number, inconsistent: number): CrashRow => ({
  shape,
  run,
  sent: 10,
  acknowledged: 10 - crashes,
  crashes,
  orders: 10,
  paidOrders: 10 - inconsistent,
  unpaidOrders: 0,
  payments: 10,
  paymentsWithoutPaidOrder: inconsistent,
  paidOrdersWithoutPayment: 0,
  inconsistentOrders: inconsistent,
  crashesLeavingInconsistency: Math.min(crashes, inconsistent),
});

const base: Result = {
  orders: 10,
  crashesPlanned: 2,
  seed: 7,
  rows: [
    crashRow('modular monolith', 'with crashes', 2, 0),
    crashRow('microservices', 'with crashes', 2, 2),
    crashRow('modular monolith', 'no crashes', 0, 0),
    crashRow('microservices', 'no crashes', 0, 0),
  ],
  ownership: [{ shape: 'modular monolith', owner: 'orders module', checkedWith: "the module's role", checks: 2, opened: ['orders'], foreign: [] }],
  probe: { sql: 'SELECT id FROM orders.orders', guardedError: 'permission denied for schema orders', unguardedRows: 8 },
};
const withRow = (index: number, replacement: CrashRow): Result => ({ ...base, rows: base.rows.map((r, i) => (i === index ? replacement : r)) });

describe('verdictFor', () => {
  it('holds with a cost when only the microservices lost consistency and the shared database answered the login role’s read', () => {
    expect(verdictFor(base).verdict).toBe('holds-with-cost');
  });

  it('holds outright if the store itself had refused the foreign read', () => {
    expect(verdictFor({ ...base, probe: { ...base.probe, unguardedRows: null } }).verdict).toBe('holds');
  });

  it('does not hold when a crash left the modular monolith inconsistent', () => {
    expect(verdictFor(withRow(0, crashRow('modular monolith', 'with crashes', 2, 1))).verdict).toBe('does-not-hold');
  });

  it('does not hold when the naive microservices survived every crash consistent', () => {
    expect(verdictFor(withRow(1, crashRow('microservices', 'with crashes', 2, 0))).verdict).toBe('does-not-hold');
  });

  it('is conditional when only some crashes hurt the microservices, or a module opened another module’s table', () => {
    expect(verdictFor(withRow(1, crashRow('microservices', 'with crashes', 2, 1))).verdict).toBe('conditional');
    const foreign = { ...base.ownership[0]!, foreign: ['payments'] };
    expect(verdictFor({ ...base, ownership: [foreign] }).verdict).toBe('conditional');
  });

  it('is not testable without crashes, or when a control without crashes is already inconsistent', () => {
    expect(verdictFor(withRow(0, crashRow('modular monolith', 'with crashes', 0, 0))).verdict).toBe('not-testable');
    expect(verdictFor(withRow(3, crashRow('microservices', 'no crashes', 0, 1))).verdict).toBe('not-testable');
    expect(verdictFor({ ...base, rows: base.rows.slice(0, 2) }).verdict).toBe('not-testable');
  });
});

describe('keyFigure', () => {
  it('reads the crashes that left inconsistency in each shape', () => {
    expect(keyFigure(base)).toBe('0 of 2 crashes left inconsistent data in the modular monolith vs 2 of 2 across two services');
  });

  it('is null for a run without crash rows', () => {
    expect(keyFigure({ ...base, rows: [] })).toBeNull();
  });
});

describe('topologyMermaid', () => {
  it('draws every process and module schema the experiment deploys, and how the modules meet', () => {
    const mm = topologyMermaid('modular monolith');
    expect(mm).toContain('schema orders');
    expect(mm).toContain('schema payments');
    expect(mm).toContain('same transaction');
    const micro = topologyMermaid('microservices');
    for (const p of topology.microservices) expect(micro).toContain(`${p.process} service (process)`);
    expect(micro).toContain('HTTP, its own commit');
  });
});
