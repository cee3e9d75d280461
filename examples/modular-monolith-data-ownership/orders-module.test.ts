import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCart } from '../checkout/sample-carts.ts';
import { ordersModule } from './orders-module.ts';
import { paymentsModule } from './payments-module.ts';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
});
afterEach(() => db.close());

describe('ordersModule', () => {
  it('places an order awaiting payment, then marks it paid or failed', () => {
    const orders = ordersModule(db);
    const taxed = orders.placeOrder('order-1', sampleCart);
    expect(taxed.totalCents).toBeGreaterThan(0);
    orders.placeOrder('order-2', { ...sampleCart, cartId: 'cart-2' });
    orders.markPaid('order-1', 'pay_1');
    orders.markPaymentFailed('order-2');
    expect(orders.report()).toEqual({ orders: 2, paidOrderIds: ['order-1'], unpaidOrderIds: ['order-2'] });
    expect(() => orders.markPaid('order-9', 'pay_9')).toThrow(/no order order-9/);
  });

  it("joins a transaction opened on its connection: with the payments module's write, all or nothing", () => {
    const orders = ordersModule(db);
    const payments = paymentsModule(db);
    const checkout = db.transaction((orderId: string, fail: boolean) => {
      const taxed = orders.placeOrder(orderId, { ...sampleCart, cartId: `cart-${orderId}` });
      const payment = payments.recordPayment(orderId, taxed);
      if (fail) throw new Error('crash between the two writes');
      orders.markPaid(orderId, payment.paymentId);
    });
    checkout('order-1', false);
    expect(() => checkout('order-2', true)).toThrow(/between the two writes/);
    expect(orders.report().paidOrderIds).toEqual(['order-1']);
    expect(payments.report().paidOrderIds).toEqual(['order-1']);
    expect(orders.report().orders).toBe(1);
  });
});
