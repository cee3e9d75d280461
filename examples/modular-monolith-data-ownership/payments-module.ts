/**
 * The payments module: owns the `payments` schema and nothing else. It charges with the checkout's
 * `chargePayment` and records the payment. Like the orders module, it runs unchanged in the modular
 * monolith and in the payments service.
 */
import { chargePayment } from '../checkout/functions.ts';
import type { TaxedCart } from '../checkout/schemas.ts';
import { asModule, type Queryable, type UnitDatabase } from '../lab/state/run-database.ts';

/** What the payments module says about its own store. */
export interface PaymentsReport {
  readonly payments: number;
  /** Orders for which money was taken. */
  readonly paidOrderIds: readonly string[];
}

/** The payments module's interface; each call runs in the caller's transaction, as the module's role. */
export interface PaymentsModule {
  /** Creates the module's table if it is missing. */
  define(tx: Queryable): Promise<void>;
  /** Charges the cart and records the payment for the order. */
  recordPayment(tx: Queryable, orderId: string, cart: TaxedCart): Promise<{ paymentId: string; chargedCents: number }>;
  report(tx: Queryable): Promise<PaymentsReport>;
}

/**
 * The payments module, working as the role and in the schema `module` gives it.
 *
 * @example
 * ```ts
 * const payments = paymentsModule(paymentsDb);
 * await store.transaction((tx) => payments.recordPayment(tx, 'order-0001', taxed)); // { paymentId: 'pay_…', chargedCents: 4390 }
 * ```
 */
export function paymentsModule(module: Pick<UnitDatabase, 'role' | 'schema'>): PaymentsModule {
  const as = <T>(tx: Queryable, work: (q: Queryable) => Promise<T>) => asModule(tx, module, work);
  return {
    define: (tx) =>
      as(tx, async (q) => {
        await q.query('CREATE TABLE IF NOT EXISTS payments (order_id text PRIMARY KEY, payment_id text NOT NULL, amount_cents integer NOT NULL)');
      }),
    recordPayment: (tx, orderId, cart) =>
      as(tx, async (q) => {
        const paid = chargePayment(cart);
        await q.query('INSERT INTO payments (order_id, payment_id, amount_cents) VALUES ($1, $2, $3)', [orderId, paid.paymentId, paid.chargedCents]);
        return { paymentId: paid.paymentId, chargedCents: paid.chargedCents };
      }),
    report: (tx) =>
      as(tx, async (q) => {
        const paidOrderIds = (await q.query<{ id: string }>('SELECT order_id AS id FROM payments ORDER BY order_id')).rows.map((row) => row.id);
        return { payments: paidOrderIds.length, paidOrderIds };
      }),
  };
}
