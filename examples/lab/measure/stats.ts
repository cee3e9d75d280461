/**
 * Summaries of a list of figures, one definition each for every experiment, report and script that
 * quotes them. Browser-safe.
 */

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * The median of a list of numbers: the middle one, or the mean of the middle two for an even count.
 * Throws on an empty list: a median of nothing is a mistake upstream, not a zero.
 *
 * @example
 * ```ts
 * median([91, 97, 88]); // 91
 * median([1, 4, 2, 3]); // 2.5
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const ordered = sorted(values);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? (ordered[middle] as number) : ((ordered[middle - 1] as number) + (ordered[middle] as number)) / 2;
}

/**
 * The median of figures some of which could not be read (null): null if any is missing, so that a
 * partial median is never reported as a whole one.
 *
 * @example
 * ```ts
 * medianOrNull([3, 1, 2]); // 2
 * medianOrNull([3, null, 2]); // null
 * ```
 */
export function medianOrNull(values: ReadonlyArray<number | null>): number | null {
  return values.some((value) => value === null) ? null : median(values as readonly number[]);
}

/**
 * The lower median: for an even count the smaller of the middle two, so that the figure is one that
 * was measured. Null for an empty list.
 *
 * @example
 * ```ts
 * lowerMedian([1, 4, 2, 3]); // 2
 * lowerMedian([]); // null
 * ```
 */
export function lowerMedian(values: readonly number[]): number | null {
  return values.length === 0 ? null : (sorted(values)[Math.floor((values.length - 1) / 2)] as number);
}

/**
 * The nearest-rank percentile of a list: the smallest value with at least `percent` % of the list at
 * or below it, so the figure is one that was measured. Null for an empty list.
 *
 * @example
 * ```ts
 * percentile([5, 1, 4, 2, 3], 50); // 3
 * percentile([5, 1, 4, 2, 3], 99); // 5
 * ```
 */
export function percentile(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const ordered = sorted(values);
  return ordered[Math.min(ordered.length - 1, Math.max(0, Math.ceil((percent / 100) * ordered.length) - 1))] as number;
}
