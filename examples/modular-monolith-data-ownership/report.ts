import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { exactly } from '../lab/measure/interval.ts';
import { formatRatio } from '../lab/report/format.ts';
import { pickRow } from '../lab/report/pick.ts';
import { formatRatiosBySystem, structureByCut, structureMap, structureRatios, structureTable } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/** The two deployments of the same orders and payments modules. */
export const shapeNames = ['modular monolith', 'microservices'] as const;
/** One deployment. */
export type ShapeName = (typeof shapeNames)[number];

/**
 * Where a planned crash falls, between the payment write and the order write:
 * - `after-payment-write`: the payments side has written the payment and dies before answering;
 * - `before-order-paid`: the orders side has the payment's answer and dies before marking the order paid.
 * In the microservices these are two different processes; in the modular monolith both are the same
 * process, at the same line, inside the open transaction.
 */
export type CrashPoint = 'after-payment-write' | 'before-order-paid';

/** A process of a deployment: which modules it runs and what it logs in to PostgreSQL as. */
export interface DeployedProcess {
  readonly process: string;
  readonly modules: readonly string[];
  /** The role it logs in as, in words: a module's own role, or one that is a member of several. */
  readonly login: string;
}

/**
 * What each shape deploys. The experiment starts these processes with these roles, and the page draws
 * them with {@link topologyMermaid}, so that picture and run cannot differ.
 */
export const topology: Readonly<Record<ShapeName, readonly DeployedProcess[]>> = {
  'modular monolith': [{ process: 'checkout', modules: ['orders', 'payments'], login: 'role checkout (member of orders and payments)' }],
  microservices: [
    { process: 'orders', modules: ['orders'], login: 'role orders' },
    { process: 'payments', modules: ['payments'], login: 'role payments' },
  ],
};

/** Whether a run had planned crashes, or was the control with the same orders and none. */
export type RunKind = 'with crashes' | 'no crashes';

/** One run of N orders on one shape, counted from the stores after the last restart. */
export interface CrashRow {
  readonly shape: ShapeName;
  readonly run: RunKind;
  /** Checkouts the client sent. */
  readonly sent: number;
  /** Checkouts the client saw succeed. */
  readonly acknowledged: number;
  /** Processes that ended by SIGKILL, each restarted on the same database. */
  readonly crashes: number;
  /** Orders rows in the orders module's store. */
  readonly orders: number;
  readonly paidOrders: number;
  /** Orders stored but not paid (awaiting payment, or told it failed), with no payment either: consistent. */
  readonly unpaidOrders: number;
  /** Payments rows in the payments module's store: money taken. */
  readonly payments: number;
  /** Money taken for an order that is not marked paid. */
  readonly paymentsWithoutPaidOrder: number;
  /** Orders marked paid with no payment behind them. */
  readonly paidOrdersWithoutPayment: number;
  /** Orders with either inconsistency. */
  readonly inconsistentOrders: number;
  /** Crashed orders among the inconsistent ones: the crashes that left the two modules disagreeing. */
  readonly crashesLeavingInconsistency: number;
}

/** Which schemas one owner's role may use, as PostgreSQL answers for it. */
export interface OwnershipRow {
  readonly shape: ShapeName;
  /** A module (its role) or a process (the role it logs in as). */
  readonly owner: string;
  readonly checkedWith: "the module's role" | "the process's login role";
  /** Schemas checked. */
  readonly checks: number;
  /** Schemas the role may use (`has_schema_privilege … USAGE`). */
  readonly opened: readonly string[];
  /** Schemas of a module the owner does not hold, among `opened`. */
  readonly foreign: readonly string[];
}

/** The payments module reads the orders table in the modular monolith's database: as its own role, and as the process's login role. */
export interface BoundaryProbe {
  readonly sql: string;
  /** PostgreSQL's error to the payments module's role, or null if it answered. */
  readonly guardedError: string | null;
  /** Rows PostgreSQL returned to the same statement as the process's login role, or null if it failed. */
  readonly unguardedRows: number | null;
}

