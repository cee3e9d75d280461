/**
 * Reading one figure out of a result's rows, for report functions and pages. A page that asks for a
 * row the run did not produce is a bug in the page or the run, so these throw with the fields asked
 * for instead of rendering "undefined". Browser-safe.
 */

/**
 * The one row whose fields equal every field of `match`. Throws, naming the fields and how many rows
 * matched, when none or more than one does.
 *
 * @example
 * ```ts
 * pickRow(result.rows, { shape: 'nanoservices', mode: 'outage' }); // the nanoservices row of the outage
 * ```
 */
export function pickRow<Row extends object>(rows: readonly Row[], match: Partial<Row>): Row {
  const entries = Object.entries(match) as Array<[keyof Row, unknown]>;
  const found = rows.filter((row) => entries.every(([key, value]) => row[key] === value));
  if (found.length !== 1) {
    throw new Error(`expected one row with ${JSON.stringify(match)}, found ${found.length} among ${rows.length}`);
  }
  return found[0] as Row;
}

/**
 * Like `pickRow`, but undefined when no row matches (for figures a shorter run may leave out). Still
 * throws when several rows match: that is never a missing figure.
 *
 * @example
 * ```ts
 * findRow(result.rows, { transport: 'process' }); // undefined when the run left process out
 * ```
 */
export function findRow<Row extends object>(rows: readonly Row[], match: Partial<Row>): Row | undefined {
  const entries = Object.entries(match) as Array<[keyof Row, unknown]>;
  const found = rows.filter((row) => entries.every(([key, value]) => row[key] === value));
  if (found.length > 1) throw new Error(`expected at most one row with ${JSON.stringify(match)}, found ${found.length}`);
  return found[0];
}

/** The keys of a row whose values are numbers. */
type NumericKey<Row> = { [K in keyof Row]: Row[K] extends number ? K : never }[keyof Row];

/**
 * The sum of one numeric field over rows.
 *
 * @example
 * ```ts
 * sumOf([{ failed: 2 }, { failed: 3 }], 'failed'); // 5
 * ```
 */
export function sumOf<Row extends object>(rows: readonly Row[], key: NumericKey<Row>): number {
  return rows.reduce((total, row) => total + (row[key] as number), 0);
}
