import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { openFilesUnder } from '../lab/processes/proc.ts';
import { bundleServices, startService, type RunningService } from '../lab/processes/service-process.ts';
import { crashPlanFor, orderIdOf } from './crash-plan.ts';
import { moduleTables, type TableAudit } from './module-tables.ts';
import { runModularMonolith } from './monolith-process.ts';
import type { OrdersReport } from './orders-module.ts';
import { runOrdersService } from './orders-service.ts';
import type { PaymentsReport } from './payments-module.ts';
import { runPaymentsService } from './payments-service.ts';
import {
  crashTable,
  ownershipTable,
  probeTable,
  topology,
  verdictFor,
  type BoundaryProbe,
  type CrashPoint,
  type CrashRow,
  type OwnershipRow,
  type Result,
  type RunKind,
  type ShapeName,
} from './report.ts';

// Imported, not only named in generated entries, so that the processes are part of this module's import
// graph (and of the source hash of the evidence).
const entries = {
  checkout: { file: fileURLToPath(new URL('./monolith-process.ts', import.meta.url)), run: runModularMonolith.name },
  orders: { file: fileURLToPath(new URL('./orders-service.ts', import.meta.url)), run: runOrdersService.name },
  payments: { file: fileURLToPath(new URL('./payments-service.ts', import.meta.url)), run: runPaymentsService.name },
};
type ProcessName = keyof typeof entries;
const crashTimeoutMs = 10_000;

const params = z.object({
  orders: z.number().int().min(2).max(2_000).default(240),
  /** Orders at which a process is killed, half after the payment write and half before the order write. */
  crashes: z.number().int().min(0).max(200).default(24),
  seed: z.number().int().default(7),
  maxSecondsPerRun: z.number().positive().max(120).default(40),
});
type Params = z.output<typeof params>;

/** The SQL the boundary probe runs as the payments module against the orders table. */
export const probeSql = 'SELECT id, status FROM orders_orders';

function exitWithin(service: RunningService, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`process ${service.pid} did not crash within ${ms} ms`)), ms);
  });
  return Promise.race([service.exited, timeout]).finally(() => clearTimeout(timer));
}

/** The database files under the run's directory one process name was seen holding open, over all its incarnations. */
class FileWatch {
  readonly files = new Set<string>();
  samples = 0;
  constructor(private readonly dir: string) {}
  sample(service: RunningService | undefined) {
    if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
    this.samples++;
    // The -wal and -shm files belong to their database: count the database.
    for (const file of openFilesUnder(service.pid, this.dir)) this.files.add(path.basename(file).replace(/-(wal|shm|journal)$/, ''));
  }
}

interface StoreReports {
  readonly orders: OrdersReport;
  readonly payments: PaymentsReport;
  readonly audits: readonly TableAudit[];
}

/**
 * The payments module, on the modular monolith's file after the run, reads the orders table: once
 * through its guard and once on the bare connection.
 */
function probeBoundary(file: string): BoundaryProbe {
  const db = new Database(file, { fileMustExist: true });
  try {
    let guardedError: string | null = null;
    try {
      moduleTables(db, 'payments').prepare(probeSql);
    } catch (error) {
      guardedError = (error as Error).message;
    }
    let unguardedRows: number | null = null;
    try {
      unguardedRows = db.prepare(probeSql).all().length;
    } catch {
      // Left null: the table the probe reads is missing.
    }
    return { sql: probeSql, guardedError, unguardedRows };
  } finally {
    db.close();
  }
}

