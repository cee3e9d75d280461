import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { seededSample } from '../lab/measure/seeded-sample.ts';
import {
  deliveryTable,
  deliveryVariants,
  fileAccessTable,
  noSharedDataVerdict,
  schemaChangeTable,
  type CrashPoint,
  type DeliveryRow,
  type DeliveryVariant,
  type FileAccess,
  type NoSharedDataResult,
  type OrdersReport,
  type PaymentsReport,
} from './report.ts';
import { openFilesUnder } from '../lab/processes/proc.ts';
import { bundleServices, startService, type RunningService } from '../lab/processes/service-process.ts';
import { runOrdersService } from './orders-service.ts';
import { runPaymentsService } from './payments-service.ts';
import { runSchemaChange } from './shared-schema.ts';

// Imported, not only named in generated entries, so that the services are part of this module's
// import graph (and of the source hash of the evidence).
const serviceEntries = {
  orders: { file: fileURLToPath(new URL('./orders-service.ts', import.meta.url)), run: runOrdersService.name },
  payments: { file: fileURLToPath(new URL('./payments-service.ts', import.meta.url)), run: runPaymentsService.name },
};
const crashTimeoutMs = 10_000;

const params = z.object({
  orders: z.number().int().min(2).max(2_000).default(200),
  /** Orders at which the payments service is killed: half before publishing, half after. */
  crashes: z.number().int().min(0).max(200).default(20),
  seed: z.number().int().default(7),
  variants: z.array(z.enum(deliveryVariants)).min(1).default([...deliveryVariants]),
  /** Reads of the orders total on each side of the column rename, per reader. */
  schemaReads: z.number().int().min(1).max(10_000).default(50),
  maxSecondsPerVariant: z.number().positive().max(120).default(40),
});

const orderIdOf = (index: number) => `order-${String(index).padStart(4, '0')}`;

/**
 * Picks `crashes` of `orders` orders with a seeded shuffle, and alternates the crash point between
 * them, so that every variant meets exactly the same crashes.
 *
 * @example
 * ```ts
 * crashPlanFor(10, 2, 7); // { 'order-0003': 'before-publish', 'order-0008': 'after-publish' }
 * ```
 */
export function crashPlanFor(orders: number, crashes: number, seed: number): Record<string, CrashPoint> {
  const chosen = seededSample(orders, crashes, seed);
  return Object.fromEntries(chosen.map((index, n) => [orderIdOf(index), n % 2 === 0 ? 'before-publish' : 'after-publish']));
}

function exitWithin(service: RunningService, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`payments process ${service.pid} did not crash within ${ms} ms`)), ms);
  });
  return Promise.race([service.exited, timeout]).finally(() => clearTimeout(timer));
}

/** Every process a service ran as, and the files under `dir` each was seen holding open. */
class FileWatch {
  readonly opened = new Set<string>();
  readonly pids = new Set<number>();
  samples = 0;
  constructor(private readonly dir: string) {}
  sample(service: RunningService | null) {
    if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
    this.pids.add(service.pid);
    this.samples++;
    for (const file of openFilesUnder(service.pid, this.dir)) this.opened.add(path.basename(file));
  }
  access(service: FileAccess['service'], variant: DeliveryVariant, ownFile: string): FileAccess {
    const files = [...this.opened].sort();
    return { service, variant, processes: this.pids.size, samples: this.samples, files, foreignFiles: files.filter((file) => !file.startsWith(ownFile)) };
  }
}

