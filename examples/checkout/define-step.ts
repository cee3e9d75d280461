import type { z } from 'zod';
import { CheckoutError } from './checkout-error.ts';
import type { StepName } from './step-names.ts';

/** One business function with the schemas of what it takes and what it gives. */
export interface CheckoutStep {
  readonly name: StepName;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** Validates the input, runs the function, validates the output. */
  readonly run: (input: unknown) => unknown;
}

/**
 * One business function as a step: its input validated on the way in, its output on the way out, and
 * a refused input thrown as a `CheckoutError` that names the step and the field.
 *
 * @example
 * ```ts
 * const step = defineStep('validateCart', CartSchema, ValidatedCartSchema, validateCart);
 * step.run(sampleCart); // the ValidatedCart
 * ```
 */
export function defineStep<I, O>(name: StepName, input: z.ZodType<I>, output: z.ZodType<O>, fn: (input: I) => O): CheckoutStep {
  return {
    name,
    input,
    output,
    run(raw) {
      const parsed = input.safeParse(raw);
      if (!parsed.success) throw new CheckoutError('invalid-input', `${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
      return output.parse(fn(parsed.data));
    },
  };
}
