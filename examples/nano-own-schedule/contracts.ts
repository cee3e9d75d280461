import type { z } from 'zod';
import {
  CartSchema,
  DiscountedCartSchema,
  PaidOrderSchema,
  PricedCartSchema,
  ReceiptSchema,
  TaxedCartSchema,
  ValidatedCartSchema,
} from '../checkout/schemas.ts';
import { stepNames, type StepName } from '../checkout/step-names.ts';

/** What each function accepts and gives, as zod objects (the same schemas its step validates). */
const inputs: Readonly<Record<StepName, z.ZodObject>> = {
  validateCart: CartSchema,
  priceCart: ValidatedCartSchema,
  applyDiscount: PricedCartSchema,
  calculateTax: DiscountedCartSchema,
  chargePayment: TaxedCartSchema,
  issueReceipt: PaidOrderSchema,
};
const outputs: Readonly<Record<StepName, z.ZodObject>> = {
  validateCart: ValidatedCartSchema,
  priceCart: PricedCartSchema,
  applyDiscount: DiscountedCartSchema,
  calculateTax: TaxedCartSchema,
  chargePayment: PaidOrderSchema,
  issueReceipt: ReceiptSchema,
};

/** A rule a consumer relies on that a schema cannot say, e.g. that figures add up. */
export interface ConsumerInvariant {
  readonly description: string;
  /** The provider fields the rule reads; it applies to a provider that writes any of them. */
  readonly fields: readonly string[];
  readonly holds: (value: Readonly<Record<string, unknown>>) => boolean;
}

/**
 * The rules consumers declare beyond their schemas. The receipt copies the figures the shopper
 * sees, so it relies on them adding up; no schema says so.
 */
export const consumerInvariants: Readonly<Partial<Record<StepName, readonly ConsumerInvariant[]>>> = {
  issueReceipt: [
    {
      description: 'total = subtotal − discount + tax',
      fields: ['subtotalCents', 'discountCents', 'taxCents', 'totalCents'],
      holds: (v) => v.totalCents === Number(v.subtotalCents) - Number(v.discountCents) + Number(v.taxCents),
    },
  ],
};

/** What one consumer relies on from one provider: the fields it reads, typed as it reads them, and its rules. */
export interface ConsumerContract {
  readonly provider: StepName;
  readonly consumer: StepName;
  readonly fields: readonly string[];
  /** The consumer's own input schema cut down to the fields the provider writes. */
  readonly schema: z.ZodObject;
  readonly invariants: readonly ConsumerInvariant[];
}

/**
 * The fields a function adds to what it was given: what its consumers can only get from it.
 *
 * @example
 * ```ts
 * fieldsWrittenBy('calculateTax'); // ['taxCents', 'totalCents']
 * ```
 */
export function fieldsWrittenBy(provider: StepName): string[] {
  const given = new Set(Object.keys(inputs[provider].shape));
  return Object.keys(outputs[provider].shape).filter((key) => !given.has(key));
}

/**
 * Every consumer contract on a provider: each later function whose input schema reads a field the
 * provider writes. Values pass down the chain, so a field can be read several functions later.
 *
 * @example
 * ```ts
 * consumerContracts('calculateTax').map((c) => c.consumer); // ['chargePayment', 'issueReceipt']
 * ```
 */
export function consumerContracts(provider: StepName): ConsumerContract[] {
  const written = fieldsWrittenBy(provider);
  return stepNames.slice(stepNames.indexOf(provider) + 1).flatMap((consumer) => {
    const reads = Object.keys(inputs[consumer].shape).filter((key) => written.includes(key));
    if (reads.length === 0) return [];
    const invariants = (consumerInvariants[consumer] ?? []).filter((rule) => rule.fields.some((field) => written.includes(field)));
    return [{ provider, consumer, fields: reads, schema: inputs[consumer].pick(Object.fromEntries(reads.map((key) => [key, true])) as Record<string, true> & Record<number, never>), invariants }];
  });
}

/**
 * Why a provider's output breaks a contract, or undefined when it keeps it. `withInvariants: false`
 * checks the schema only, as a plain schema-based contract test would.
 *
 * @example
 * ```ts
 * contractViolation(contract, { ...taxed, taxCents: undefined }); // 'taxCents: Invalid input: ...'
 * ```
 */
export function contractViolation(contract: ConsumerContract, output: unknown, withInvariants = true): string | undefined {
  const parsed = contract.schema.safeParse(output);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ');
  if (!withInvariants) return undefined;
  const broken = contract.invariants.find((rule) => !rule.holds(output as Record<string, unknown>));
  return broken ? `breaks "${broken.description}"` : undefined;
}
