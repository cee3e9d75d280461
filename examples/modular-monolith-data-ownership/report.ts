import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

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

/**
 * The verdict the figures support. The claim holds if no crash of the modular monolith left its modules
 * disagreeing while every crash between the microservices' two commits did, and the controls without
 * crashes stayed consistent; it holds with a cost if, in exchange, the shared database answered the
 * process's read of another module's table (ownership is then a discipline the code must keep, by
 * running each module as its role, not a property of the deployment). It does not hold if the modular monolith left any inconsistency, or if the naive
 * microservices survived every crash consistent; it is conditional if only some crashes did harm, or if
 * a module opened another's tables (then the atomicity came from sharing, not from modules).
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'holds-with-cost', because: 'none of 24 crashes ... ' }
 * ```
 */
export function verdictFor(result: Result): { verdict: Verdict; because: string } {
  const mm = rowOf(result, 'modular monolith', 'with crashes');
  const micro = rowOf(result, 'microservices', 'with crashes');
  const controls = result.rows.filter((row) => row.run === 'no crashes');
  if (!mm || !micro || controls.length < 2) return { verdict: 'not-testable', because: 'the run lacks a crash run or a control for one of the shapes' };
  if (mm.crashes === 0 || micro.crashes === 0) return { verdict: 'not-testable', because: 'no process was killed, so nothing tested what a crash leaves behind' };
  const brokenControl = controls.find((row) => row.inconsistentOrders > 0);
  if (brokenControl) {
    return { verdict: 'not-testable', because: `the ${brokenControl.shape} left ${brokenControl.inconsistentOrders} orders inconsistent without any crash: the lab, not the crashes, is at fault` };
  }
  const foreign = result.ownership.find((row) => row.foreign.length > 0);
  if (foreign) {
    return { verdict: 'conditional', because: `the ${foreign.owner} (${foreign.shape}) opened ${foreign.foreign.join(', ')}, which it does not own: the one transaction came from sharing data, not from modules that own theirs` };
  }
  if (mm.inconsistentOrders > 0) {
    return { verdict: 'does-not-hold', because: `${mm.crashesLeavingInconsistency} of ${mm.crashes} crashes left the modular monolith's modules disagreeing (${mm.inconsistentOrders} orders), despite one transaction` };
  }
  if (micro.crashesLeavingInconsistency === 0) {
    return { verdict: 'does-not-hold', because: `none of ${micro.crashes} crashes between the two services' writes left them inconsistent` };
  }
  if (micro.crashesLeavingInconsistency < micro.crashes) {
    return { verdict: 'conditional', because: `only ${micro.crashesLeavingInconsistency} of ${micro.crashes} crashes between the two services' writes left them inconsistent` };
  }
  const same =
    `none of ${mm.crashes} crashes between the two writes left the modular monolith inconsistent (its transaction rolled back: ${mm.orders} orders, ${mm.payments} payments, ${mm.paidOrders} paid), ` +
    `while all ${micro.crashes} crashes between the two services' commits did: ${micro.paymentsWithoutPaidOrder} customers charged for an order not marked paid, ${micro.paidOrdersWithoutPayment} orders paid without a payment; ` +
    `without crashes both stayed consistent`;
  if (result.probe.unguardedRows !== null) {
    return {
      verdict: 'holds-with-cost',
      because: `${same}. The price: both modules' tables live in one database, which answered the process's read of the orders table (${result.probe.unguardedRows} rows) under its login role; only running each module as its own role refused it`,
    };
  }
  return { verdict: 'holds', because: same };
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
