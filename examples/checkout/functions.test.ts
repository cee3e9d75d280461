import { describe, expect, it } from 'vitest';
import { CheckoutError } from './checkout-error.ts';
import { ReceiptSchema } from './schemas.ts';
import { sampleCart } from './sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, stepNames } from './steps.ts';

describe('checkout functions', () => {
  it('turns the sample cart into a receipt with the right figures', () => {
    const receipt = ReceiptSchema.parse(runCheckoutInProcess(sampleCart));
    // 2 x 1999 + 1200 + 5 x 250 = 6448; 10 % off = 645; 19 % VAT on 5803 = 1103
    expect(receipt).toMatchObject({ subtotalCents: 6448, discountCents: 645, taxCents: 1103, totalCents: 6906 });
    expect(receipt.receiptId).toMatch(/^rcpt_[0-9a-f]{8}$/);
  });

  it('is deterministic: the same cart gives the same receipt', () => {
    expect(runCheckoutInProcess(sampleCart)).toEqual(runCheckoutInProcess(structuredClone(sampleCart)));
  });

  it('rejects an unknown SKU with a business error', () => {
    const cart = { ...sampleCart, items: [{ sku: 'NOPE-001', quantity: 1 }] };
    expect(() => runCheckoutInProcess(cart)).toThrow(new CheckoutError('unknown-sku', 'SKU NOPE-001 is not in the catalogue'));
  });

  it('declines the declined test token', () => {
    expect(() => runCheckoutInProcess({ ...sampleCart, paymentToken: 'tok_declined' })).toThrow(/declined/);
  });

  it('refuses input that does not match the schema, naming the field', () => {
    expect(() => checkoutSteps.validateCart.run({ ...sampleCart, country: 'XX' })).toThrow(/validateCart: country/);
  });

  it('chains: each step accepts what the previous one returns', () => {
    let value: unknown = sampleCart;
    for (const name of stepNames) {
      expect(checkoutSteps[name].input.safeParse(value).success).toBe(true);
      value = checkoutSteps[name].run(value);
    }
  });
});
