import type { Cart } from '../checkout/schemas.ts';

const countries = ['DE', 'FR', 'NL', 'US'] as const;
const skus = ['BOOK-001', 'BOOK-002', 'MUG-001', 'PEN-001', 'BAG-001'] as const;
const coupons = [undefined, 'WELCOME10', 'LOYAL15', 'NOT-A-COUPON'] as const;

/**
 * `count` different valid carts, the same ones on every call: every country, one to three lines,
 * every coupon (and one the shop does not know). The cases of the generated unit tests.
 *
 * @example
 * ```ts
 * cartVariants(8).map((cart) => cart.country); // ['DE', 'FR', 'NL', 'US', 'DE', ...]
 * ```
 */
export function cartVariants(count: number): Cart[] {
  return Array.from({ length: count }, (_, index) => {
    const lines = 1 + (index % 3);
    const couponCode = coupons[Math.floor(index / 4) % coupons.length];
    return {
      cartId: `cart-${String(index).padStart(4, '0')}`,
      customerId: `customer-${index % 17}`,
      country: countries[index % countries.length] as Cart['country'],
      items: Array.from({ length: lines }, (_, line) => ({ sku: skus[(index + line) % skus.length] as string, quantity: 1 + ((index * 7 + line) % 9) })),
      ...(couponCode ? { couponCode } : {}),
      paymentToken: `tok_visa_${1000 + index}`,
    };
  });
}
