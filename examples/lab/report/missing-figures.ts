/**
 * Where a page's figures have holes: every path in an object whose value is undefined, NaN or an
 * infinity. A page would print those as "undefined" or "NaN", so report tests assert that the figures
 * of the committed evidence have none. Browser-safe.
 */

/**
 * The paths of the values in `figures` that no page can print.
 *
 * @example
 * ```ts
 * missingFigures({ a: 1, b: { c: Number.NaN }, d: [2, undefined] }); // ['b.c', 'd[1]']
 * ```
 */
export function missingFigures(figures: unknown, path = ''): string[] {
  if (figures === undefined) return [path || '(the value)'];
  if (typeof figures === 'number') return Number.isFinite(figures) ? [] : [path || '(the value)'];
  if (Array.isArray(figures)) return figures.flatMap((item, index) => missingFigures(item, `${path}[${index}]`));
  if (figures !== null && typeof figures === 'object') {
    return Object.entries(figures).flatMap(([key, value]) => missingFigures(value, path ? `${path}.${key}` : key));
  }
  return [];
}
