import type { Distribution } from './system.ts';

/** The standard normal's 99th percentile: a log-normal's p99 is its median × e^(z99 × σ). */
const z99 = 2.3263478740408408;

/**
 * The σ of the log-normal distribution with this median and p99 (0 for a fixed value).
 *
 * @example
 * ```ts
 * logNormalSigma({ median: 1000, p99: 10_000 }); // ≈ 0.99
 * ```
 */
export function logNormalSigma(distribution: Distribution): number {
  return typeof distribution === 'number' ? 0 : Math.log(distribution.p99 / distribution.median) / z99;
}

/**
 * A draw function for a distribution: the fixed value every time, or log-normal draws with the
 * given median and p99, from `random` (a seeded generator, so that a run draws the same values
 * again). Log-normal because published service and function times are (Shahrad et al. 2020 fit
 * Azure Functions' execution times with one) and because it is fixed by the two figures people
 * quote, the median and the p99.
 *
 * @example
 * ```ts
 * const draw = sampler({ median: 300, p99: 3000 }, seededRandom(1));
 * draw(); // a value around 300, above 3000 about once in a hundred
 * ```
 */
export function sampler(distribution: Distribution, random: () => number): () => number {
  if (typeof distribution === 'number') return () => distribution;
  const { median } = distribution;
  const sigma = logNormalSigma(distribution);
  return () => {
    // Box–Muller: a standard normal from two uniforms; 1 - random() keeps the logarithm finite.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return median * Math.exp(sigma * z);
  };
}

/**
 * The median of a distribution: the value itself when it is fixed.
 *
 * @example
 * ```ts
 * medianOf({ median: 300, p99: 3000 }); // 300
 * ```
 */
export function medianOf(distribution: Distribution): number {
  return typeof distribution === 'number' ? distribution : distribution.median;
}