/** The whole result of a run: plain JSON. */
export interface Result {
  readonly orders: number;
  readonly crashesPlanned: number;
  readonly seed: number;
  readonly rows: readonly CrashRow[];
  readonly ownership: readonly OwnershipRow[];
  readonly probe: BoundaryProbe;
  /** The tables one unit's database login reaches on each reference system's cuts, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/**
 * The crash runs and their controls, as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * crashTable(result).rows[1]; // { shape: 'microservices', run: 'with crashes', crashes: 24, paymentsWithoutPaidOrder: 24, ... }
 * ```
 */
export function crashTable(result: Result): ResultTable {
  return {
    title: `${result.orders} checkouts per run, the process killed with SIGKILL between the payment write and the order write at ${result.crashesPlanned} of them`,
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'run', label: 'run' },
      { key: 'sent', label: 'checkouts sent' },
      { key: 'acknowledged', label: 'succeeded' },
      { key: 'crashes', label: 'SIGKILLs' },
      { key: 'orders', label: 'orders stored' },
      { key: 'paidOrders', label: 'orders paid' },
      { key: 'unpaidOrders', label: 'orders unpaid, not charged' },
      { key: 'payments', label: 'payments stored' },
      { key: 'paymentsWithoutPaidOrder', label: 'charged, order not paid' },
      { key: 'paidOrdersWithoutPayment', label: 'paid, no payment' },
      { key: 'crashesLeavingInconsistency', label: 'crashes leaving inconsistency' },
    ],
    rows: result.rows.map((row) => ({ ...row })),
  };
}

/**
 * The schemas each module's role and each process's login role may use.
 *
 * @example
 * ```ts
 * ownershipTable(result).rows[0]; // { shape: 'modular monolith', owner: 'orders module', opened: 'orders', foreign: 'none', ... }
 * ```
 */
export function ownershipTable(result: Result): ResultTable {
  return {
    title: "The schemas each module's role and each process's login role may use, as PostgreSQL answers",
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'owner', label: 'owner' },
      { key: 'checkedWith', label: 'checked with' },
      { key: 'checks', label: 'schemas checked' },
      { key: 'opened', label: 'may use' },
      { key: 'foreign', label: "another owner's" },
    ],
    rows: result.ownership.map((row) => ({ ...row, opened: row.opened.join(', '), foreign: row.foreign.length ? row.foreign.join(', ') : 'none' })),
  };
}

/**
 * The boundary probe: one database answers whoever holds a role that reaches the table, so the module's own role is what refuses.
 *
 * @example
 * ```ts
 * probeTable(result).rows; // [{ access: "as the payments module's role", outcome: 'refused: permission denied for schema orders' }, { access: "as the checkout process's login role", outcome: 'answered (24 rows)' }]
 * ```
 */
export function probeTable(result: Result): ResultTable {
  const { probe } = result;
  return {
    title: `The payments module reads the orders table in the modular monolith's database: ${probe.sql}`,
    columns: [
      { key: 'access', label: 'access' },
      { key: 'outcome', label: 'outcome' },
    ],
    rows: [
      { access: "as the payments module's role", outcome: probe.guardedError === null ? 'answered' : `refused: ${probe.guardedError}` },
      { access: "as the checkout process's login role (a member of both modules' roles)", outcome: probe.unguardedRows === null ? 'failed' : `answered (${probe.unguardedRows} rows)` },
    ],
  };
}

/** How the reference table names the monolith's row: a modular monolith logs in once too, so it reaches what the monolith reaches. */
const oneLoginCut = 'monolith or modular monolith (one login)';

