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

/**
 * The Theil–Sen slope of points: the median of the slopes between every pair with different x. One
 * noisy point moves a least-squares fit; it moves this only if it is among the middle slopes, so one
 * chain length that ran slow (on HTTP, chain-5 once cost more than chain-6) cannot set the hop cost.
 *
 * @example
 * ```ts
 * theilSenSlope([{ x: 0, y: 0 }, { x: 1, y: 120 }, { x: 2, y: 230 }, { x: 3, y: 900 }, { x: 4, y: 470 }]); // 117.5
 * ```
 */
export function theilSenSlope(points: ReadonlyArray<{ readonly x: number; readonly y: number }>): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const [a, b] = [points[i], points[j]] as [{ x: number; y: number }, { x: number; y: number }];
      if (a.x !== b.x) slopes.push((b.y - a.y) / (b.x - a.x));
    }
  }
  if (slopes.length === 0) throw new Error('a slope needs two points with different x');
  return median(slopes);
}
