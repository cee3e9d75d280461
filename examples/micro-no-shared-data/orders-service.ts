/**
 * The orders service, run as its own process (started by examples/lab/processes/service-process.ts).
 * It owns one SQLite file and opens no other. It prices an order with the checkout functions, asks the payments service over HTTP
 * to charge it, and learns that the payment was captured only from the "payment captured" event.
 *
 * Environment: ORDERS_DB (its file), IDEMPOTENT ('1': an event id is applied once; '0': every delivery
 * is applied). The payments service's port arrives over IPC, because the two start in turn.
 */
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { applyDiscount, calculateTax, priceCart, validateCart } from '../checkout/functions.ts';
import type { Cart } from '../checkout/schemas.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import type { PaymentCapturedEvent, OrdersReport } from './report.ts';

/**
 * Runs the orders service in this process until SIGTERM or until its parent disconnects.
 *
 * @example
 * ```ts
 * await runOrdersService(); // in a child started by startService, with ORDERS_DB set
 * ```
 */
export async function runOrdersService(): Promise<void> {
  const file = process.env.ORDERS_DB;
  const idempotent = process.env.IDEMPOTENT !== '0';
  if (!file || !process.send) {
    console.error('orders-service: start me through startService (ORDERS_DB and an IPC channel are required)');
    process.exit(2);
  }

  const db = new Database(file);
  // WAL with synchronous=NORMAL: a commit survives the process being killed (it is in the OS's cache);
  // only a power cut could lose the last commits, and this experiment kills processes, not machines.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, cart_id TEXT NOT NULL, total_cents INTEGER NOT NULL, status TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS received_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS processed_events (event_id TEXT PRIMARY KEY);
    CREATE TABLE IF NOT EXISTS payment_applications (seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL, event_id TEXT NOT NULL);
  `);
  const insertOrder = db.prepare('INSERT INTO orders (id, cart_id, total_cents, status) VALUES (?, ?, ?, ?)');
  const recordDelivery = db.prepare('INSERT INTO received_events (event_id) VALUES (?)');
  const markProcessed = db.prepare('INSERT OR IGNORE INTO processed_events (event_id) VALUES (?)');
  const recordApplication = db.prepare('INSERT INTO payment_applications (order_id, event_id) VALUES (?, ?)');
  const markPaid = db.prepare("UPDATE orders SET status = 'paid' WHERE id = ?");

  // Delivery, dedupe and effect commit together: a crash here cannot apply an event without recording it.
  const applyEvent = db.transaction((event: PaymentCapturedEvent) => {
    recordDelivery.run(event.eventId);
    if (idempotent && markProcessed.run(event.eventId).changes === 0) return false;
    recordApplication.run(event.orderId, event.eventId);
    markPaid.run(event.orderId);
    return true;
  });

  let paymentsPort: number | null = null;
  const agent = keepAliveAgent();
  const app = new Hono();

  app.post('/orders', async (c) => {
    const { orderId, cart } = await c.req.json<{ orderId: string; cart: Cart }>();
    const taxed = calculateTax(applyDiscount(priceCart(validateCart(cart))));
    insertOrder.run(orderId, cart.cartId, taxed.totalCents, 'awaiting-payment');
    try {
      if (paymentsPort === null) throw new Error('no payments service configured');
      const answer = await postJson(agent, paymentsPort, '/payments', { orderId, cart: taxed });
      return c.json({ orderId, status: 'payment-requested', payment: answer.value });
    } catch (error) {
      return c.json({ error: { code: 'payment-unavailable', message: (error as Error).message } }, 502);
    }
  });

  app.post('/events', async (c) => c.json({ applied: applyEvent(await c.req.json<PaymentCapturedEvent>()) }));

  app.post('/report', (c) => {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const report: OrdersReport = {
      orders: count('SELECT COUNT(*) AS n FROM orders'),
      paidOrderIds: (db.prepare("SELECT id FROM orders WHERE status = 'paid' ORDER BY id").all() as Array<{ id: string }>).map((row) => row.id),
      deliveries: count('SELECT COUNT(*) AS n FROM received_events'),
      distinctEventsDelivered: count('SELECT COUNT(DISTINCT event_id) AS n FROM received_events'),
      applications: count('SELECT COUNT(*) AS n FROM payment_applications'),
      distinctOrdersApplied: count('SELECT COUNT(DISTINCT order_id) AS n FROM payment_applications'),
      file,
    };
    return c.json(report);
  });

  process.on('message', (message: { paymentsPort?: number }) => {
    if (typeof message?.paymentsPort !== 'number') return;
    paymentsPort = message.paymentsPort;
    process.send?.({ configured: message.paymentsPort });
  });
  await serveUntilStopped(app, {
    onStop: () => {
      agent.destroy();
      db.close();
    },
  });
}
