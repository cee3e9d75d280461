/**
 * The orders service, run as its own process (started by examples/lab/processes/service-process.ts).
 * It owns one schema in PostgreSQL and its role may touch no other. It prices an order with the
 * checkout functions, asks the payments service over HTTP to charge it, and learns that the payment
 * was captured only from the "payment captured" event, which it consumes from the stream with a
 * durable consumer and acknowledges after the event's effect has committed.
 *
 * Environment: UNIT_DATABASE (its role, schema and connection, JSON), BROKER_URL, STREAM, IDEMPOTENT
 * ('1': an event id is applied once; '0': every delivery is applied) and CRASH_PLAN, a JSON map from
 * order id to `after-apply`: this process kills itself with SIGKILL after the event of that order has
 * committed and before it is acknowledged, once. The payments service's port arrives over IPC.
 */
import { Hono } from 'hono';
import { applyDiscount, calculateTax, priceCart, validateCart } from '../checkout/functions.ts';
import type { Cart } from '../checkout/schemas.ts';
import type { BrokerMessage } from '../lab/messaging/broker.ts';
import { connectBroker } from '../lab/messaging/open-broker.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import { openUnitStore, type UnitDatabase } from '../lab/state/run-database.ts';
import type { CrashPoint, OrdersReport, PaymentCapturedEvent } from './report.ts';

/** How long JetStream waits for an acknowledgement before it delivers the event again. */
export const ackWaitMs = 500;

/**
 * Runs the orders service in this process until SIGTERM, its parent disconnects, or a planned crash.
 *
 * @example
 * ```ts
 * await runOrdersService(); // in a child started by startService, with UNIT_DATABASE, BROKER_URL and STREAM set
 * ```
 */
export async function runOrdersService(): Promise<void> {
  const { UNIT_DATABASE: unitDatabase, BROKER_URL: brokerUrl, STREAM: stream } = process.env;
  const idempotent = process.env.IDEMPOTENT !== '0';
  const crashPlan = JSON.parse(process.env.CRASH_PLAN ?? '{}') as Record<string, CrashPoint>;
  if (!unitDatabase || !brokerUrl || !stream || !process.send) {
    console.error('orders-service: start me through startService (UNIT_DATABASE, BROKER_URL, STREAM and an IPC channel are required)');
    process.exit(2);
  }
  const store = openUnitStore(JSON.parse(unitDatabase) as UnitDatabase);
  const broker = await connectBroker(brokerUrl);
  await store.query(`
    CREATE TABLE IF NOT EXISTS orders (id text PRIMARY KEY, cart_id text NOT NULL, total_cents integer NOT NULL, status text NOT NULL);
    CREATE TABLE IF NOT EXISTS received_events (seq bigserial PRIMARY KEY, event_id text NOT NULL);
    CREATE TABLE IF NOT EXISTS processed_events (event_id text PRIMARY KEY);
    CREATE TABLE IF NOT EXISTS payment_applications (seq bigserial PRIMARY KEY, order_id text NOT NULL, event_id text NOT NULL);
  `);

  // Delivery, dedupe and effect commit together: a crash cannot apply an event without recording it.
  async function applyEvent(message: BrokerMessage) {
    const event = JSON.parse(message.data) as PaymentCapturedEvent;
    await store.transaction(async (tx) => {
      await tx.query('INSERT INTO received_events (event_id) VALUES ($1)', [event.eventId]);
      if (idempotent && (await tx.query('INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING', [event.eventId])).rowCount === 0) return;
      await tx.query('INSERT INTO payment_applications (order_id, event_id) VALUES ($1, $2)', [event.orderId, event.eventId]);
      await tx.query("UPDATE orders SET status = 'paid' WHERE id = $1", [event.orderId]);
    });
    // Killed between the commit and the acknowledgement: JetStream will deliver the event again. The
    // kill waits until the order's own request has been answered, so that what the client counts as
    // accepted does not depend on which of the two came first.
    if (crashPlan[event.orderId] === 'after-apply' && message.deliveryCount === 1) {
      for (let waited = 0; answering.has(event.orderId) && waited < 5_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 50));
      process.kill(process.pid, 'SIGKILL');
    }
    await message.ack();
  }
  /** Orders whose request is being answered. */
  const answering = new Set<string>();
  const consumption = await broker.consume(stream, 'orders', applyEvent, { ackWaitMs });

  let paymentsPort: number | null = null;
  const agent = keepAliveAgent();
  const app = new Hono();

  app.post('/orders', async (c) => {
    const { orderId, cart } = await c.req.json<{ orderId: string; cart: Cart }>();
    answering.add(orderId);
    try {
      const taxed = calculateTax(applyDiscount(priceCart(validateCart(cart))));
      await store.query('INSERT INTO orders (id, cart_id, total_cents, status) VALUES ($1, $2, $3, $4)', [orderId, cart.cartId, taxed.totalCents, 'awaiting-payment']);
      if (paymentsPort === null) throw new Error('no payments service configured');
      const answer = await postJson(agent, paymentsPort, '/payments', { orderId, cart: taxed });
      return c.json({ orderId, status: 'payment-requested', payment: answer.value });
    } catch (error) {
      return c.json({ error: { code: 'payment-unavailable', message: (error as Error).message } }, 502);
    } finally {
      answering.delete(orderId);
    }
  });

  app.post('/report', async (c) => {
    const count = async (sql: string) => (await store.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
    const report: OrdersReport = {
      orders: await count('SELECT count(*)::int AS n FROM orders'),
      paidOrderIds: (await store.query<{ id: string }>("SELECT id FROM orders WHERE status = 'paid' ORDER BY id")).rows.map((row) => row.id),
      deliveries: await count('SELECT count(*)::int AS n FROM received_events'),
      distinctEventsDelivered: await count('SELECT count(DISTINCT event_id)::int AS n FROM received_events'),
      applications: await count('SELECT count(*)::int AS n FROM payment_applications'),
      distinctOrdersApplied: await count('SELECT count(DISTINCT order_id)::int AS n FROM payment_applications'),
    };
    return c.json(report);
  });

  // What another unit's data looks like from here: PostgreSQL's answer to a read of its schema.
  app.post('/read-other', async (c) => {
    const { table } = await c.req.json<{ table: string }>();
    try {
      const { rowCount } = await store.query(`SELECT * FROM ${table}`);
      return c.json({ refused: false, rows: rowCount ?? 0 });
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      return c.json({ refused: true, code: code ?? null, message });
    }
  });

  process.on('message', (message: { paymentsPort?: number }) => {
    if (typeof message?.paymentsPort !== 'number') return;
    paymentsPort = message.paymentsPort;
    process.send?.({ configured: message.paymentsPort });
  });
  await serveUntilStopped(app, {
    onStop: async () => {
      agent.destroy();
      await consumption.stop();
      await broker.close();
      await store.end();
    },
  });
}