async function runShape(shape: ShapeName, run: RunKind, p: Params, bundles: Record<ProcessName, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lab-data-ownership-'));
  const plan = run === 'with crashes' ? crashPlanFor(p.orders, p.crashes, p.seed) : {};
  const remaining: Record<string, CrashPoint> = { ...plan };
  const agent = keepAliveAgent();
  const running: RunningService[] = [];
  const live = new Map<ProcessName, RunningService>();
  const processes = topology[shape];
  const watches = new Map(processes.map((spec) => [spec.process as ProcessName, new FileWatch(dir)]));
  const fileOf = (name: ProcessName) => path.join(dir, processes.find((spec) => spec.process === name)?.file ?? `${name}.db`);

  const start = async (name: ProcessName) => {
    const env: Record<string, string> = { [`${name.toUpperCase()}_DB`]: fileOf(name), CRASH_PLAN: JSON.stringify(remaining) };
    const payments = live.get('payments');
    if (name === 'orders' && payments) env.PAYMENTS_PORT = String(payments.port);
    const service = await startService(bundles[name], env);
    running.push(service);
    live.set(name, service);
    const orders = live.get('orders');
    if (name === 'payments' && orders) await orders.request({ paymentsPort: service.port }, 'configured');
  };
  const front: ProcessName = shape === 'microservices' ? 'orders' : 'checkout';
  const victimOf = (point: CrashPoint): ProcessName => (shape === 'microservices' ? (point === 'after-payment-write' ? 'payments' : 'orders') : 'checkout');

  try {
    let reports: StoreReports;
    let sent = 0;
    let acknowledged = 0;
    const crashed: string[] = [];
    try {
      // Payments first: the orders service needs its port.
      for (const spec of [...processes].reverse()) await start(spec.process as ProcessName);
      const deadline = performance.now() + p.maxSecondsPerRun * 1000;
      for (let index = 0; index < p.orders && performance.now() < deadline; index++) {
        const orderId = orderIdOf(index);
        sent++;
        try {
          await postJson(agent, (live.get(front) as RunningService).port, '/checkout', { orderId, cart: { ...sampleCart, cartId: `cart-${orderId}` } });
          acknowledged++;
        } catch {
          // A process died mid-checkout (or the payments service did and orders answered 502): the stores say what became of it.
        }
        for (const [name, watch] of watches) watch.sample(live.get(name));
        const point = remaining[orderId];
        if (point) {
          const victim = victimOf(point);
          if ((await exitWithin(live.get(victim) as RunningService, crashTimeoutMs)) === 'SIGKILL') crashed.push(orderId);
          delete remaining[orderId];
          await start(victim);
        }
      }
      const answers = await Promise.all([...live.values()].map(async (service) => (await postJson(agent, service.port, '/report', {})).value as Partial<StoreReports>));
      const ordersReport = answers.find((answer) => answer.orders)?.orders;
      const paymentsReport = answers.find((answer) => answer.payments)?.payments;
      if (!ordersReport || !paymentsReport) throw new Error(`${shape}: a store did not report`);
      reports = { orders: ordersReport, payments: paymentsReport, audits: answers.flatMap((answer) => answer.audits ?? []) };
    } finally {
      agent.destroy();
      await Promise.all(running.map((service) => service.stop()));
    }

    const paid = new Set(reports.orders.paidOrderIds);
    const charged = new Set(reports.payments.paidOrderIds);
    const paymentsWithoutPaidOrder = [...charged].filter((id) => !paid.has(id));
    const paidOrdersWithoutPayment = [...paid].filter((id) => !charged.has(id));
    const inconsistent = new Set([...paymentsWithoutPaidOrder, ...paidOrdersWithoutPayment]);
    const row: CrashRow = {
      shape,
      run,
      sent,
      acknowledged,
      crashes: crashed.length,
      orders: reports.orders.orders,
      paidOrders: paid.size,
      unpaidOrders: reports.orders.unpaidOrderIds.filter((id) => !charged.has(id)).length,
      payments: reports.payments.payments,
      paymentsWithoutPaidOrder: paymentsWithoutPaidOrder.length,
      paidOrdersWithoutPayment: paidOrdersWithoutPayment.length,
      inconsistentOrders: inconsistent.size,
      crashesLeavingInconsistency: crashed.filter((id) => inconsistent.has(id)).length,
    };
    const ownership: OwnershipRow[] = [
      ...[...reports.audits].sort((a, b) => a.owner.localeCompare(b.owner)).map((audit) => ({
        shape,
        owner: `${audit.owner} module`,
        checkedWith: 'EXPLAIN of every statement' as const,
        checks: audit.statements,
        opened: audit.tables,
        foreign: audit.tables.filter((table) => !table.startsWith(`${audit.owner}_`)),
      })),
      ...processes.map((spec) => {
        const watch = watches.get(spec.process as ProcessName) as FileWatch;
        const opened = [...watch.files].sort();
        return { shape, owner: `${spec.process} process`, checkedWith: '/proc/<pid>/fd' as const, checks: watch.samples, opened, foreign: opened.filter((file) => file !== spec.file) };
      }),
    ];
    const probe = shape === 'modular monolith' ? probeBoundary(fileOf('checkout')) : null;
    return { row, ownership, probe };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * modular-monolith-data-ownership: the same orders and payments modules deployed as a modular monolith
 * (one process, one SQLite file, one transaction per checkout) and as two microservices (two processes,
 * two files, HTTP between them, the naive dual write). Each shape places N checkouts while a seeded plan
 * kills a process with SIGKILL between the payment write and the order write; the killed process restarts
 * on the same file. The stores then say how many customers were charged for an order not marked paid, and
 * how many orders are paid without a payment. A control run without crashes checks the lab itself, and a
 * probe shows what keeps the monolith's modules out of each other's tables.
 */
export const experiment = defineExperiment({
  id: 'modular-monolith-data-ownership',
  title: "A modular monolith can change two modules' data in one transaction; microservices that own their data cannot, and a crash between the two writes leaves them inconsistent",
  needs: { platforms: ['linux'], because: 'it reads `/proc/<pid>/fd` to show which database files each process holds open, and only Linux has `/proc` (elsewhere every process would seem to hold nothing)' },
  params,
  quick: { orders: 12, crashes: 4, maxSecondsPerRun: 20 },
  tables: (result) => [crashTable(result), ownershipTable(result), probeTable(result)],
  verdict: verdictFor,

  async run(p, onProgress): Promise<Result> {
    const runs: Array<[ShapeName, RunKind]> = [
      ['modular monolith', 'with crashes'],
      ['microservices', 'with crashes'],
      ['modular monolith', 'no crashes'],
      ['microservices', 'no crashes'],
    ];
    const rows: CrashRow[] = [];
    const ownership: OwnershipRow[] = [];
    let probe: BoundaryProbe | null = null;
    const dir = mkdtempSync(path.join(tmpdir(), 'lab-data-ownership-bundles-'));
    try {
      const [checkout, orders, payments] = await bundleServices([entries.checkout, entries.orders, entries.payments], dir);
      const bundles = { checkout: checkout as string, orders: orders as string, payments: payments as string };
      for (const [index, [shape, run]] of runs.entries()) {
        const outcome = await runShape(shape, run, p, bundles);
        rows.push(outcome.row);
        if (run === 'with crashes') ownership.push(...outcome.ownership);
        if (run === 'with crashes' && outcome.probe) probe = outcome.probe;
        onProgress?.({ done: index + 1, total: runs.length, label: `${shape}, ${run}: ${outcome.row.crashes} crashes, ${outcome.row.inconsistentOrders} inconsistent orders` });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (!probe) throw new Error('the modular monolith did not run, so there is no file to probe');
    return { orders: p.orders, crashesPlanned: Object.keys(crashPlanFor(p.orders, p.crashes, p.seed)).length, seed: p.seed, rows, ownership, probe };
  },
});
