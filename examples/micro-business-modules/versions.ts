import { z } from 'zod';
import { checkoutSteps, type CheckoutStep } from '../checkout/steps.ts';
import { DiscountedCartSchema } from '../checkout/schemas.ts';

/** A candidate release of the cart service's last function, `applyDiscount`: what billing receives. */
export interface CartRelease {
  readonly name: string;
  readonly change: string;
  readonly step: CheckoutStep;
}

const released = checkoutSteps.applyDiscount;

function variant(name: string, change: string, output: z.ZodType, transform: (value: Record<string, unknown>) => Record<string, unknown>): CartRelease {
  return {
    name,
    change,
    step: { ...released, output, run: (raw) => output.parse(transform(released.run(raw) as Record<string, unknown>)) },
  };
}

/**
 * The cart service's candidate releases: one adds a field (consumers ignore it), one renames a field
 * billing reads (billing's schema breaks), and one keeps every field and type but changes what a
 * value means: the discount in whole euros instead of cents (only billing's example values catch it).
 *
 * @example
 * ```ts
 * cartReleases.map((r) => r.name); // ['v1 (control)', 'v2-adds-currency', 'v2-renames-discount', 'v2-discount-in-euros']
 * ```
 */
export const cartReleases: readonly CartRelease[] = [
  { name: 'v1 (control)', change: 'the released cart service, unchanged', step: released },
  variant('v2-adds-currency', 'adds a currency field to the discounted cart', DiscountedCartSchema.extend({ currency: z.literal('EUR') }), (v) => ({ ...v, currency: 'EUR' })),
  variant(
    'v2-renames-discount',
    'renames discountCents to discount',
    DiscountedCartSchema.omit({ discountCents: true }).extend({ discount: z.number().int().nonnegative() }),
    ({ discountCents, ...rest }) => ({ ...rest, discount: discountCents }),
  ),
  variant('v2-discount-in-euros', 'gives discountCents in whole euros, same field and type', DiscountedCartSchema, (v) => ({ ...v, discountCents: Math.round(Number(v.discountCents) / 100) })),
];
