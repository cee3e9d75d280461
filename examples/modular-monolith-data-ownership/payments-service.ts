/**
 * The payments service: the payments module alone in its own process, as its own role. It charges
 * and commits the payment, then answers the orders service.
 *
 * Environment: UNIT_DATABASE, MODULES, CRASH_PLAN.
 */
import { Hono } from 'hono';
import type { TaxedCart } from '../checkout/schemas.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import { crashIfPlanned, crashPlanFromEnv } from './crash-plan.ts';
import { paymentsModule } from './payments-module.ts';
import { openProcessStore } from './store-process.ts';

/**
 * Runs the payments service in this process until SIGTERM, its parent disconnects, or a planned crash.
 *
 * @example
 * ```ts
 * await runPaymentsService(); // in a child started by startService, with UNIT_DATABASE and MODULES set
 * ```
 */
export async function runPaymentsService(): Promise<void> {
  const { store, modules } = openProcessStore();
  const plan = crashPlanFromEnv();
  const payments = paymentsModule(modules.payments!);
  await store.transaction((tx) => payments.define(tx));

  const app = new Hono();
  app.post('/payments', async (c) => {
    const { orderId, cart } = await c.req.json<{ orderId: string; cart: TaxedCart }>();
    const payment = await store.transaction((tx) => payments.recordPayment(tx, orderId, cart));
    crashIfPlanned(plan, orderId, ['after-payment-write']);
    return c.json(payment);
  });
  app.post('/report', async (c) => c.json({ payments: await store.transaction((tx) => payments.report(tx)) }));

  await serveUntilStopped(app, { onStop: () => store.end() });
}
