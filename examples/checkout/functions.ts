import { couponPercent, declinedPaymentToken, taxRateBasisPoints, unitPriceCents } from './catalogue.ts';
import { CheckoutError } from './checkout-error.ts';
import { stableId } from './stable-id.ts';
import type { Cart, DiscountedCart, PaidOrder, PricedCart, Receipt, TaxedCart, ValidatedCart } from './schemas.ts';

/**
 * Checks that every item is in the catalogue.
 *
 * @example
 * ```ts
 * validateCart({ cartId: 'c1', customerId: 'u1', country: 'DE', paymentToken: 'tok_ok',
 *   items: [{ sku: 'BOOK-001', quantity: 1 }] }); // { ..., validated: true }
 * ```
 */
export function validateCart(cart: Cart): ValidatedCart {
  const unknown = cart.items.find((item) => unitPriceCents[item.sku] === undefined);
  if (unknown) throw new CheckoutError('unknown-sku', `SKU ${unknown.sku} is not in the catalogue`);
  return { ...cart, validated: true };
}

/**
 * Prices every line from the catalogue and sums the subtotal.
 *
 * @example
 * ```ts
 * priceCart(validated).subtotalCents; // 1999 for one BOOK-001
 * ```
 */
export function priceCart(cart: ValidatedCart): PricedCart {
  const lines = cart.items.map(({ sku, quantity }) => {
    const unitPrice = unitPriceCents[sku] ?? 0;
    return { sku, quantity, unitPriceCents: unitPrice, lineTotalCents: unitPrice * quantity };
  });
  return { ...cart, lines, subtotalCents: lines.reduce((sum, line) => sum + line.lineTotalCents, 0) };
}

/**
 * Takes the coupon's percentage off the subtotal; an unknown coupon takes nothing off.
 *
 * @example
 * ```ts
 * applyDiscount({ ...priced, couponCode: 'WELCOME10' }).discountCents; // 10 % of the subtotal
 * ```
 */
export function applyDiscount(cart: PricedCart): DiscountedCart {
  const percent = cart.couponCode ? (couponPercent[cart.couponCode] ?? 0) : 0;
  return { ...cart, discountCents: Math.round((cart.subtotalCents * percent) / 100) };
}

/**
 * Adds the destination country's tax to the discounted subtotal.
 *
 * @example
 * ```ts
 * calculateTax(discounted).totalCents; // subtotal - discount + tax
 * ```
 */
export function calculateTax(cart: DiscountedCart): TaxedCart {
  const taxable = cart.subtotalCents - cart.discountCents;
  const taxCents = Math.round((taxable * (taxRateBasisPoints[cart.country] ?? 0)) / 10_000);
  return { ...cart, taxCents, totalCents: taxable + taxCents };
}

/**
 * Charges the total with a stand-in payment provider: deterministic, and declines `tok_declined`.
 *
 * @example
 * ```ts
 * chargePayment(taxed).paymentId; // "pay_" + 8 hex digits, the same for the same cart
 * ```
 */
export function chargePayment(cart: TaxedCart): PaidOrder {
  if (cart.paymentToken === declinedPaymentToken) {
    throw new CheckoutError('payment-declined', `payment for cart ${cart.cartId} was declined`);
  }
  return { ...cart, paymentId: `pay_${stableId(`${cart.cartId}|${cart.totalCents}`)}`, chargedCents: cart.totalCents };
}

/**
 * Issues the receipt the shopper sees: the figures of the order, without the payment token.
 *
 * @example
 * ```ts
 * issueReceipt(paid).receiptId; // "rcpt_" + 8 hex digits
 * ```
 */
export function issueReceipt(order: PaidOrder): Receipt {
  return {
    receiptId: `rcpt_${stableId(`${order.paymentId}|${order.customerId}`)}`,
    cartId: order.cartId,
    customerId: order.customerId,
    lines: order.lines,
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    taxCents: order.taxCents,
    totalCents: order.totalCents,
    paymentId: order.paymentId,
  };
}
