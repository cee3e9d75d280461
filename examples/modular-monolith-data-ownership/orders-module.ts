/**
 * The orders module: owns the `orders` schema and nothing else (its role has no grant on any other).
 * The same module runs inside the modular monolith (in one transaction with the payments module) and
 * inside the orders service (alone, as the service's own role); only the transaction it is given differs.
 */
import { applyDiscount, calculateTax, priceCart, validateCart } from '../checkout/functions.ts';
import type { Cart, TaxedCart } from '../checkout/schemas.ts';
import { asModule, type Queryable, type UnitDatabase } from '../lab/state/run-database.ts';

/** What the orders module says about its own store. */
export interface OrdersReport {
  readonly orders: number;
  /** Orders whose status is `paid`. */
  readonly paidOrderIds: readonly string[];
  /** Orders stored but not paid: still awaiting payment, or told that the payment failed. */
  readonly unpaidOrderIds: readonly string[];
}

/** The orders module's interface: the only way other modules (or services) reach its data. Each call runs in the caller's transaction, as the module's role. */
export interface OrdersModule {
  /** Creates the module's table if it is missing. */
  define(tx: Queryable): Promise<void>;
  /** Prices the cart with the checkout's functions and stores the order, awaiting payment. */
  placeOrder(tx: Queryable, orderId: string, cart: Cart): Promise<TaxedCart>;
  markPaid(tx: Queryable, orderId: string, paymentId: string): Promise<void>;
  markPaymentFailed(tx: Queryable, orderId: string): Promise<void>;
  report(tx: Queryable): Promise<OrdersReport>;
}

/**
 * The orders module, working as the role and in the schema `module` gives it.
 *
 * @example
 * ```ts
 * const orders = ordersModule(ordersDb);
 * await store.transaction((tx) => orders.placeOrder(tx, 'order-0001', sampleCart)); // stored, awaiting payment
 * ```
 */
export function ordersModule(module: Pick<UnitDatabase, 'role' | 'schema'>): OrdersModule {
  const as = <T>(tx: Queryable, work: (q: Queryable) => Promise<T>) => asModule(tx, module, work);
  return {
    define: (tx) =>
      as(tx, async (q) => {
        await q.query('CREATE TABLE IF NOT EXISTS orders (id text PRIMARY KEY, cart_id text NOT NULL, total_cents integer NOT NULL, status text NOT NULL, payment_id text)');
      }),
    placeOrder: (tx, orderId, cart) =>
      as(tx, async (q) => {
        const taxed = calculateTax(applyDiscount(priceCart(validateCart(cart))));
        await q.query("INSERT INTO orders (id, cart_id, total_cents, status) VALUES ($1, $2, $3, 'awaiting-payment')", [orderId, taxed.cartId, taxed.totalCents]);
        return taxed;
      }),
    markPaid: (tx, orderId, paymentId) =>
      as(tx, async (q) => {
        if ((await q.query("UPDATE orders SET status = 'paid', payment_id = $1 WHERE id = $2", [paymentId, orderId])).rowCount !== 1) throw new Error(`no order ${orderId} to mark paid`);
      }),
    markPaymentFailed: (tx, orderId) =>
      as(tx, async (q) => {
        await q.query("UPDATE orders SET status = 'payment-failed' WHERE id = $1 AND status = 'awaiting-payment'", [orderId]);
      }),
    report: (tx) =>
      as(tx, async (q) => {
        const { rows } = await q.query<{ id: string; paid: boolean }>("SELECT id, status = 'paid' AS paid FROM orders ORDER BY id");
        return { orders: rows.length, paidOrderIds: rows.filter((row) => row.paid).map((row) => row.id), unpaidOrderIds: rows.filter((row) => !row.paid).map((row) => row.id) };
      }),
  };
}
