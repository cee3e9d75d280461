/**
 * The orders module: owns the `orders_*` tables and nothing else. The same module runs inside the
 * modular monolith (sharing a connection with the payments module) and inside the orders service (alone
 * on its own file); only the connection it is given differs.
 */
import type Database from 'better-sqlite3';
import { applyDiscount, calculateTax, priceCart, validateCart } from '../checkout/functions.ts';
import type { Cart, TaxedCart } from '../checkout/schemas.ts';
import { moduleTables, type TableAudit } from './module-tables.ts';

/** What the orders module says about its own store. */
export interface OrdersReport {
  readonly orders: number;
  /** Orders whose status is `paid`. */
  readonly paidOrderIds: readonly string[];
  /** Orders stored but not paid: still awaiting payment, or told that the payment failed. */
  readonly unpaidOrderIds: readonly string[];
}

/** The orders module's interface: the only way other modules (or services) reach its data. */
export interface OrdersModule {
  /** Prices the cart with the checkout's functions and stores the order, awaiting payment. */
  placeOrder(orderId: string, cart: Cart): TaxedCart;
  markPaid(orderId: string, paymentId: string): void;
  markPaymentFailed(orderId: string): void;
  report(): OrdersReport;
  audit(): TableAudit;
}

/**
 * Opens the orders module on `db`, creating its tables if they are missing.
 *
 * @example
 * ```ts
 * const orders = ordersModule(db);
 * orders.placeOrder('order-0001', sampleCart).totalCents; // the taxed total, now stored as awaiting payment
 * ```
 */
export function ordersModule(db: Database.Database): OrdersModule {
  const tables = moduleTables(db, 'orders');
  tables.define(`CREATE TABLE IF NOT EXISTS orders_orders (
    id TEXT PRIMARY KEY, cart_id TEXT NOT NULL, total_cents INTEGER NOT NULL, status TEXT NOT NULL, payment_id TEXT)`);
  const insert = tables.prepare("INSERT INTO orders_orders (id, cart_id, total_cents, status) VALUES (?, ?, ?, 'awaiting-payment')");
  const setPaid = tables.prepare("UPDATE orders_orders SET status = 'paid', payment_id = ? WHERE id = ?");
  const setFailed = tables.prepare("UPDATE orders_orders SET status = 'payment-failed' WHERE id = ? AND status = 'awaiting-payment'");
  const count = tables.prepare('SELECT COUNT(*) AS n FROM orders_orders');
  const idsWith = tables.prepare('SELECT id FROM orders_orders WHERE (status = ?) = ? ORDER BY id');
  const ids = (paid: boolean) => (idsWith.all('paid', paid ? 1 : 0) as Array<{ id: string }>).map((row) => row.id);
  return {
    placeOrder(orderId, cart) {
      const taxed = calculateTax(applyDiscount(priceCart(validateCart(cart))));
      insert.run(orderId, taxed.cartId, taxed.totalCents);
      return taxed;
    },
    markPaid(orderId, paymentId) {
      if (setPaid.run(paymentId, orderId).changes !== 1) throw new Error(`no order ${orderId} to mark paid`);
    },
    markPaymentFailed(orderId) {
      setFailed.run(orderId);
    },
    report: () => ({ orders: (count.get() as { n: number }).n, paidOrderIds: ids(true), unpaidOrderIds: ids(false) }),
    audit: () => tables.audit(),
  };
}
