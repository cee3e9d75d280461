import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { sampleCart } from '../checkout/sample-carts.ts';
import { calculateTax, applyDiscount, priceCart, validateCart } from '../checkout/functions.ts';
import { openPostgres, type PostgresBackend } from '../lab/state/postgres.ts';
import { asModule, createRunDatabase, openUnitStore, type RunDatabase, type UnitDatabase, type UnitStore } from '../lab/state/run-database.ts';
import { ordersModule } from './orders-module.ts';
import { paymentsModule } from './payments-module.ts';

// The two modules on a run database of their own, as the modular monolith holds them: one login role
// that is a member of both modules' roles, each module's statements running as its own role.
let backend: PostgresBackend;
let run: RunDatabase;
let modules: { orders: UnitDatabase; payments: UnitDatabase };
let store: UnitStore;
beforeAll(async () => {
  backend = await openPostgres({ log: () => {} });
}, 30_000);
afterAll(() => backend.close());
beforeEach(async () => {
  run = await createRunDatabase(backend, 'modules-test');
  const [orders, payments] = (await run.provision('database-per-service', ['orders', 'payments'])) as [UnitDatabase, UnitDatabase];
  modules = { orders, payments };
  store = openUnitStore(await run.provisionModularUnit('checkout', [orders, payments]));
}, 30_000);
afterEach(async () => {
  await store.end();
  await run.drop();
});

const taxedCart = (cartId: string) => calculateTax(applyDiscount(priceCart(validateCart({ ...sampleCart, cartId }))));

describe('ordersModule', () => {
  it('places an order awaiting payment, then marks it paid or failed', async () => {
    const orders = ordersModule(modules.orders);
    await store.transaction(async (tx) => {
      await orders.define(tx);
      expect((await orders.placeOrder(tx, 'order-1', sampleCart)).totalCents).toBeGreaterThan(0);
      await orders.placeOrder(tx, 'order-2', { ...sampleCart, cartId: 'cart-2' });
      await orders.markPaid(tx, 'order-1', 'pay_1');
      await orders.markPaymentFailed(tx, 'order-2');
    });
    expect(await store.transaction((tx) => orders.report(tx))).toEqual({ orders: 2, paidOrderIds: ['order-1'], unpaidOrderIds: ['order-2'] });
    await expect(store.transaction((tx) => orders.markPaid(tx, 'order-9', 'pay_9'))).rejects.toThrow(/no order order-9/);
  }, 30_000);

  it("shares a transaction with the payments module's write: all or nothing", async () => {
    const orders = ordersModule(modules.orders);
    const payments = paymentsModule(modules.payments);
    await store.transaction(async (tx) => {
      await orders.define(tx);
      await payments.define(tx);
    });
    const checkout = (orderId: string, fail: boolean) =>
      store.transaction(async (tx) => {
        const taxed = await orders.placeOrder(tx, orderId, { ...sampleCart, cartId: `cart-${orderId}` });
        const payment = await payments.recordPayment(tx, orderId, taxed);
        if (fail) throw new Error('crash between the two writes');
        await orders.markPaid(tx, orderId, payment.paymentId);
      });
    await checkout('order-1', false);
    await expect(checkout('order-2', true)).rejects.toThrow(/between the two writes/);
    const [ordersReport, paymentsReport] = await store.transaction(async (tx) => [await orders.report(tx), await payments.report(tx)] as const);
    expect(ordersReport).toEqual({ orders: 1, paidOrderIds: ['order-1'], unpaidOrderIds: [] });
    expect(paymentsReport).toEqual({ payments: 1, paidOrderIds: ['order-1'] });
  }, 30_000);
});

describe('paymentsModule', () => {
  it('charges the taxed total once per order and reports the orders it took money for', async () => {
    const payments = paymentsModule(modules.payments);
    const taxed = taxedCart('cart-1');
    await store.transaction((tx) => payments.define(tx));
    expect(await store.transaction((tx) => payments.recordPayment(tx, 'order-1', taxed))).toMatchObject({ chargedCents: taxed.totalCents });
    await expect(store.transaction((tx) => payments.recordPayment(tx, 'order-1', taxed))).rejects.toThrow(/duplicate key value violates unique constraint/);
    expect(await store.transaction((tx) => payments.report(tx))).toEqual({ payments: 1, paidOrderIds: ['order-1'] });
  }, 30_000);
});

describe('module roles in one transaction', () => {
  it("refuse a module the other's table, while the process's login role may read both", async () => {
    const orders = ordersModule(modules.orders);
    const payments = paymentsModule(modules.payments);
    await store.transaction(async (tx) => {
      await orders.define(tx);
      await payments.define(tx);
      await orders.placeOrder(tx, 'order-1', sampleCart);
      await payments.recordPayment(tx, 'order-1', taxedCart('cart-1'));
    });
    await expect(store.transaction((tx) => asModule(tx, modules.payments, (q) => q.query('SELECT id FROM orders.orders')))).rejects.toThrow('permission denied for schema orders');
    await expect(store.transaction((tx) => asModule(tx, modules.orders, (q) => q.query('SELECT order_id FROM payments.payments')))).rejects.toThrow('permission denied for schema payments');
    expect((await store.query('SELECT id FROM orders.orders')).rows).toEqual([{ id: 'order-1' }]);
    expect(await run.schemasReachable(modules.payments.role, ['orders', 'payments'])).toEqual(['payments']);
    expect(await run.schemasReachable(store.unit.role, ['orders', 'payments'])).toEqual(['orders', 'payments']);
  }, 30_000);
});
