/**
 * The payments service, run as its own process (started by examples/lab/processes/service-process.ts).
 * It owns one SQLite file and opens no other. It charges an order with the checkout's `chargePayment`, stores the payment, and
 * publishes a "payment captured" event to the orders service over HTTP, in one of two ways:
 * - `naive`: write the payment row, then publish (two separate steps);
 * - `outbox`: write the payment row and an outbox row in one transaction; a relay publishes unpublished
 *   outbox rows (after each payment and when the service starts) and marks them published afterwards.
 *
 * Environment: PAYMENTS_DB, ORDERS_PORT, DELIVERY ('naive' | 'outbox') and CRASH_PLAN, a JSON map from
 * order id to the point at which this process kills itself with SIGKILL while handling that order.
 */
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { chargePayment } from '../checkout/functions.ts';
import type { TaxedCart } from '../checkout/schemas.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import type { CrashPoint, PaymentCapturedEvent, PaymentsReport } from './report.ts';

/**
 * Runs the payments service in this process until SIGTERM, its parent disconnects, or a planned crash.
 *
 * @example
 * ```ts
 * await runPaymentsService(); // in a child started by startService, with PAYMENTS_DB and ORDERS_PORT set
 * ```
 */
export async function runPaymentsService(): Promise<void> {
  const file = process.env.PAYMENTS_DB;
  const ordersPort = Number(process.env.ORDERS_PORT);
  const delivery = process.env.DELIVERY === 'outbox' ? 'outbox' : 'naive';
  const crashPlan = JSON.parse(process.env.CRASH_PLAN ?? '{}') as Record<string, CrashPoint>;
  if (!file || !ordersPort || !process.send) {
    console.error('payments-service: start me through startService (PAYMENTS_DB, ORDERS_PORT and an IPC channel are required)');
    process.exit(2);
  }

  const db = new Database(file);
  // WAL with synchronous=NORMAL: a commit survives the process being killed (it is in the OS's cache);
  // only a power cut could lose the last commits, and this experiment kills processes, not machines.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS payments (order_id TEXT PRIMARY KEY, payment_id TEXT NOT NULL, amount_cents INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0);
  `);
  const insertPayment = db.prepare('INSERT INTO payments (order_id, payment_id, amount_cents) VALUES (?, ?, ?)');
  const insertOutbox = db.prepare('INSERT INTO outbox (event_id, payload) VALUES (?, ?)');
  const unpublished = db.prepare('SELECT payload FROM outbox WHERE published = 0 ORDER BY seq');
  const markPublished = db.prepare('UPDATE outbox SET published = 1 WHERE event_id = ?');
  const writePaymentWithOutbox = db.transaction((event: PaymentCapturedEvent, paymentId: string) => {
    insertPayment.run(event.orderId, paymentId, event.amountCents);
    insertOutbox.run(event.eventId, JSON.stringify(event));
  });

  /** A real crash: the kernel ends the process at once, with no chance to finish what it was doing. */
  function crashIfPlanned(orderId: string, point: CrashPoint) {
    if (crashPlan[orderId] === point) process.kill(process.pid, 'SIGKILL');
  }

  const agent = keepAliveAgent();
  const publish = (event: PaymentCapturedEvent) => postJson(agent, ordersPort, '/events', event);

  /** The relay: publishes every unpublished outbox row in order, and marks it only once the orders service has it. */
  async function relayOutbox() {
    for (const { payload } of unpublished.all() as Array<{ payload: string }>) {
      const event = JSON.parse(payload) as PaymentCapturedEvent;
      await publish(event);
      crashIfPlanned(event.orderId, 'after-publish');
      markPublished.run(event.eventId);
    }
  }

  const app = new Hono();
  app.post('/payments', async (c) => {
    const { orderId, cart } = await c.req.json<{ orderId: string; cart: TaxedCart }>();
    const paid = chargePayment(cart);
    const event: PaymentCapturedEvent = { eventId: `payment-captured:${orderId}`, type: 'payment-captured', orderId, paymentId: paid.paymentId, amountCents: paid.chargedCents };
    if (delivery === 'naive') {
      insertPayment.run(orderId, paid.paymentId, paid.chargedCents);
      crashIfPlanned(orderId, 'before-publish');
      await publish(event);
      crashIfPlanned(orderId, 'after-publish');
    } else {
      writePaymentWithOutbox(event, paid.paymentId);
      crashIfPlanned(orderId, 'before-publish');
      await relayOutbox();
    }
    return c.json({ paymentId: paid.paymentId, chargedCents: paid.chargedCents });
  });

  app.post('/report', (c) => {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const report: PaymentsReport = {
      paidOrderIds: (db.prepare('SELECT order_id AS id FROM payments ORDER BY order_id').all() as Array<{ id: string }>).map((row) => row.id),
      outboxRows: count('SELECT COUNT(*) AS n FROM outbox'),
      outboxUnpublished: count('SELECT COUNT(*) AS n FROM outbox WHERE published = 0'),
      file,
    };
    return c.json(report);
  });

  // A restarted service first hands on what it committed before its crash.
  if (delivery === 'outbox') await relayOutbox();
  await serveUntilStopped(app, {
    onStop: () => {
      agent.destroy();
      db.close();
    },
  });
}
