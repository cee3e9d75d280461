import { seededRandom } from '../faults/fault-injection.ts';
import { median } from './stats.ts';

/**
 * Figures a statistician would accept: a headline figure is the median of at least five independent
 * runs, given with a 95% percentile-bootstrap interval, and a verdict is decided on the interval, not
 * on one run. The bootstrap is seeded, so the same runs always give the same interval (a page built
 * twice from the same evidence reads the same). Browser-safe.
 */

/** A figure with its 95% interval over independent runs. */
export interface Interval {
  /** The median of the runs. */
  readonly estimate: number;
  /** Lower and upper bounds of the 95% percentile-bootstrap interval of the median. */
  readonly low: number;
  readonly high: number;
  /** How many independent runs it rests on. */
  readonly runs: number;
}

/** The fewest independent runs a headline figure may rest on. */
export const minimumRuns = 5;

/** Bootstrap resamples: enough for stable 2.5% and 97.5% percentiles, cheap enough for a page. */
const resamples = 2000;

/**
 * The median of independent runs with its 95% percentile-bootstrap interval. Throws below
 * `minimumRuns` runs or on a figure that is not finite: a headline figure from fewer runs is the
 * mistake the interval exists to prevent.
 *
 * @example
 * ```ts
 * intervalOf([1.31, 1.42, 1.38, 1.40, 1.36]); // { estimate: 1.38, low: 1.34, high: 1.41, runs: 5 }
 * ```
 */
export function intervalOf(runs: readonly number[], seed = 1): Interval {
  if (runs.length < minimumRuns) throw new Error(`an interval needs at least ${minimumRuns} independent runs, got ${runs.length}`);
  if (runs.some((value) => !Number.isFinite(value))) throw new Error(`an interval needs finite figures, got ${runs.join(', ')}`);
  const random = seededRandom(seed);
  const medians: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const resample = runs.map(() => runs[Math.floor(random() * runs.length)] as number);
    medians.push(median(resample));
  }
  medians.sort((a, b) => a - b);
  return {
    estimate: median(runs),
    low: medians[Math.floor(resamples * 0.025)] as number,
    high: medians[Math.ceil(resamples * 0.975) - 1] as number,
    runs: runs.length,
  };
}

/**
 * The interval of a ratio measured side by side: one ratio per run (numerator and denominator of the
 * same run, so that what slowed the machine during a run slows both), then `intervalOf` the ratios.
 *
 * @example
 * ```ts
 * ratioInterval([140, 150, 138, 145, 142], [100, 104, 99, 103, 101]); // { estimate: 1.41, ... }
 * ```
 */
export function ratioInterval(numerators: readonly number[], denominators: readonly number[], seed = 1): Interval {
  if (numerators.length !== denominators.length) throw new Error(`a ratio per run needs as many numerators (${numerators.length}) as denominators (${denominators.length})`);
  return intervalOf(
    numerators.map((value, i) => value / (denominators[i] as number)),
    seed,
  );
}

/**
 * Whether the whole interval lies above `threshold`: the only way a verdict may call a figure larger.
 *
 * @example
 * ```ts
 * clearlyAbove({ estimate: 1.2, low: 1.12, high: 1.3, runs: 5 }, 1.1); // true
 * clearlyAbove({ estimate: 1.2, low: 1.05, high: 1.3, runs: 5 }, 1.1); // false: it may be below
 * ```
 */
export function clearlyAbove(interval: Interval, threshold: number): boolean {
  return interval.low > threshold;
}

/**
 * Whether the whole interval lies below `threshold`.
 *
 * @example
 * ```ts
 * clearlyBelow({ estimate: 0.8, low: 0.7, high: 0.9, runs: 5 }, 1); // true
 * ```
 */
export function clearlyBelow(interval: Interval, threshold: number): boolean {
  return interval.high < threshold;
}

/**
 * An interval as a page reads it: the estimate, then the bounds in brackets, with the same digits.
 *
 * @example
 * ```ts
 * formatInterval({ estimate: 1.394, low: 1.351, high: 1.42, runs: 5 }, 2); // '1.39 [1.35–1.42]'
 * ```
 */
export function formatInterval(interval: Interval, digits: number, unit = ''): string {
  const f = (value: number) => value.toFixed(digits);
  return `${f(interval.estimate)}${unit} [${f(interval.low)}–${f(interval.high)}${unit}]`;
}

/**
 * A count that is the same on every run (units deployed, routes declared, secrets to manage), in the
 * shape of an interval so that the rule reads counts and timings alike. `runs` is 1: repeating a count
 * adds no information.
 *
 * @example
 * ```ts
 * exactly(2); // { estimate: 2, low: 2, high: 2, runs: 1 }
 * ```
 */
export function exactly(value: number): Interval {
  return { estimate: value, low: value, high: value, runs: 1 };
}
