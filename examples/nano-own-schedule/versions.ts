import { z } from 'zod';
import { taxRateBasisPoints } from '../checkout/catalogue.ts';
import { CheckoutError } from '../checkout/checkout-error.ts';
import { DiscountedCartSchema, TaxedCartSchema, type DiscountedCart } from '../checkout/schemas.ts';
import type { CheckoutStep } from '../checkout/steps.ts';

/** A candidate release of `calculateTax`, with what its author meant by it. */
export interface ProviderVersion {
  readonly name: string;
  readonly change: string;
  readonly step: CheckoutStep;
}

function taxStep(output: z.ZodObject, fn: (cart: DiscountedCart) => unknown): CheckoutStep {
  return {
    name: 'calculateTax',
    input: DiscountedCartSchema,
    output,
    run(raw) {
      const parsed = DiscountedCartSchema.safeParse(raw);
      if (!parsed.success) throw new CheckoutError('invalid-input', `calculateTax v2: ${parsed.error.message}`);
      return output.parse(fn(parsed.data));
    },
  };
}

const rateOf = (cart: DiscountedCart) => taxRateBasisPoints[cart.country] ?? 0;
const taxOf = (cart: DiscountedCart) => Math.round(((cart.subtotalCents - cart.discountCents) * rateOf(cart)) / 10_000);

/**
 * Three v2 releases of `calculateTax`, each shipped alone: one that only adds a field, one that
 * changes the output shape, and one that keeps the shape but changes what a figure means.
 *
 * @example
 * ```ts
 * taxVersions.map((v) => v.name); // ['v2-adds-rate', 'v2-nests-tax', 'v2-net-total']
 * ```
 */
export const taxVersions: readonly ProviderVersion[] = [
  {
    name: 'v2-adds-rate',
    change: 'adds taxRateBasisPoints beside taxCents; nothing else changes',
    step: taxStep(TaxedCartSchema.extend({ taxRateBasisPoints: z.number().int() }), (cart) => {
      const taxCents = taxOf(cart);
      return { ...cart, taxCents, taxRateBasisPoints: rateOf(cart), totalCents: cart.subtotalCents - cart.discountCents + taxCents };
    }),
  },
  {
    name: 'v2-nests-tax',
    change: 'replaces taxCents with tax: { amountCents, rateBasisPoints }',
    step: taxStep(
      DiscountedCartSchema.extend({ tax: z.object({ amountCents: z.number().int(), rateBasisPoints: z.number().int() }), totalCents: z.number().int() }),
      (cart) => {
        const amountCents = taxOf(cart);
        return { ...cart, tax: { amountCents, rateBasisPoints: rateOf(cart) }, totalCents: cart.subtotalCents - cart.discountCents + amountCents };
      },
    ),
  },
  {
    name: 'v2-net-total',
    change: 'same fields, but totalCents is now the net amount, without tax',
    step: taxStep(TaxedCartSchema, (cart) => ({ ...cart, taxCents: taxOf(cart), totalCents: cart.subtotalCents - cart.discountCents })),
  },
];
