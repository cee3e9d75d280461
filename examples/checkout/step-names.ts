/**
 * The checkout, in the order a cart goes through it: names only, with nothing to import, so that a
 * diagram or a table of the checkout's shape does not load its schemas (and zod with them).
 */
export const stepNames = ['validateCart', 'priceCart', 'applyDiscount', 'calculateTax', 'chargePayment', 'issueReceipt'] as const;
/** The name of one checkout function. */
export type StepName = (typeof stepNames)[number];
