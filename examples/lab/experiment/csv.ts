import type { ResultTable } from './define-experiment.ts';

// Result tables as CSV, for readers who take the figures to a spreadsheet. Browser-safe and
// dependency-free: the page builds a file only when the reader asks for one.

/** What a spreadsheet reads as the start of a formula in a text cell (OWASP's list: =, +, -, @, tab, carriage return). */
const formulaStart = /^[=+\-@\t\r]/;

/** A cell as RFC 4180 writes it: in double quotes, doubled inside, when it holds a comma, a quote or a line break. */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One cell: a number as the table shows it, nothing for a missing value, and text with a leading
 * apostrophe when a spreadsheet would otherwise run it as a formula (`@hono/node-server`,
 * `=HYPERLINK(...)`). Numbers are never prefixed: `-3` is a figure, and stays one.
 */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return quoted(String(value));
  return quoted(formulaStart.test(value) ? `'${value}` : value);
}

/**
 * A result table as CSV (RFC 4180): a header row of the column labels, then one row per table row
 * in the table's column order; records end with CRLF. Numbers are written as the table shows them
 * (`String(value)`), a missing value (shown as — in the table) as an empty cell.
 *
 * @example
 * ```ts
 * toCsv({ title: 'Hops', columns: [{ key: 'shape', label: 'shape' }, { key: 'p50Us', label: 'p50 (µs)' }], rows: [{ shape: 'nanoservices', p50Us: 312.5 }] });
 * // 'shape,p50 (µs)\r\nnanoservices,312.5\r\n'
 * ```
 */
export function toCsv(table: ResultTable): string {
  const records = [table.columns.map((column) => cell(column.label)), ...table.rows.map((row) => table.columns.map((column) => cell(row[column.key])))];
  return records.map((record) => `${record.join(',')}\r\n`).join('');
}

/** Longest slug of a table title in a file name: enough to tell the tables of a page apart. */
const maxSlugLength = 60;

/** A title in lowercase ASCII letters, digits and hyphens (accents dropped), cut at a word to at most 60 characters. */
function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxSlugLength) return slug;
  const lastBreak = slug.lastIndexOf('-', maxSlugLength);
  return slug.slice(0, lastBreak > 0 ? lastBreak : maxSlugLength);
}

/**
 * A file name for a table's CSV: `<stem>-<slug of the title>.csv`, the slug in lowercase ASCII
 * letters, digits and hyphens, cut at a word to at most 60 characters (`table` when the title has
 * none of them).
 *
 * @example
 * ```ts
 * csvFileName('nano-chaining', 'What one added hop costs, next to the raw platform');
 * // 'nano-chaining-what-one-added-hop-costs-next-to-the-raw-platform.csv'
 * ```
 */
export function csvFileName(stem: string, title: string): string {
  return `${stem}-${slugOf(title) || 'table'}.csv`;
}
