import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { seededSample } from '../lab/measure/seeded-sample.ts';
import { streamPrefix, type Broker } from '../lab/messaging/broker.ts';
import { openBroker } from '../lab/messaging/open-broker.ts';
import { openPostgres, type PostgresBackend } from '../lab/state/postgres.ts';
import { measureServerHops, type ServerHops } from '../lab/infra/server-hops.ts';
import { recordServer } from '../lab/infra/used-servers.ts';
import { readSystemFile } from '../lab/files/system-files.ts';
import { startEmbeddedBroker } from '../lab/messaging/embedded-broker.ts';
import { httpSystemTransport } from '../lab/network/http-system-transport.ts';
import { compareBrokers, type BrokerCutRow } from '../lab/system-run/broker-comparison.ts';
import { withRunDatabase } from '../lab/state/run-database.ts';
import {
  boundaryTable,
  brokersTable,
  deliveryTable,
  platformTable,
  deliveryVariants,
  findingFor,
  schemaChangeTable,
  type BoundaryCheck,
  type CrashPoint,
  type DeliveryRow,
  type DeliveryVariant,
  type NoSharedDataResult,
  type OrdersReport,
  type PaymentsReport,
} from './report.ts';
import { bundleServices, startService, type RunningService } from '../lab/processes/service-process.ts';
import { ackWaitMs, runOrdersService } from './orders-service.ts';
import { runPaymentsService } from './payments-service.ts';
import { runSchemaChange } from './shared-schema.ts';

// Imported, not only named in generated entries, so that the services are part of this module's
// import graph (and of the source hash of the evidence).
const serviceEntries = {
  orders: { file: fileURLToPath(new URL('./orders-service.ts', import.meta.url)), run: runOrdersService.name },
  payments: { file: fileURLToPath(new URL('./payments-service.ts', import.meta.url)), run: runPaymentsService.name },
};
const crashTimeoutMs = 10_000;
/** How long the consumer may take to catch up after the last order, at most. */
const settleTimeoutMs = 15_000;

const params = z.object({
  orders: z.number().int().min(3).max(2_000).default(200),
  /** Orders at which a service is killed: in turn payments before publishing, payments after, and the consumer after applying. */
  crashes: z.number().int().min(0).max(300).default(30),
  seed: z.number().int().default(7),
  variants: z.array(z.enum(deliveryVariants)).min(1).default([...deliveryVariants]),
  /** Reads of the orders total on each side of the column rename, per reader. */
  schemaReads: z.number().int().min(1).max(10_000).default(50),
  maxSecondsPerVariant: z.number().positive().max(120).default(60),
  /** Round trips of each kind when the servers are measured next to their raw clients. */
  hopIterations: z.number().int().min(10).max(20_000).default(1_000),
  /** Requests per cut and broker when the shop, whose checkout sends its email asynchronously, runs over JetStream and over the embedded broker. */
  brokerIterations: z.number().int().min(10).max(10_000).default(300),
});

const orderIdOf = (index: number) => `order-${String(index).padStart(4, '0')}`;
const crashPoints: readonly CrashPoint[] = ['before-publish', 'after-publish', 'after-apply'];

/**
 * Picks `crashes` of `orders` orders with a seeded shuffle, and gives them the crash points in turn,
 * so that every variant meets exactly the same crashes.
 *
 * @example
 * ```ts
 * crashPlanFor(10, 3, 7); // { 'order-0003': 'before-publish', 'order-0008': 'after-publish', 'order-0001': 'after-apply' }
 * ```
 */
export function crashPlanFor(orders: number, crashes: number, seed: number): Record<string, CrashPoint> {
  const chosen = seededSample(orders, crashes, seed);
  return Object.fromEntries(chosen.map((index, n) => [orderIdOf(index), crashPoints[n % crashPoints.length] as CrashPoint]));
}

