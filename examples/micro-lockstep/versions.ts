import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { taxRateBasisPoints } from '../checkout/catalogue.ts';
import { CheckoutError } from '../checkout/checkout-error.ts';
import * as functions from '../checkout/functions.ts';
import * as schemas from '../checkout/schemas.ts';
import type { CheckoutStep, StepName } from '../checkout/steps.ts';
import type { DiscountedCart, TaxedCart } from '../checkout/schemas.ts';

/** Whether a schema set includes the added field: 1.0.0 is as released, 1.1.0 has `currency` from the priced cart on. */
export type SchemaVersion = '1.0.0' | '1.1.0';

const withCurrency = <T extends z.ZodObject>(schema: T) => schema.extend({ currency: z.literal('EUR') });

/**
 * What each function takes and gives in one version of the schemas.
 *
 * @example
 * ```ts
 * Object.keys(stepSchemas('1.1.0').applyDiscount.input.shape).includes('currency'); // true
 * ```
 */
export function stepSchemas(version: SchemaVersion): Record<StepName, { input: z.ZodObject; output: z.ZodObject }> {
  const v = version === '1.1.0';
  const priced = v ? withCurrency(schemas.PricedCartSchema) : schemas.PricedCartSchema;
  const discounted = v ? withCurrency(schemas.DiscountedCartSchema) : schemas.DiscountedCartSchema;
  const taxed = v ? withCurrency(schemas.TaxedCartSchema) : schemas.TaxedCartSchema;
  const paid = v ? withCurrency(schemas.PaidOrderSchema) : schemas.PaidOrderSchema;
  return {
    validateCart: { input: schemas.CartSchema, output: schemas.ValidatedCartSchema },
    priceCart: { input: schemas.ValidatedCartSchema, output: priced },
    applyDiscount: { input: priced, output: discounted },
    calculateTax: { input: discounted, output: taxed },
    chargePayment: { input: taxed, output: paid },
    issueReceipt: { input: paid, output: schemas.ReceiptSchema },
  };
}

/** calculateTax after the change inside it: tax is rounded down instead of to the nearest cent. */
function calculateTaxRoundedDown(cart: DiscountedCart): TaxedCart {
  const taxable = cart.subtotalCents - cart.discountCents;
  const taxCents = Math.floor((taxable * (taxRateBasisPoints[cart.country] ?? 0)) / 10_000);
  return { ...cart, taxCents, totalCents: taxable + taxCents };
}

const bodies = {
  validateCart: functions.validateCart,
  priceCart: functions.priceCart,
  applyDiscount: functions.applyDiscount,
  calculateTax: functions.calculateTax,
  chargePayment: functions.chargePayment,
  issueReceipt: functions.issueReceipt,
} as unknown as Record<StepName, (value: unknown) => Record<string, unknown>>;

/**
 * One checkout function built against a schema version, optionally with the changes a release makes:
 * `addsCurrency` makes priceCart write the new field, `roundsTaxDown` is the change inside calculateTax.
 *
 * @example
 * ```ts
 * buildStep('priceCart', '1.1.0', { addsCurrency: true }).run(validated); // { ..., currency: 'EUR' }
 * ```
 */
export function buildStep(name: StepName, version: SchemaVersion, release: { addsCurrency?: boolean; roundsTaxDown?: boolean } = {}): CheckoutStep {
  const schema = stepSchemas(version)[name];
  let body = bodies[name];
  if (name === 'calculateTax' && release.roundsTaxDown) body = (value) => calculateTaxRoundedDown(value as DiscountedCart);
  if (name === 'priceCart' && release.addsCurrency) body = (value) => ({ ...functions.priceCart(value as never), currency: 'EUR' });
  return {
    name,
    input: schema.input,
    output: schema.output,
    run(raw) {
      const parsed = schema.input.safeParse(raw);
      if (!parsed.success) throw new CheckoutError('invalid-input', `${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
      return schema.output.parse(body(parsed.data));
    },
  };
}

/**
 * The shared DTO library parsing strictly, as a distributed monolith's units do: a message with a
 * field its version does not know is refused with 400 before the unit's functions run.
 *
 * @example
 * ```ts
 * { middleware: [strictDto('1.0.0')] } // refuses a priced cart that carries `currency`
 * ```
 */
export function strictDto(version: SchemaVersion): MiddlewareHandler {
  const inputs = stepSchemas(version);
  return async (c, next) => {
    const route = c.req.path.slice(1) as StepName;
    const schema = inputs[route]?.input;
    if (schema && !schema.strict().safeParse(await c.req.json()).success) {
      return c.json({ error: { code: 'dto-version-mismatch', message: `${route} (shop-dto ${version}) refused the message` } }, 400);
    }
    await next();
  };
}
