import { taxRateBasisPoints } from '../checkout/catalogue.ts';
import type { DiscountedCart, TaxedCart } from '../checkout/schemas.ts';
import { DiscountedCartSchema, TaxedCartSchema } from '../checkout/schemas.ts';
import { CheckoutError } from '../checkout/checkout-error.ts';
import { checkoutSteps, type CheckoutStep } from '../checkout/steps.ts';

/**
 * The alternative tax provider: the same rates and the same contract as `calculateTax`, but it
 * rounds the tax down to the cent instead of to the nearest cent, so its answers can be told apart.
 *
 * @example
 * ```ts
 * roundDownTax(discounted).taxCents; // 1102 for the sample cart, where calculateTax gives 1103
 * ```
 */
export function roundDownTax(cart: DiscountedCart): TaxedCart {
  const taxable = cart.subtotalCents - cart.discountCents;
  const taxCents = Math.floor((taxable * (taxRateBasisPoints[cart.country] ?? 0)) / 10_000);
  return { ...cart, taxCents, totalCents: taxable + taxCents };
}

/**
 * `roundDownTax` as a checkout step, validated on the way in and out against the schemas of
 * `calculateTax`: a drop-in replacement for `checkoutSteps.calculateTax`.
 *
 * @example
 * ```ts
 * createUnitApp(nanoservices, 'calculateTax', call, { steps: { calculateTax: roundDownTaxStep } });
 * ```
 */
export const roundDownTaxStep: CheckoutStep = {
  ...checkoutSteps.calculateTax,
  run(raw) {
    const parsed = DiscountedCartSchema.safeParse(raw);
    if (!parsed.success) throw new CheckoutError('invalid-input', `calculateTax: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    return TaxedCartSchema.parse(roundDownTax(parsed.data));
  },
};
