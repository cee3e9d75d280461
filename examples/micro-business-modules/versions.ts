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
 * billing reads (billing's contract breaks).
 *
 * @example
 * ```ts
 * cartReleases.map((r) => r.name); // ['v1 (control)', 'v2-adds-currency', 'v2-renames-discount']
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
];
