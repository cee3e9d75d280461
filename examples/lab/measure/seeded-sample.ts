import { seededRandom } from '../faults/fault-injection.ts';

/**
 * Picks `picks` distinct indexes out of `0 … count - 1`, the same ones for the same seed, in
 * ascending order: how crash experiments choose which requests to kill at, so that every variant
 * they compare is killed at the same requests.
 *
 * @example
 * ```ts
 * seededSample(10, 2, 7); // [3, 8]
 * seededSample(3, 5, 1); // [0, 1, 2] (never more than there are)
 * ```
 */
export function seededSample(count: number, picks: number, seed: number): number[] {
  const random = seededRandom(seed);
  const indexes = Array.from({ length: count }, (_, i) => i);
  // Fisher–Yates: every order equally likely, so every subset is.
  for (let i = indexes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  }
  return indexes.slice(0, Math.min(picks, count)).sort((a, b) => a - b);
}
