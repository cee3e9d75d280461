import type { MiddlewareHandler } from 'hono';

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence, so
 * a fault-injection run can be repeated exactly.
 *
 * @example
 * ```ts
 * const next = seededRandom(42);
 * next(); // a number in [0, 1), the same one for seed 42 every time
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A number derived from a text (FNV-1a), to give each unit its own seed from a run's seed.
 *
 * @example
 * ```ts
 * seedFor(7, 'billing') === seedFor(7, 'billing'); // true
 * ```
 */
export function seedFor(seed: number, name: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const char of name) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash;
}

/** How many requests a fault-injecting middleware let through and refused. */
export interface FaultCounts {
  passed: number;
  refused: number;
}

/**
 * Hono middleware that refuses a request with 503 before the unit does any work, with probability
 * `probability`, drawn from a seeded generator: the stand-in for a unit that is down, overloaded or
 * being redeployed. `counts` is updated as requests arrive.
 *
 * @example
 * ```ts
 * const counts = { passed: 0, refused: 0 };
 * unitOptions: (unit) => ({ middleware: [refuseWithProbability(0.01, seedFor(1, unit), counts)] })
 * ```
 */
export function refuseWithProbability(probability: number, seed: number, counts: FaultCounts = { passed: 0, refused: 0 }): MiddlewareHandler {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`a probability is in [0, 1], got ${probability}`);
  const random = seededRandom(seed);
  return async (c, next) => {
    if (random() < probability) {
      counts.refused += 1;
      return c.json({ error: { code: 'unavailable', message: 'injected fault: unit unavailable' } }, 503);
    }
    counts.passed += 1;
    await next();
  };
}
