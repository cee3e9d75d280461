import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/modular-monolith-data-ownership.json';
import noSharedData from '../../evidence/micro-no-shared-data.json';
import { becauseWordLimit, wordCount } from '../lab/experiment/verdict-rule.ts';
import { exactly } from '../lab/measure/interval.ts';
import { cutStructures } from '../lab/model/cut-structure.ts';
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures, sweptSystems } from '../lab/system-run/reference-sweep.ts';
import {
  findingFor,
  keyFigure,
  pageFigures,
  referenceSystemsTable,
  topology,
  topologyMermaid,
  verdictFor,
  type CrashRow,
  type DeliveryCounts,
  type OwnershipRow,
  type Result,
} from './report.ts';

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
  referenceSystems: referenceStructures(),
};
const withRow = (index: number, replacement: CrashRow): Result => ({ ...base, rows: base.rows.map((r, i) => (i === index ? replacement : r)) });

const ownership = (shape: OwnershipRow['shape'], owner: string, checkedWith: OwnershipRow['checkedWith'], opened: string[], foreign: string[] = []): OwnershipRow => ({
  shape,
  owner,
  checkedWith,
  checks: 2,
  opened,
  foreign,
});
// What PostgreSQL answered in the published run: each module's role its own schema, the modular
// monolith's login role both, each service's login role its own.
const reach: OwnershipRow[] = [
  ownership('modular monolith', 'orders module', "the module's role", ['orders']),
  ownership('modular monolith', 'payments module', "the module's role", ['payments']),
  ownership('modular monolith', 'checkout process', "the process's login role", ['orders', 'payments']),
  ownership('microservices', 'orders process', "the process's login role", ['orders']),
  ownership('microservices', 'payments process', "the process's login role", ['payments']),
];
const withReach: Result = { ...base, ownership: reach };

