import type { CheckoutStep } from '../../checkout/steps.ts';

/** Keeps the JIT from dropping loops whose result nobody reads. */
let sink = 0;

/**
 * Spins the CPU for `iterations` rounds of an integer hash and returns the hash. Deterministic:
 * the same count always does the same work, and unlike a sleep it keeps the core busy, as real
 * computation would.
 *
 * @example
 * ```ts
 * spin(1_000); // the same number every time
 * ```
 */
export function spin(iterations: number): number {
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < iterations; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  sink ^= x;
  return x;
}

/**
 * Measures how many {@link spin} iterations this machine runs per microsecond, after a warm-up so
 * that the loop is compiled. Bounded in count. On a shared machine another program can only make a
 * batch slower (by taking the core away), never faster, so it takes a fast batch (the 90th
 * percentile of `samples` short ones) rather than the median.
 *
 * @example
 * ```ts
 * const perUs = calibrateSpin();
 * spin(Math.round(200 * perUs)); // about 200 µs of CPU
 * ```
 */
export function calibrateSpin(batchIterations = 200_000, samples = 41): number {
  spin(batchIterations);
  const rates: number[] = [];
  for (let s = 0; s < samples; s += 1) {
    const start = performance.now();
    spin(batchIterations);
    const elapsedUs = (performance.now() - start) * 1000;
    rates.push(batchIterations / Math.max(elapsedUs, 1));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor((rates.length - 1) * 0.9)] as number;
}

/**
 * The same checkout step, made to do `iterations` rounds of CPU work before its real work, and
 * to report each run to `onRun`. The input, the output and the validation are unchanged, so a
 * heavier function can replace the real one in any shape through `UnitOptions.steps`.
 *
 * @example
 * ```ts
 * const heavier = withBusyWork(checkoutSteps.priceCart, Math.round(1000 * calibrateSpin()));
 * deployShape(nanoservices, httpTransport, { unitOptions: () => ({ steps: { priceCart: heavier } }) });
 * ```
 */
export function withBusyWork(step: CheckoutStep, iterations: number, onRun: () => void = () => {}): CheckoutStep {
  return {
    ...step,
    run(input) {
      onRun();
      spin(iterations);
      return step.run(input);
    },
  };
}

/** The value the loops have folded into, read so that no engine can prove the work useless. */
export const spinSink = () => sink;
