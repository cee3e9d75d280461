/**
 * The modular monolith, run as one process (see examples/lab/processes/service-process.ts): one SQLite
 * file, one connection, the orders and payments modules each on their own tables. The checkout places the
 * order, records the payment and marks the order paid in one transaction, which the application layer
 * owns; the modules' statements join it because they run on the same connection.
 *
 * Environment: CHECKOUT_DB (the file) and CRASH_PLAN (order id to crash point). Both crash points fall
 * at the same place here: after the payment write, before the order is marked paid, inside the transaction.
 */
import { Hono } from 'hono';
import type { Cart } from '../checkout/schemas.ts';
import { crashIfPlanned, crashPlanFromEnv } from './crash-plan.ts';
import { ordersModule } from './orders-module.ts';
import { paymentsModule } from './payments-module.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import { openStore } from './store-process.ts';

/**
 * Runs the modular monolith in this process until SIGTERM, its parent disconnects, or a planned crash.
 *
 * @example
 * ```ts
 * await runModularMonolith(); // in a child started by startService, with CHECKOUT_DB set
 * ```
 */
export async function runModularMonolith(): Promise<void> {
  const db = openStore('CHECKOUT_DB');
  const plan = crashPlanFromEnv();
  const orders = ordersModule(db);
  const payments = paymentsModule(db);

  const checkout = db.transaction((orderId: string, cart: Cart) => {
    const taxed = orders.placeOrder(orderId, cart);
    const payment = payments.recordPayment(orderId, taxed);
    crashIfPlanned(plan, orderId, ['after-payment-write', 'before-order-paid']);
    orders.markPaid(orderId, payment.paymentId);
    return payment;
  });

  const app = new Hono();
  app.post('/checkout', async (c) => {
    const { orderId, cart } = await c.req.json<{ orderId: string; cart: Cart }>();
    return c.json({ orderId, status: 'paid', payment: checkout(orderId, cart) });
  });
  app.post('/report', (c) => c.json({ orders: orders.report(), payments: payments.report(), audits: [orders.audit(), payments.audit()] }));

  await serveUntilStopped(app, { onStop: () => db.close() });
}