/**
 * The share of the tables one unit's database login reaches on each reference system's cuts. A
 * modular monolith is one process with one login, so it reads as the monolith's row; a microservice
 * logs in as itself, so its login reaches its own tables only.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[3]; // { system: 'Online Boutique: placing an order', cut: 'monolith or modular monolith (one login)', units: 1, compromisedTablesShare: '100%' }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  const table = structureTable(result.referenceSystems, 'Tables one unit’s database login may read, on each reference system (counted from its file)', [
    { figure: 'compromisedTablesShare', label: 'tables its login may read (share of the system’s, mean over operations)', share: true },
  ]);
  return { ...table, rows: table.rows.map((row) => (row.cut === 'monolith' ? { ...row, cut: oneLoginCut } : row)) };
}

/**
 * The verdict map: the share of tables one unit's login may read, over the same share in the
 * system's own microservices, across granularity. Above 1.1× (the rule's price threshold) one
 * transaction across the modules costs a login that reaches more than a service's.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[1].points[2]; // { x: 13, estimate: 6.5 }: Online Boutique's one login reaches 6.5× a service's tables
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'compromisedTablesShare',
    relativeTo: 'microservices',
    title: 'Tables one database login may read, against the system’s own microservices, as the cut gets finer',
    yLabel: 'share of tables its login reaches ÷ its microservices’',
    threshold: costThreshold,
    aboveThreshold: 'one login reaches more of the data than a service’s: the price of one transaction across the modules',
    belowThreshold: 'no more than a service’s login',
  });
}

/**
 * The deployment of a shape as a Mermaid flowchart: processes, the modules inside them, their schemas.
 *
 * @example
 * ```ts
 * topologyMermaid('microservices'); // 'flowchart LR\n  client([client]) -- "POST /checkout" --> orders …'
 * ```
 */
export function topologyMermaid(shape: ShapeName): string {
  const processes = topology[shape];
  const id = (name: string) => name.replace(/[^a-z0-9]/gi, '_');
  const lines = ['flowchart LR'];
  for (const p of processes) {
    if (p.modules.length > 1) {
      lines.push(`  subgraph ${id(p.process)}_process["${p.process} process"]`);
      for (const module of p.modules) lines.push(`    ${id(p.process)}_${id(module)}["${module} module"]`);
      lines.push('  end');
    } else {
      lines.push(`  ${id(p.process)}_${id(p.modules[0] ?? p.process)}["${p.process} service (process)"]`);
    }
    for (const module of p.modules) lines.push(`  ${id(p.process)}_${id(module)} --- ${id(module)}_schema[("schema ${module}")]`);
  }
  const node = (module: string) => {
    const p = processes.find((candidate) => candidate.modules.includes(module));
    return p ? `${id(p.process)}_${id(module)}` : module;
  };
  lines.push(`  client([client]) -- "POST /checkout" --> ${node('orders')}`);
  const crossing = processes.length > 1 ? 'HTTP, its own commit' : 'function call, same transaction';
  lines.push(`  ${node('orders')} -- "recordPayment (${crossing})" --> ${node('payments')}`);
  return lines.join('\n');
}

const rowOf = (result: Result, shape: ShapeName, run: RunKind) => result.rows.find((row) => row.shape === shape && row.run === run);

/** The schemas of the modules' own that one process's database login may use, at most, in a shape. */
const loginReach = (result: Result, shape: ShapeName) =>
  Math.max(0, ...result.ownership.filter((row) => row.shape === shape && row.checkedWith === "the process's login role").map((row) => row.opened.length));

