import { CheckoutError } from '../../checkout/checkout-error.ts';

/** Response header in which each unit reports the network calls behind its answer. */
export const networkCallsHeader = 'x-lab-network-calls';

/** The JSON body of a refused request. */
export interface WireError {
  readonly error: { readonly code: string; readonly message: string };
}

/**
 * Turns a unit's HTTP answer back into a value, or into the error the unit raised, so that a
 * business error crosses any number of units unchanged.
 *
 * @example
 * ```ts
 * decodeAnswer(200, '{"ok":true}', '1'); // { value: { ok: true }, networkCalls: 1 }
 * decodeAnswer(422, '{"error":{"code":"unknown-sku","message":"..."}}', '1'); // throws CheckoutError
 * ```
 */
export function decodeAnswer(status: number, text: string, networkCalls: string | null) {
  if (status === 200) return { value: JSON.parse(text) as unknown, networkCalls: Number(networkCalls ?? 1) };
  let error: WireError['error'] | undefined;
  try {
    error = (JSON.parse(text) as WireError).error;
  } catch {
    // Not our JSON (a proxy's or the server's own error page): report the raw text below.
  }
  if (status === 422 && error) throw new CheckoutError(error.code as CheckoutError['code'], error.message);
  throw new Error(`unit answered ${status}: ${error?.message ?? text.slice(0, 200)}`);
}
