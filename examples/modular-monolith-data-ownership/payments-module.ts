/**
 * The payments module: owns the `payments_*` tables and nothing else. It charges with the checkout's
 * `chargePayment` and records the payment. Like the orders module, it runs unchanged in the modular
 * monolith and in the payments service.
 */
import type Database from 'better-sqlite3';
import { chargePayment } from '../checkout/functions.ts';
import type { TaxedCart } from '../checkout/schemas.ts';
import { moduleTables, type TableAudit } from './module-tables.ts';

/** What the payments module says about its own store. */
export interface PaymentsReport {
  readonly payments: number;
  /** Orders for which money was taken. */
  readonly paidOrderIds: readonly string[];
}

/** The payments module's interface. */
export interface PaymentsModule {
  /** Charges the cart and records the payment for the order. */
  recordPayment(orderId: string, cart: TaxedCart): { paymentId: string; chargedCents: number };
  report(): PaymentsReport;
  audit(): TableAudit;
}

/**
 * Opens the payments module on `db`, creating its tables if they are missing.
 *
 * @example
 * ```ts
 * const payments = paymentsModule(db);
 * payments.recordPayment('order-0001', taxed); // { paymentId: 'pay_…', chargedCents: 4390 }
 * ```
 */
export function paymentsModule(db: Database.Database): PaymentsModule {
  const tables = moduleTables(db, 'payments');
  tables.define('CREATE TABLE IF NOT EXISTS payments_payments (order_id TEXT PRIMARY KEY, payment_id TEXT NOT NULL, amount_cents INTEGER NOT NULL)');
  const insert = tables.prepare('INSERT INTO payments_payments (order_id, payment_id, amount_cents) VALUES (?, ?, ?)');
  const orderIds = tables.prepare('SELECT order_id AS id FROM payments_payments ORDER BY order_id');
  return {
    recordPayment(orderId, cart) {
      const paid = chargePayment(cart);
      insert.run(orderId, paid.paymentId, paid.chargedCents);
      return { paymentId: paid.paymentId, chargedCents: paid.chargedCents };
    },
    report() {
      const paidOrderIds = (orderIds.all() as Array<{ id: string }>).map((row) => row.id);
      return { payments: paidOrderIds.length, paidOrderIds };
    },
    audit: () => tables.audit(),
  };
}
