import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyDiscount, calculateTax, priceCart, validateCart } from '../checkout/functions.ts';
import { sampleCart } from '../checkout/sample-carts.ts';
import { paymentsModule } from './payments-module.ts';

describe('paymentsModule', () => {
  it('charges the taxed total once per order and reports the orders it took money for', () => {
    const db = new Database(':memory:');
    try {
      const payments = paymentsModule(db);
      const taxed = calculateTax(applyDiscount(priceCart(validateCart(sampleCart))));
      expect(payments.recordPayment('order-1', taxed)).toMatchObject({ chargedCents: taxed.totalCents });
      expect(() => payments.recordPayment('order-1', taxed)).toThrow(/UNIQUE/);
      expect(payments.report()).toEqual({ payments: 1, paidOrderIds: ['order-1'] });
      expect(payments.audit()).toEqual({ owner: 'payments', statements: 2, tables: ['payments_payments'] });
    } finally {
      db.close();
    }
  });
});