async function runVariant(variant: DeliveryVariant, p: z.output<typeof params>, bundles: { orders: string; payments: string }): Promise<{ row: DeliveryRow; access: FileAccess[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lab-no-shared-data-'));
  const ordersDb = path.join(dir, 'orders.db');
  const paymentsDb = path.join(dir, 'payments.db');
  const plan = crashPlanFor(p.orders, p.crashes, p.seed);
  const remaining = { ...plan };
  const agent = keepAliveAgent();
  const running: RunningService[] = [];
  const ordersWatch = new FileWatch(dir);
  const paymentsWatch = new FileWatch(dir);
  try {
    const orders = await startService(bundles.orders, { ORDERS_DB: ordersDb, IDEMPOTENT: variant === 'outbox, consumer not idempotent' ? '0' : '1' });
    running.push(orders);
    const startPayments = async () => {
      const payments = await startService(bundles.payments, {
        PAYMENTS_DB: paymentsDb,
        ORDERS_PORT: String(orders.port),
        DELIVERY: variant === 'write then publish' ? 'naive' : 'outbox',
        CRASH_PLAN: JSON.stringify(remaining),
      });
      running.push(payments);
      await orders.request({ paymentsPort: payments.port }, 'configured');
      return payments;
    };
    let payments = await startPayments();
    let sent = 0;
    let acknowledged = 0;
    let crashes = 0;
    const deadline = performance.now() + p.maxSecondsPerVariant * 1000;
    for (let index = 0; index < p.orders && performance.now() < deadline; index++) {
      const orderId = orderIdOf(index);
      sent++;
      try {
        await postJson(agent, orders.port, '/orders', { orderId, cart: { ...sampleCart, cartId: `cart-${orderId}` } });
        acknowledged++;
      } catch {
        // The payments process died mid-request; the counts below say what became of the order.
      }
      ordersWatch.sample(orders);
      paymentsWatch.sample(payments);
      if (remaining[orderId]) {
        if ((await exitWithin(payments, crashTimeoutMs)) === 'SIGKILL') crashes++;
        delete remaining[orderId];
        payments = await startPayments();
        paymentsWatch.sample(payments);
      }
    }
    const ordersReport = (await postJson(agent, orders.port, '/report', {})).value as OrdersReport;
    const paymentsReport = (await postJson(agent, payments.port, '/report', {})).value as PaymentsReport;
    const paidOrders = new Set(ordersReport.paidOrderIds);
    const row: DeliveryRow = {
      variant,
      sent,
      acknowledged,
      crashes,
      committed: paymentsReport.paidOrderIds.length,
      published: ordersReport.distinctEventsDelivered,
      delivered: ordersReport.deliveries,
      applied: ordersReport.applications,
      lost: paymentsReport.paidOrderIds.filter((id) => !paidOrders.has(id)).length,
      redelivered: ordersReport.deliveries - ordersReport.distinctEventsDelivered,
      duplicatedApplied: ordersReport.applications - ordersReport.distinctOrdersApplied,
      outboxRows: paymentsReport.outboxRows,
    };
    return { row, access: [ordersWatch.access('orders', variant, 'orders.db'), paymentsWatch.access('payments', variant, 'payments.db')] };
  } finally {
    agent.destroy();
    await Promise.all(running.map((service) => service.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * micro-no-shared-data: an orders service and a payments service, each a real child process owning
 * its own SQLite file, placing N orders while the payments service is killed with SIGKILL at a seeded
 * subset of them, once writing then publishing its event and once through a transactional outbox.
 * It counts what was committed, published, delivered, applied, lost and applied twice, proves from
 * /proc which files each process opened, and shows a shared table breaking under a column rename.
 */
export const experiment = defineExperiment({
  id: 'micro-no-shared-data',
  title: 'No shared data: what a database per service costs and buys',
  needs: { platforms: ['linux'], because: 'it reads `/proc/<pid>/fd` to show which database files each service process holds open, and only Linux has `/proc` (elsewhere every process would seem to hold nothing)' },
  params,
  quick: { orders: 12, crashes: 4, schemaReads: 10, maxSecondsPerVariant: 20 },
  tables: (result) => [deliveryTable(result), fileAccessTable(result), schemaChangeTable(result)],
  verdict: noSharedDataVerdict,

  async run(p, onProgress): Promise<NoSharedDataResult> {
    const total = p.variants.length + 1;
    let done = 0;
    const delivery: DeliveryRow[] = [];
    const fileAccess: FileAccess[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'lab-no-shared-data-bundles-'));
    try {
      const [orders, payments] = await bundleServices([serviceEntries.orders, serviceEntries.payments], dir);
      for (const variant of p.variants) {
        const { row, access } = await runVariant(variant, p, { orders: orders as string, payments: payments as string });
        delivery.push(row);
        fileAccess.push(...access);
        onProgress?.({ done: ++done, total, label: `${variant}: ${row.sent} orders, ${row.crashes} crashes` });
      }
      const schemaChange = await runSchemaChange(dir, p.schemaReads);
      onProgress?.({ done: ++done, total, label: 'column rename, shared table and API' });
      return { orders: p.orders, crashesPlanned: Object.keys(crashPlanFor(p.orders, p.crashes, p.seed)).length, delivery, fileAccess, schemaChange };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
