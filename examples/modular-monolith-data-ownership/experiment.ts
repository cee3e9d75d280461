import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { bundleServices, startService, type RunningService } from '../lab/processes/service-process.ts';
import { openPostgres, type PostgresBackend } from '../lab/state/postgres.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { asModule, openUnitStore, withRunDatabase, type RunDatabase, type UnitDatabase } from '../lab/state/run-database.ts';
import { crashPlanFor, orderIdOf } from './crash-plan.ts';
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
  findingFor,
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

/** The SQL the boundary probe runs against the orders table. */
export const probeSql = 'SELECT id, status FROM orders.orders';

function exitWithin(service: RunningService, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`process ${service.pid} did not crash within ${ms} ms`)), ms);
  });
  return Promise.race([service.exited, timeout]).finally(() => clearTimeout(timer));
}

interface StoreReports {
  readonly orders: OrdersReport;
  readonly payments: PaymentsReport;
}

/**
 * The payments module reads the orders table in the modular monolith's database after the run: as its
 * own role, and as the process's login role, which is a member of both modules' roles.
 */
async function probeBoundary(checkout: UnitDatabase, payments: UnitDatabase): Promise<BoundaryProbe> {
  const store = openUnitStore(checkout, 1);
  try {
    let guardedError: string | null = null;
    try {
      await store.transaction((tx) => asModule(tx, payments, (q) => q.query(probeSql)));
    } catch (error) {
      guardedError = (error as Error).message;
    }
    let unguardedRows: number | null = null;
    try {
      unguardedRows = (await store.query(probeSql)).rowCount ?? 0;
    } catch {
      // Left null: the login role could not read it either.
    }
    return { sql: probeSql, guardedError, unguardedRows };
  } finally {
    await store.end();
  }
}

/** The schemas of the modules, and which of them each role may use. */
async function ownershipOf(run: RunDatabase, shape: ShapeName, modules: Record<string, UnitDatabase>, logins: Record<string, UnitDatabase>): Promise<OwnershipRow[]> {
  const schemas = Object.values(modules).map((module) => module.schema);
  const row = async (owner: string, checkedWith: OwnershipRow['checkedWith'], role: string, own: readonly string[]): Promise<OwnershipRow> => {
    const opened = await run.schemasReachable(role, schemas);
    return { shape, owner, checkedWith, checks: schemas.length, opened, foreign: opened.filter((schema) => !own.includes(schema)) };
  };
  const rows: OwnershipRow[] = [];
  for (const [name, module] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) rows.push(await row(`${name} module`, "the module's role", module.role, [module.schema]));
  for (const spec of topology[shape]) {
    const login = logins[spec.process] as UnitDatabase;
    rows.push(await row(`${spec.process} process`, "the process's login role", login.role, spec.modules.map((module) => (modules[module] as UnitDatabase).schema)));
  }
  return rows;
}

async function runShape(shape: ShapeName, run: RunKind, p: Params, bundles: Record<ProcessName, string>, postgres: PostgresBackend) {
  return withRunDatabase(postgres, 'data-ownership', async (database) => {
    const plan = run === 'with crashes' ? crashPlanFor(p.orders, p.crashes, p.seed) : {};
    const remaining: Record<string, CrashPoint> = { ...plan };
    const agent = keepAliveAgent();
    const running: RunningService[] = [];
    const live = new Map<ProcessName, RunningService>();
    const processes = topology[shape];
    const [ordersDb, paymentsDb] = (await database.provision('database-per-service', ['orders', 'payments'])) as [UnitDatabase, UnitDatabase];
    const modules: Record<string, UnitDatabase> = { orders: ordersDb, payments: paymentsDb };
    // The modular monolith logs in as one role that is a member of both modules' roles; each service as its module's.
    const logins: Record<string, UnitDatabase> =
      shape === 'modular monolith' ? { checkout: await database.provisionModularUnit('checkout', [ordersDb, paymentsDb]) } : { orders: ordersDb, payments: paymentsDb };

    const start = async (name: ProcessName) => {
      const spec = processes.find((candidate) => candidate.process === name);
      const env: Record<string, string> = {
        UNIT_DATABASE: JSON.stringify(logins[name]),
        MODULES: JSON.stringify(Object.fromEntries((spec?.modules ?? []).map((module) => [module, modules[module]]))),
        CRASH_PLAN: JSON.stringify(remaining),
      };
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
      reports = { orders: ordersReport, payments: paymentsReport };
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
    const ownership = await ownershipOf(database, shape, modules, logins);
    const probe = shape === 'modular monolith' ? await probeBoundary(logins.checkout as UnitDatabase, paymentsDb) : null;
    return { row, ownership, probe };
  });
}

/**
 * modular-monolith-data-ownership: the same orders and payments modules deployed as a modular monolith
 * (one process, one PostgreSQL database, one transaction per checkout, each module's statements run as
 * its own role) and as two microservices (two processes, each its own role and schema, HTTP between
 * them, the naive dual write). Each shape places N checkouts while a seeded plan kills a process with
 * SIGKILL between the payment write and the order write; the killed process restarts on the same
 * database. The stores then say how many customers were charged for an order not marked paid, and how
 * many orders are paid without a payment. A control run without crashes checks the lab itself, and a
 * probe shows what keeps the monolith's modules out of each other's tables.
 */
export const experiment = defineExperiment({
  id: 'modular-monolith-data-ownership',
  title: "A modular monolith can change two modules' data in one transaction; microservices that own their data cannot, and a crash between the two writes leaves them inconsistent",
  params,
  quick: { orders: 12, crashes: 4, maxSecondsPerRun: 20 },
  tables: (result) => [crashTable(result), ownershipTable(result), probeTable(result)],
  finding: findingFor,

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
    const postgres = await openPostgres();
    try {
      const [checkout, orders, payments] = await bundleServices([entries.checkout, entries.orders, entries.payments], dir);
      const bundles = { checkout: checkout as string, orders: orders as string, payments: payments as string };
      for (const [index, [shape, run]] of runs.entries()) {
        const outcome = await runShape(shape, run, p, bundles, postgres);
        rows.push(outcome.row);
        if (run === 'with crashes') ownership.push(...outcome.ownership);
        if (run === 'with crashes' && outcome.probe) probe = outcome.probe;
        onProgress?.({ done: index + 1, total: runs.length, label: `${shape}, ${run}: ${outcome.row.crashes} crashes, ${outcome.row.inconsistentOrders} inconsistent orders` });
      }
    } finally {
      await postgres.close();
      rmSync(dir, { recursive: true, force: true });
    }
    if (!probe) throw new Error('the modular monolith did not run, so there is no database to probe');
    return { orders: p.orders, crashesPlanned: Object.keys(crashPlanFor(p.orders, p.crashes, p.seed)).length, seed: p.seed, rows, ownership, probe, referenceSystems: referenceStructures() };
  },
});
