/** The bytes an operation is called with and answers with. Browser-safe. */
import { sampler } from '../model/distribution.ts';
import type { Operation } from '../model/system.ts';
import { seededRandom, seedFor } from '../faults/fault-injection.ts';

/**
 * The size of the body an operation is called with for a request, bytes: its payload model drawn
 * with the run's seed and the request id, so every cut sends the same bytes for the same request.
 *
 * @example
 * ```ts
 * drawPayloadBytes(system.operations.cart, 7, 42); // 1500 when the file gives no payload
 * ```
 */
export function drawPayloadBytes(operation: Operation, seed: number, requestId: number): number {
  return Math.max(0, Math.round(sampler(operation.payloadBytes, seededRandom(seedFor(seed, `payload|${operation.name}|${requestId}`)))()));
}

const filler = 'x'.repeat(4096);

/**
 * A body of `bytes` ASCII bytes. Its content does not matter: what a hop costs depends on its size.
 *
 * @example
 * ```ts
 * payloadOf(3); // 'xxx'
 * ```
 */
export function payloadOf(bytes: number): string {
  if (bytes <= filler.length) return filler.slice(0, bytes);
  return filler.repeat(Math.ceil(bytes / filler.length)).slice(0, bytes);
}