/**
 * What the figures found, in the terms of the one verdict rule. The benefit the claim names: a crash
 * between the two modules' writes leaves their data consistent. A shape shows it when none of its
 * crashes left an order and its payment disagreeing; the modular monolith shows it only as modules
 * that own their data (no module's role may use another module's schema). The price is what one
 * transaction needs: one database login that reaches every module's schema, counted as the schemas
 * one process's login may use, the modular monolith's against a microservice's (a count, the same on
 * every run). A run without crashes or controls, or whose control went wrong without any crash,
 * measured nothing about crashes: it throws, naming why.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'modular-monolith', shownBy: { 'modular-monolith': true, microservices: false },
 * //   cost: { what: 'schemas one process’s database login may read …', ratio: { estimate: 2, ... } }, because: '0 of 24 crashes …' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const mm = rowOf(result, 'modular monolith', 'with crashes');
  const micro = rowOf(result, 'microservices', 'with crashes');
  const controls = result.rows.filter((row) => row.run === 'no crashes');
  if (!mm || !micro || controls.length < 2) throw new Error('the run lacks a crash run or a control for one of the shapes: nothing to decide from');
  if (mm.crashes === 0 || micro.crashes === 0) throw new Error('no process was killed, so nothing tested what a crash leaves behind');
  const brokenControl = controls.find((row) => row.inconsistentOrders > 0);
  if (brokenControl) throw new Error(`the ${brokenControl.shape} left ${brokenControl.inconsistentOrders} orders inconsistent without any crash: the lab, not the crashes, is at fault`);
  const modulesOwnTheirData = result.ownership.every((row) => row.foreign.length === 0);
  const mmReach = loginReach(result, 'modular monolith');
  const microReach = loginReach(result, 'microservices');
  return {
    credited: 'modular-monolith',
    shownBy: {
      'modular-monolith': modulesOwnTheirData && mm.inconsistentOrders === 0,
      microservices: micro.crashesLeavingInconsistency === 0,
    },
    ...(microReach > 0 ? { cost: { what: "schemas one process's database login may read, the modular monolith's against a microservice's", ratio: exactly(mmReach / microReach) } } : {}),
    because:
      `${mm.crashesLeavingInconsistency} of ${mm.crashes} crashes left the modular monolith inconsistent; ${micro.crashesLeavingInconsistency} of ${micro.crashes} split the microservices' two stores. ` +
      `Price: its login may read ${mmReach} modules' schemas, a service's ${microReach}`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'holds-with-cost', because: '0 of 24 crashes …', rule: 'it costs schemas one process’s database login may read …' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The one figure that matters (null for a run that measured nothing): crashes that left inconsistent data, in each shape.
 *
 * @example
 * ```ts
 * keyFigure(result); // '0 of 24 crashes left inconsistent data in the modular monolith vs 24 of 24 across two services'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const mm = rowOf(result, 'modular monolith', 'with crashes');
  const micro = rowOf(result, 'microservices', 'with crashes');
  if (!mm || !micro) return null;
  return `${mm.crashesLeavingInconsistency} of ${mm.crashes} crashes left inconsistent data in the modular monolith vs ${micro.crashesLeavingInconsistency} of ${micro.crashes} across two services`;
}

/**
 * The counts of one way of delivering the payment event on the *No shared data layer* page
 * (micro-no-shared-data's delivery rows): only the fields this page quotes, typed here so that the
 * two claims share the evidence file, not code.
 */
export interface DeliveryCounts {
  readonly variant: string;
  /** Payments committed in the payments store. */
  readonly committed: number;
  /** SIGKILLs the payments service received. */
  readonly crashes: number;
  /** Payments committed whose order never learned of them. */
  readonly lost: number;
}