describe('findingFor and verdictFor', () => {
  it('credits the modular monolith when only the microservices lost consistency, at the price of a login that reaches both schemas', () => {
    const finding = findingFor(withReach);
    expect(finding.shownBy).toEqual({ 'modular-monolith': true, microservices: false });
    expect(finding.cost?.ratio).toEqual(exactly(2));
    const judged = verdictFor(withReach);
    expect(judged.verdict).toBe('holds-with-cost');
    expect(judged.because).toBe("0 of 2 crashes left the modular monolith inconsistent; 2 of 2 split the microservices' two stores. Price: its login may read 2 modules' schemas, a service's 1");
    expect(wordCount(judged.because)).toBeLessThanOrEqual(becauseWordLimit);
  });

  it('holds at no price when the process’s login reached no more than a service’s', () => {
    const narrow = reach.map((row) => (row.owner === 'checkout process' ? { ...row, opened: ['orders'] } : row));
    expect(verdictFor({ ...base, ownership: narrow }).verdict).toBe('holds');
  });

  it('does not hold when a crash left the modular monolith inconsistent, or a module’s role opened another module’s schema', () => {
    expect(verdictFor({ ...withRow(0, crashRow('modular monolith', 'with crashes', 2, 1)), ownership: reach }).verdict).toBe('does-not-hold');
    const foreign = reach.map((row) => (row.owner === 'payments module' ? { ...row, opened: ['payments', 'orders'], foreign: ['orders'] } : row));
    expect(verdictFor({ ...base, ownership: foreign }).verdict).toBe('does-not-hold');
  });

  it('is misattributed when the naive microservices survived every crash consistent too', () => {
    expect(verdictFor({ ...withRow(1, crashRow('microservices', 'with crashes', 2, 0)), ownership: reach }).verdict).toBe('misattributed');
  });

  it('counts the microservices as not showing it when only some of their crashes did harm', () => {
    expect(findingFor({ ...withRow(1, crashRow('microservices', 'with crashes', 2, 1)), ownership: reach }).shownBy.microservices).toBe(false);
  });

  it('refuses to judge a run without crashes, without a control, or whose control went wrong without any crash', () => {
    expect(() => findingFor(withRow(0, crashRow('modular monolith', 'with crashes', 0, 0)))).toThrow('no process was killed');
    expect(() => findingFor(withRow(3, crashRow('microservices', 'no crashes', 0, 1)))).toThrow('the lab, not the crashes, is at fault');
    expect(() => findingFor({ ...base, rows: base.rows.slice(0, 2) })).toThrow('lacks a crash run or a control');
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

describe('pageFigures', () => {
  // The four runs told apart by what they sent, the deliveries by what they lost.
  const runs: Result = {
    ...base,
    rows: [
      { ...crashRow('modular monolith', 'with crashes', 2, 0), sent: 11 },
      { ...crashRow('microservices', 'with crashes', 2, 2), sent: 12 },
      { ...crashRow('modular monolith', 'no crashes', 0, 0), sent: 13 },
      { ...crashRow('microservices', 'no crashes', 0, 0), sent: 14 },
    ],
  };
  const deliveries: DeliveryCounts[] = [
    { variant: 'write then publish', committed: 200, crashes: 20, lost: 10 },
    { variant: 'transactional outbox', committed: 200, crashes: 20, lost: 1 },
    { variant: 'outbox, consumer not idempotent', committed: 200, crashes: 20, lost: 3 },
  ];

  it('reads each shape’s crash run and control from its own row', () => {
    const figures = pageFigures(runs, deliveries);
    expect([figures.monolith.sent, figures.microservices.sent, figures.monolithControl.sent, figures.microservicesControl.sent]).toEqual([11, 12, 13, 14]);
    expect(figures.microservices.paymentsWithoutPaidOrder).toBe(2);
    expect(figures.monolith.crashesLeavingInconsistency).toBe(0);
    expect([figures.orders, figures.crashesPlanned, figures.seed]).toEqual([10, 2, 7]);
  });

  it('quotes the write-then-publish and outbox deliveries of the other claim, not the non-idempotent one', () => {
    const figures = pageFigures(runs, deliveries);
    expect(figures.writeThenPublish).toEqual({ lost: 10, committed: 200, crashes: 20 });
    expect(figures.outboxLost).toBe(1);
    expect(() => pageFigures(runs, deliveries.slice(0, 1))).toThrow('{"variant":"transactional outbox"}');
  });

  it('says what PostgreSQL answered to each side of the probe, including when it answered or failed instead', () => {
    const figures = pageFigures(runs, deliveries);
    expect(figures.probeSql).toBe('SELECT id FROM orders.orders');
    expect(figures.probeAnswer).toBe('8 rows');
    expect(figures.probeRefusal).toBe('permission denied for schema orders');
    const inverted = pageFigures({ ...runs, probe: { ...runs.probe, guardedError: null, unguardedRows: null } }, deliveries);
    expect(inverted.probeAnswer).toBe('an error: the read failed');
    expect(inverted.probeRefusal).toBe('not refused: it answered');
  });

  it('counts the module schemas one process’s login may read in each shape, and their ratio', () => {
    expect(pageFigures({ ...runs, ownership: reach }, deliveries).loginReach).toEqual({ monolith: 2, microservice: 1, ratio: '2.00×' });
    expect(pageFigures(runs, deliveries).loginReach.ratio).toBe('–');
  });

  it('counts every schema of another owner that any role may use', () => {
    const owner = base.ownership[0]!;
    const ownership = [owner, { ...owner, owner: 'payments module', foreign: ['orders'] }, { ...owner, owner: 'checkout process', foreign: ['orders', 'payments'] }];
    expect(pageFigures(runs, deliveries).foreignSchemas).toBe(0);
    expect(pageFigures({ ...runs, ownership }, deliveries).foreignSchemas).toBe(3);
  });

  it('reads the tables one login may read on each reference system, and the price of one login against a service’s', () => {
    const figures = pageFigures(runs, deliveries);
    // Counted from the files. The checkout's cart service holds neither of its two tables, billing and receipts one each: 25%.
    // Online Boutique: 6 of its 13 operations sit in a service holding one of its 3 stores, 6 · 1/3 ÷ 13 = 2/13 = 15%. The Alibaba-like tree: 66/288 = 23%.
    expect(figures.referenceTablesShare.microservices).toMatch(/checkout.* 25%, Online Boutique.* 15% and .*Alibaba.* 23%$/);
    expect(figures.referenceTablesShare.nanoservices).toMatch(/checkout.* 17%, Online Boutique.* 15% and .*Alibaba.* 4%$/);
    // One login reaches every table: 1 / 0.25, 13 / 2 and 288 / 66.
    expect(figures.referenceLoginReachRatios).toMatch(/checkout.* 4\.00×, Online Boutique.* 6\.50× and .*Alibaba.* 4\.36×$/);
    expect(figures.verdictMap.threshold).toBe(1.1);
    expect(figures.verdictMap.lines.map((line) => line.points.map((point) => Math.round(point.estimate * 100) / 100))).toEqual([
      [0.67, 1, 4],
      [1, 1, 6.5],
      [0.18, 1, 4.36],
    ]);
    const rows = referenceSystemsTable(runs).rows;
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatchObject({ cut: 'monolith or modular monolith (one login)', compromisedTablesShare: '100%' });
  });

  it('reads a modular monolith as the monolith’s row: the checkout’s file has both cuts, and one login reaches every table in each', () => {
    const checkout = sweptSystems().find(({ system }) => system.name === 'checkout')?.system;
    if (!checkout) throw new Error('the checkout is no longer a reference system');
    const [modular, monolith] = cutStructures(checkout, ['modular-monolith', 'monolith']);
    expect(modular?.compromisedTablesShare).toBe(1);
    expect(modular?.compromisedTablesShare).toBe(monolith?.compromisedTablesShare);
  });

  it('throws, naming the row, for a run without a control', () => {
    expect(() => pageFigures({ ...runs, rows: runs.rows.slice(0, 3) }, deliveries)).toThrow('{"shape":"microservices","run":"no crashes"}');
  });

  it('reads every figure from the committed evidence of both claims, none missing', () => {
    expect(missingFigures(pageFigures(evidence.result as Result, noSharedData.result.delivery))).toEqual([]);
  });
});
