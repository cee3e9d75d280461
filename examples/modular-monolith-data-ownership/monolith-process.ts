/**
 * The modular monolith, run as one process (see examples/lab/processes/service-process.ts): one
 * PostgreSQL database, one login role that is a member of both modules' roles, the orders and
 * payments modules each in their own schema under their own role. The checkout places the order,
 * records the payment and marks the order paid in one transaction, which the application layer owns;
 * each module's statements run in it as the module (`asModule`), so PostgreSQL refuses a module any
 * table of the other's schema, inside the one transaction.
 *
 * Environment: UNIT_DATABASE, MODULES (orders and payments) and CRASH_PLAN (order id to crash point).
 * Both crash points fall at the same place here: after the payment write, before the order is marked
 * paid, inside the open transaction.
 */
import { Hono } from 'hono';
import type { Cart } from '../checkout/schemas.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import { crashIfPlanned, crashPlanFromEnv } from './crash-plan.ts';
import { ordersModule } from './orders-module.ts';
import { paymentsModule } from './payments-module.ts';
import { openProcessStore } from './store-process.ts';

/**
 * Runs the modular monolith in this process until SIGTERM, its parent disconnects, or a planned crash.
 *
 * @example
 * ```ts
 * await runModularMonolith(); // in a child started by startService, with UNIT_DATABASE and MODULES set
 * ```
 */
export async function runModularMonolith(): Promise<void> {
  const { store, modules } = openProcessStore();
  const plan = crashPlanFromEnv();
  const orders = ordersModule(modules.orders!);
  const payments = paymentsModule(modules.payments!);
  await store.transaction(async (tx) => {
    await orders.define(tx);
    await payments.define(tx);
  });

  const app = new Hono();
  app.post('/checkout', async (c) => {
    const { orderId, cart } = await c.req.json<{ orderId: string; cart: Cart }>();
    const payment = await store.transaction(async (tx) => {
      const taxed = await orders.placeOrder(tx, orderId, cart);
      const paid = await payments.recordPayment(tx, orderId, taxed);
      crashIfPlanned(plan, orderId, ['after-payment-write', 'before-order-paid']);
      await orders.markPaid(tx, orderId, paid.paymentId);
      return paid;
    });
    return c.json({ orderId, status: 'paid', payment });
  });
  app.post('/report', async (c) => c.json(await store.transaction(async (tx) => ({ orders: await orders.report(tx), payments: await payments.report(tx) }))));

  await serveUntilStopped(app, { onStop: () => store.end() });
}
