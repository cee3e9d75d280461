/**
 * The payments service: the payments module alone in its own process, on its own file. It charges and
 * commits the payment, then answers the orders service.
 *
 * Environment: PAYMENTS_DB, CRASH_PLAN.
 */
import { Hono } from 'hono';
import type { TaxedCart } from '../checkout/schemas.ts';
import { crashIfPlanned, crashPlanFromEnv } from './crash-plan.ts';
import { paymentsModule } from './payments-module.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import { openStore } from './store-process.ts';

/**
 * Runs the payments service in this process until SIGTERM, its parent disconnects, or a planned crash.
 *
 * @example
 * ```ts
 * await runPaymentsService(); // in a child started by startService, with PAYMENTS_DB set
 * ```
 */
export async function runPaymentsService(): Promise<void> {
  const db = openStore('PAYMENTS_DB');
  const plan = crashPlanFromEnv();
  const payments = paymentsModule(db);

  const app = new Hono();
  app.post('/payments', async (c) => {
    const { orderId, cart } = await c.req.json<{ orderId: string; cart: TaxedCart }>();
    const payment = payments.recordPayment(orderId, cart);
    crashIfPlanned(plan, orderId, ['after-payment-write']);
    return c.json(payment);
  });
  app.post('/report', (c) => c.json({ payments: payments.report(), audits: [payments.audit()] }));

  await serveUntilStopped(app, { onStop: () => db.close() });
}
