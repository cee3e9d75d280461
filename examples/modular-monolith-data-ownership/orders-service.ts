/**
 * The orders service: the orders module alone in its own process, as its own role. It places the order
 * (its own commit), asks the payments service over HTTP to charge it (the payments service's commit), and
 * marks the order paid (a second commit of its own). Nothing ties the commits together: this is the naive
 * dual write, with no outbox and no saga.
 *
 * Environment: UNIT_DATABASE, MODULES, PAYMENTS_PORT, CRASH_PLAN. A restarted payments service's port arrives over IPC.
 */
import { Hono } from 'hono';
import type { Cart } from '../checkout/schemas.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import { crashIfPlanned, crashPlanFromEnv } from './crash-plan.ts';
import { ordersModule } from './orders-module.ts';
import { openProcessStore } from './store-process.ts';

/**
 * Runs the orders service in this process until SIGTERM, its parent disconnects, or a planned crash.
 *
 * @example
 * ```ts
 * await runOrdersService(); // in a child started by startService, with UNIT_DATABASE, MODULES and PAYMENTS_PORT set
 * ```
 */
export async function runOrdersService(): Promise<void> {
  const { store, modules } = openProcessStore();
  const plan = crashPlanFromEnv();
  const orders = ordersModule(modules.orders!);
  await store.transaction((tx) => orders.define(tx));
  let paymentsPort = Number(process.env.PAYMENTS_PORT);
  const agent = keepAliveAgent();

  const app = new Hono();
  app.post('/checkout', async (c) => {
    const { orderId, cart } = await c.req.json<{ orderId: string; cart: Cart }>();
    const taxed = await store.transaction((tx) => orders.placeOrder(tx, orderId, cart));
    let payment: { paymentId: string; chargedCents: number };
    try {
      payment = (await postJson(agent, paymentsPort, '/payments', { orderId, cart: taxed })).value as typeof payment;
    } catch (error) {
      // What a careful service does without a saga: it tells the customer the payment failed. It cannot
      // know whether the payments service committed before it died.
      await store.transaction((tx) => orders.markPaymentFailed(tx, orderId));
      return c.json({ error: { code: 'payment-unavailable', message: (error as Error).message } }, 502);
    }
    crashIfPlanned(plan, orderId, ['before-order-paid']);
    await store.transaction((tx) => orders.markPaid(tx, orderId, payment.paymentId));
    return c.json({ orderId, status: 'paid', payment });
  });
  app.post('/report', async (c) => c.json({ orders: await store.transaction((tx) => orders.report(tx)) }));

  process.on('message', (message: { paymentsPort?: number }) => {
    if (typeof message?.paymentsPort !== 'number') return;
    paymentsPort = message.paymentsPort;
    process.send?.({ configured: paymentsPort });
  });
  await serveUntilStopped(app, {
    onStop: async () => {
      agent.destroy();
      await store.end();
    },
  });
}
