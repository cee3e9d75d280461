/**
 * A business rule said no (unknown SKU, declined card). It is not a bug: every shape must return
 * the same error for the same cart, so transports carry it across units as a 422 answer.
 *
 * @example
 * ```ts
 * throw new CheckoutError('unknown-sku', 'SKU NOPE-001 is not in the catalogue');
 * ```
 */
export class CheckoutError extends Error {
  constructor(
    readonly code: 'unknown-sku' | 'payment-declined' | 'invalid-input',
    message: string,
  ) {
    super(message);
    this.name = 'CheckoutError';
  }
}
