/**
 * The payments service, run as its own process (started by examples/lab/processes/service-process.ts).
 * It owns one schema in PostgreSQL and its role may touch no other. It charges an order with the
 * checkout's `chargePayment`, stores the payment, and publishes a "payment captured" event to a
 * JetStream stream (or the embedded broker), with the event's id as the message id, in one of two ways:
 * - `naive`: write the payment row, then publish (two separate steps);
 * - `outbox`: write the payment row and an outbox row in one transaction; a relay publishes unpublished
 *   outbox rows (after each payment and when the service starts) and marks them published afterwards.
 *
 * Environment: UNIT_DATABASE (its role, schema and connection, JSON), BROKER_URL, SUBJECT, DELIVERY
 * ('naive' | 'outbox') and CRASH_PLAN, a JSON map from order id to the point at which this process
 * kills itself with SIGKILL while handling that order.
 */
import { Hono } from 'hono';
import { chargePayment } from '../checkout/functions.ts';
import type { TaxedCart } from '../checkout/schemas.ts';
import { connectBroker } from '../lab/messaging/open-broker.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import { openUnitStore, type Queryable, type UnitDatabase } from '../lab/state/run-database.ts';
import type { CrashPoint, PaymentCapturedEvent, PaymentsReport } from './report.ts';

/**
 * Runs the payments service in this process until SIGTERM, its parent disconnects, or a planned crash.
 *
 * @example
 * ```ts
 * await runPaymentsService(); // in a child started by startService, with UNIT_DATABASE, BROKER_URL and SUBJECT set
 * ```
 */
export async function runPaymentsService(): Promise<void> {
  const { UNIT_DATABASE: unitDatabase, BROKER_URL: brokerUrl, SUBJECT: subject } = process.env;
  const delivery = process.env.DELIVERY === 'outbox' ? 'outbox' : 'naive';
  const crashPlan = JSON.parse(process.env.CRASH_PLAN ?? '{}') as Record<string, CrashPoint>;
  if (!unitDatabase || !brokerUrl || !subject || !process.send) {
    console.error('payments-service: start me through startService (UNIT_DATABASE, BROKER_URL, SUBJECT and an IPC channel are required)');
    process.exit(2);
  }
  const store = openUnitStore(JSON.parse(unitDatabase) as UnitDatabase);
  const broker = await connectBroker(brokerUrl);
  await store.query(`
    CREATE TABLE IF NOT EXISTS payments (order_id text PRIMARY KEY, payment_id text NOT NULL, amount_cents integer NOT NULL);
    CREATE TABLE IF NOT EXISTS outbox (seq bigserial PRIMARY KEY, event_id text NOT NULL UNIQUE, payload text NOT NULL, published boolean NOT NULL DEFAULT false);
    CREATE TABLE IF NOT EXISTS publishes (seq bigserial PRIMARY KEY, event_id text NOT NULL, dropped_as_duplicate boolean NOT NULL);
  `);

  /** A real crash: the kernel ends the process at once, with no chance to finish what it was doing. */
  function crashIfPlanned(orderId: string, point: CrashPoint) {
    if (crashPlan[orderId] === point) process.kill(process.pid, 'SIGKILL');
  }

  /** Publishes with the event id as the message id, and notes whether the stream dropped it as one it had. */
  async function publish(event: PaymentCapturedEvent) {
    const ack = await broker.publish(subject as string, JSON.stringify(event), event.eventId);
    await store.query('INSERT INTO publishes (event_id, dropped_as_duplicate) VALUES ($1, $2)', [event.eventId, ack.duplicate]);
  }

  /** The relay: publishes every unpublished outbox row in order, and marks it once the stream has it. */
  async function relayOutbox() {
    const { rows } = await store.query<{ payload: string }>('SELECT payload FROM outbox WHERE NOT published ORDER BY seq');
    for (const { payload } of rows) {
      const event = JSON.parse(payload) as PaymentCapturedEvent;
      await publish(event);
      crashIfPlanned(event.orderId, 'after-publish');
      await store.query('UPDATE outbox SET published = true WHERE event_id = $1', [event.eventId]);
    }
  }

  const app = new Hono();
  app.post('/payments', async (c) => {
    const { orderId, cart } = await c.req.json<{ orderId: string; cart: TaxedCart }>();
    const paid = chargePayment(cart);
    const event: PaymentCapturedEvent = { eventId: `payment-captured:${orderId}`, type: 'payment-captured', orderId, paymentId: paid.paymentId, amountCents: paid.chargedCents };
    const insertPayment = (db: Queryable) => db.query('INSERT INTO payments (order_id, payment_id, amount_cents) VALUES ($1, $2, $3)', [orderId, paid.paymentId, paid.chargedCents]);
    if (delivery === 'naive') {
      await insertPayment(store);
      crashIfPlanned(orderId, 'before-publish');
      await publish(event);
      crashIfPlanned(orderId, 'after-publish');
    } else {
      await store.transaction(async (tx) => {
        await insertPayment(tx);
        await tx.query('INSERT INTO outbox (event_id, payload) VALUES ($1, $2)', [event.eventId, JSON.stringify(event)]);
      });
      crashIfPlanned(orderId, 'before-publish');
      await relayOutbox();
    }
    return c.json({ paymentId: paid.paymentId, chargedCents: paid.chargedCents });
  });

  app.post('/report', async (c) => {
    const count = async (sql: string) => (await store.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
    const report: PaymentsReport = {
      paidOrderIds: (await store.query<{ id: string }>('SELECT order_id AS id FROM payments ORDER BY order_id')).rows.map((row) => row.id),
      outboxRows: await count('SELECT count(*)::int AS n FROM outbox'),
      outboxUnpublished: await count('SELECT count(*)::int AS n FROM outbox WHERE NOT published'),
      publishes: await count('SELECT count(*)::int AS n FROM publishes'),
      duplicatesDropped: await count('SELECT count(*)::int AS n FROM publishes WHERE dropped_as_duplicate'),
    };
    return c.json(report);
  });

  // A restarted service first hands on what it committed before its crash.
  if (delivery === 'outbox') await relayOutbox();
  await serveUntilStopped(app, {
    onStop: async () => {
      await broker.close();
      await store.end();
    },
  });
}
