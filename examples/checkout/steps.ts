import { defineStep, type CheckoutStep } from './define-step.ts';
import { applyDiscount, calculateTax, chargePayment, issueReceipt, priceCart, validateCart } from './functions.ts';
import {
  CartSchema,
  DiscountedCartSchema,
  PaidOrderSchema,
  PricedCartSchema,
  ReceiptSchema,
  TaxedCartSchema,
  ValidatedCartSchema,
} from './schemas.ts';
import { stepNames, type StepName } from './step-names.ts';

export { stepNames, type CheckoutStep, type StepName };

/**
 * Every checkout function, validated on the way in and out, by name. Shapes refer to these names;
 * whatever the shape, the same `run` executes.
 *
 * @example
 * ```ts
 * const priced = checkoutSteps.priceCart.run(checkoutSteps.validateCart.run(cart));
 * ```
 */
export const checkoutSteps: Readonly<Record<StepName, CheckoutStep>> = {
  validateCart: defineStep('validateCart', CartSchema, ValidatedCartSchema, validateCart),
  priceCart: defineStep('priceCart', ValidatedCartSchema, PricedCartSchema, priceCart),
  applyDiscount: defineStep('applyDiscount', PricedCartSchema, DiscountedCartSchema, applyDiscount),
  calculateTax: defineStep('calculateTax', DiscountedCartSchema, TaxedCartSchema, calculateTax),
  chargePayment: defineStep('chargePayment', TaxedCartSchema, PaidOrderSchema, chargePayment),
  issueReceipt: defineStep('issueReceipt', PaidOrderSchema, ReceiptSchema, issueReceipt),
};

/**
 * Runs the first `length` steps in one call stack: the reference every deployed shape must match.
 *
 * @example
 * ```ts
 * runCheckoutInProcess(cart); // the Receipt
 * runCheckoutInProcess(cart, 2); // the PricedCart
 * ```
 */
export function runCheckoutInProcess(cart: unknown, length: number = stepNames.length): unknown {
  return stepNames.slice(0, length).reduce((value, name) => checkoutSteps[name].run(value), cart);
}