/** Everything the claim's page prints, read from its result and from micro-no-shared-data's delivery rows. */
export interface PageFigures {
  /** Checkouts each shape placed per run (a count). */
  readonly orders: number;
  /** Checkouts at which a process killed itself (a count). */
  readonly crashesPlanned: number;
  /** The seed of the shuffle that picked the crashing checkouts. */
  readonly seed: number;
  /** The modular monolith's run with crashes (counts of checkouts, crashes, orders and payments). */
  readonly monolith: CrashRow;
  /** The microservices' run with crashes (counts). */
  readonly microservices: CrashRow;
  /** The modular monolith's run without crashes, the control (counts). */
  readonly monolithControl: CrashRow;
  /** The microservices' run without crashes, the control (counts). */
  readonly microservicesControl: CrashRow;
  /** The statement the boundary probe ran against the orders table. */
  readonly probeSql: string;
  /** What PostgreSQL answered to the process's login role ('216 rows', or that the read failed). */
  readonly probeAnswer: string;
  /** PostgreSQL's refusal to the payments module's role (or that it answered). */
  readonly probeRefusal: string;
  /** Schemas of another owner that a module's or process's role may use, summed over the roles (a count). */
  readonly foreignSchemas: number;
  /** On No shared data layer, writing then publishing: payment events lost, payments committed, crashes (counts). */
  readonly writeThenPublish: { readonly lost: number; readonly committed: number; readonly crashes: number };
  /** On No shared data layer, payment events the transactional outbox lost (a count). */
  readonly outboxLost: number;
  /** Module schemas one process's database login may read: the modular monolith's, a microservice's (counts), and their ratio ('2.00×'). */
  readonly loginReach: { readonly monolith: number; readonly microservice: number; readonly ratio: string };
  /**
   * Per cut, the share of a reference system's tables one unit's login may read (mean over operations),
   * each system in a sentence: 'The lab’s checkout … 25%, …'. The monolith's (and modular monolith's) is all of them.
   */
  readonly referenceTablesShare: { readonly microservices: string; readonly nanoservices: string };
  /** Per system, the one login's share of the tables over a microservice's login's ('… 4.00×, … 6.50× and … 4.36×'): the price on systems shaped like real ones. */
  readonly referenceLoginReachRatios: string;
  /** The verdict map across granularity: tables one login reaches, against the system's own microservices. */
  readonly verdictMap: VerdictMap;
}

/**
 * Everything the page prints, from the claim's result (the reference systems' login reach included) and
 * the delivery rows of micro-no-shared-data's evidence (it throws, naming the row, when either lacks a
 * row the page quotes).
 *
 * @example
 * ```ts
 * const figures = pageFigures(evidence.result, noSharedData.result.delivery);
 * figures.microservices.paymentsWithoutPaidOrder; // 24
 * figures.writeThenPublish; // { lost: 10, committed: 200, crashes: 20 }
 * figures.referenceLoginReachRatios; // 'The lab’s checkout … 4.00×, Online Boutique … 6.50× and An Alibaba-like call tree 4.36×'
 * ```
 */
export function pageFigures(result: Result, deliveries: readonly DeliveryCounts[]): PageFigures {
  const row = (shape: ShapeName, run: RunKind) => pickRow(result.rows, { shape, run });
  const writeThenPublish = pickRow(deliveries, { variant: 'write then publish' });
  const { probe } = result;
  return {
    orders: result.orders,
    crashesPlanned: result.crashesPlanned,
    seed: result.seed,
    monolith: row('modular monolith', 'with crashes'),
    microservices: row('microservices', 'with crashes'),
    monolithControl: row('modular monolith', 'no crashes'),
    microservicesControl: row('microservices', 'no crashes'),
    probeSql: probe.sql,
    probeAnswer: probe.unguardedRows === null ? 'an error: the read failed' : `${probe.unguardedRows} rows`,
    probeRefusal: probe.guardedError ?? 'not refused: it answered',
    foreignSchemas: result.ownership.reduce((sum, owner) => sum + owner.foreign.length, 0),
    writeThenPublish: { lost: writeThenPublish.lost, committed: writeThenPublish.committed, crashes: writeThenPublish.crashes },
    outboxLost: pickRow(deliveries, { variant: 'transactional outbox' }).lost,
    loginReach: {
      monolith: loginReach(result, 'modular monolith'),
      microservice: loginReach(result, 'microservices'),
      ratio: formatRatio(loginReach(result, 'microservices') > 0 ? loginReach(result, 'modular monolith') / loginReach(result, 'microservices') : null),
    },
    referenceTablesShare: {
      microservices: structureByCut(result.referenceSystems, 'compromisedTablesShare', 'microservices', true),
      nanoservices: structureByCut(result.referenceSystems, 'compromisedTablesShare', 'nanoservices', true),
    },
    referenceLoginReachRatios: formatRatiosBySystem(structureRatios(result.referenceSystems, 'compromisedTablesShare', 'monolith', 'microservices')),
    verdictMap: referenceSystemsMap(result),
  };
}