function exitWithin(service: RunningService, ms: number, name: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} process ${service.pid} did not crash within ${ms} ms`)), ms);
  });
  return Promise.race([service.exited, timeout]).finally(() => clearTimeout(timer));
}

const only = (plan: Record<string, CrashPoint>, points: readonly CrashPoint[]) => Object.fromEntries(Object.entries(plan).filter(([, point]) => points.includes(point)));

/** The shop of the lab's systems: its checkout sends the customer's email asynchronously. */
const shopFile = fileURLToPath(new URL('../systems/shop.json', import.meta.url));

/**
 * The shop on every cut over the run's broker and, beside it in the same rounds, over the embedded
 * broker a laptop without NATS would use (started for this comparison only, and stamped as such).
 */
async function compareWithEmbeddedBroker(broker: Broker, iterations: number): Promise<BrokerCutRow[]> {
  const embedded = broker.kind === 'embedded' ? undefined : await startEmbeddedBroker();
  try {
    if (embedded) recordServer({ role: 'broker', kind: 'embedded', version: embedded.version, purpose: 'comparison' });
    const { system } = readSystemFile(shopFile);
    return await compareBrokers(system, httpSystemTransport, embedded ? [broker, embedded] : [broker], { warmup: Math.ceil(iterations / 10), iterations, rounds: 5, maxSeconds: 10 });
  } finally {
    await embedded?.close();
  }
}

async function runVariant(
  variant: DeliveryVariant,
  p: z.output<typeof params>,
  bundles: { orders: string; payments: string },
  servers: { postgres: PostgresBackend; broker: Broker },
): Promise<{ row: DeliveryRow; boundary: BoundaryCheck }> {
  return withRunDatabase(servers.postgres, 'no-shared-data', async (run) => {
    const [ordersDb, paymentsDb] = await run.provision('database-per-service', ['orders', 'payments']);
    const stream = `${streamPrefix}${run.name}`;
    await servers.broker.addStream(stream, [`${stream}.>`]);
    const plan = crashPlanFor(p.orders, p.crashes, p.seed);
    const remaining = { ...plan };
    const agent = keepAliveAgent();
    const running: RunningService[] = [];
    try {
      let paymentsPort = 0;
      const startOrders = async () => {
        const orders = await startService(bundles.orders, {
          UNIT_DATABASE: JSON.stringify(ordersDb),
          BROKER_URL: servers.broker.url,
          STREAM: stream,
          IDEMPOTENT: variant === 'outbox, consumer not idempotent' ? '0' : '1',
          CRASH_PLAN: JSON.stringify(only(remaining, ['after-apply'])),
        });
        running.push(orders);
        if (paymentsPort) await orders.request({ paymentsPort }, 'configured');
        return orders;
      };
      const startPayments = async () => {
        const payments = await startService(bundles.payments, {
          UNIT_DATABASE: JSON.stringify(paymentsDb),
          BROKER_URL: servers.broker.url,
          SUBJECT: `${stream}.payment-captured`,
          DELIVERY: variant === 'write then publish' ? 'naive' : 'outbox',
          CRASH_PLAN: JSON.stringify(only(remaining, ['before-publish', 'after-publish'])),
        });
        running.push(payments);
        paymentsPort = payments.port;
        await orders.request({ paymentsPort }, 'configured');
        return payments;
      };
      let orders = await startOrders();
      let payments = await startPayments();
      let sent = 0;
      let acknowledged = 0;
      let crashes = 0;
      let consumerCrashes = 0;
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
        const point = remaining[orderId];
        if (point === 'after-apply') {
          if ((await exitWithin(orders, crashTimeoutMs, 'orders')) === 'SIGKILL') consumerCrashes++;
          delete remaining[orderId];
          orders = await startOrders();
        } else if (point) {
          if ((await exitWithin(payments, crashTimeoutMs, 'payments')) === 'SIGKILL') crashes++;
          delete remaining[orderId];
          payments = await startPayments();
        }
      }
      const report = async () => ({
        orders: (await postJson(agent, orders.port, '/report', {})).value as OrdersReport,
        payments: (await postJson(agent, payments.port, '/report', {})).value as PaymentsReport,
      });
      // The consumer catches up: every event the stream kept has reached it, and no redelivery (which
      // comes an ack wait after a delivery that was not acknowledged) has arrived for a while.
      let last = await report();
      for (let stableSince = performance.now(), until = performance.now() + settleTimeoutMs; performance.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const now = await report();
        const published = now.payments.publishes - now.payments.duplicatesDropped;
        if (now.orders.deliveries !== last.orders.deliveries || now.orders.distinctEventsDelivered < published) stableSince = performance.now();
        last = now;
        if (performance.now() - stableSince > ackWaitMs + 500) break;
      }
      const paidOrders = new Set(last.orders.paidOrderIds);
      const row: DeliveryRow = {
        variant,
        sent,
        acknowledged,
        crashes,
        consumerCrashes,
        committed: last.payments.paidOrderIds.length,
        published: last.orders.distinctEventsDelivered,
        delivered: last.orders.deliveries,
        applied: last.orders.applications,
        lost: last.payments.paidOrderIds.filter((id) => !paidOrders.has(id)).length,
        redelivered: last.orders.deliveries - last.orders.distinctEventsDelivered,
        duplicatedApplied: last.orders.applications - last.orders.distinctOrdersApplied,
        outboxRows: last.payments.outboxRows,
        republishedDropped: last.payments.duplicatesDropped,
      };
      const table = `${paymentsDb?.schema}.payments`;
      const read = (await postJson(agent, orders.port, '/read-other', { table })).value as { refused: boolean; code?: string | null; message?: string; rows?: number };
      const boundary: BoundaryCheck = { variant, reader: 'orders', table, refused: read.refused, code: read.code ?? null, answer: read.refused ? (read.message ?? '') : `${read.rows} rows read` };
      return { row, boundary };
    } finally {
      agent.destroy();
      await Promise.all(running.map((service) => service.stop()));
      await servers.broker.deleteStream(stream);
    }
  });
}

/**
 * micro-no-shared-data: an orders service and a payments service, each a real child process with its
 * own schema and role in PostgreSQL, the payment event travelling through a NATS JetStream stream,
 * placing N orders while a service is killed with SIGKILL at a seeded subset of them (payments before
 * or after publishing, the consumer after applying and before acknowledging), once writing then
 * publishing the event and once through a transactional outbox. It counts what was committed,
 * published, delivered, applied, lost, applied twice and published twice, shows PostgreSQL refusing a
 * read across services, and a shared table breaking under a column rename.
 */
export const experiment = defineExperiment({
  id: 'micro-no-shared-data',
  title: 'No shared data: what a database per service costs and buys',
  params,
  quick: { orders: 12, crashes: 6, schemaReads: 10, maxSecondsPerVariant: 30, hopIterations: 40, brokerIterations: 20 },
  tables: (result) => [deliveryTable(result), boundaryTable(result), schemaChangeTable(result), platformTable(result), brokersTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<NoSharedDataResult> {
    const total = p.variants.length + 3;
    let done = 0;
    const delivery: DeliveryRow[] = [];
    const boundary: BoundaryCheck[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'lab-no-shared-data-bundles-'));
    const postgres = await openPostgres();
    try {
      const broker = await openBroker();
      let platform: ServerHops;
      let brokers: BrokerCutRow[];
      try {
        platform = await measureServerHops(postgres, broker, { warmup: Math.ceil(p.hopIterations / 10), iterations: p.hopIterations, rounds: 10, maxSeconds: 20 });
        onProgress?.({ done: ++done, total, label: 'PostgreSQL and the broker next to their raw clients' });
        brokers = await compareWithEmbeddedBroker(broker, p.brokerIterations);
        onProgress?.({ done: ++done, total, label: 'the shop over each broker, every cut' });
        const [orders, payments] = await bundleServices([serviceEntries.orders, serviceEntries.payments], dir);
        for (const variant of p.variants) {
          const outcome = await runVariant(variant, p, { orders: orders as string, payments: payments as string }, { postgres, broker });
          delivery.push(outcome.row);
          boundary.push(outcome.boundary);
          onProgress?.({ done: ++done, total, label: `${variant}: ${outcome.row.sent} orders, ${outcome.row.crashes + outcome.row.consumerCrashes} crashes` });
        }
      } finally {
        await broker.close();
      }
      const schemaChange = await runSchemaChange(postgres, p.schemaReads);
      onProgress?.({ done: ++done, total, label: 'column rename, shared table and API' });
      return { orders: p.orders, crashesPlanned: Object.keys(crashPlanFor(p.orders, p.crashes, p.seed)).length, delivery, boundary, schemaChange, platform, brokers };
    } finally {
      await postgres.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
