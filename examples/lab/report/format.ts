/**
 * How figures read on a page, one definition each so that the same quantity never reads two ways.
 * Browser-safe. Missing figures (null or undefined) read as an en dash.
 */

import { formatInterval, type Interval } from '../measure/interval.ts';

const missing = '–';

/**
 * A number with a fixed count of decimals and its thousands separated by commas, written out rather
 * than with `toLocaleString`: a page that formats on load must not pull in the browser's locale data
 * (the load-cost test holds every audited page to that).
 */
/** One decimal at most, none when it is zero, thousands grouped: 1536 → '1,536', 1.5 → '1.5'. */
const trimmed = (value: number) => grouped(Math.round(value * 10) / 10, Number.isInteger(Math.round(value * 10) / 10) ? 0 : 1);

function grouped(value: number, digits: number): string {
  const [whole = '', fraction] = Math.abs(value).toFixed(digits).split('.');
  const sign = value < 0 && Number(value.toFixed(digits)) !== 0 ? '-' : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * A share (0..1) as a percentage, to `digits` decimals.
 *
 * @example
 * ```ts
 * formatPercent(0.0523); // '5%'
 * formatPercent(0.0523, 1); // '5.2%'
 * ```
 */
export function formatPercent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined) return missing;
  return `${(share * 100).toFixed(digits)}%`;
}

/**
 * Milliseconds, rounded to `digits` decimals (whole by default), with thousands separated.
 *
 * @example
 * ```ts
 * formatMs(1234.6); // '1,235 ms'
 * formatMs(0.14, 1); // '0.1 ms'
 * ```
 */
export function formatMs(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return missing;
  return `${grouped(value, digits)} ms`;
}

/**
 * Microseconds, rounded to one decimal below 100 µs and to whole microseconds above.
 *
 * @example
 * ```ts
 * formatUs(117.94); // '118 µs'
 * formatUs(12.25); // '12.3 µs'
 * ```
 */
export function formatUs(value: number | null | undefined): string {
  if (value === null || value === undefined) return missing;
  return `${value < 100 ? (Math.round(value * 10) / 10).toString() : grouped(value, 0)} µs`;
}

/**
 * Bytes as KiB (or MiB from 1 MiB up), to one decimal.
 *
 * @example
 * ```ts
 * formatBytes(2048); // '2 KiB'
 * formatBytes(5 * 1024 * 1024); // '5 MiB'
 * ```
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return missing;
  const mib = bytes / (1024 * 1024);
  if (mib >= 1) return `${trimmed(mib)} MiB`;
  return `${trimmed(bytes / 1024)} KiB`;
}

/**
 * A ratio between two figures, to two significant decimals.
 *
 * @example
 * ```ts
 * formatRatio(1.394); // '1.39×'
 * formatRatio(12.38); // '12.4×'
 * ```
 */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return missing;
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

/**
 * Names in a sentence: "a", "a and b", "a, b and c".
 *
 * @example
 * ```ts
 * formatList(['payments', 'shipping', 'email']); // 'payments, shipping and email'
 * ```
 */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * An interval of microseconds as the page prints it: the estimate exactly as `formatUs` prints it
 * (so the prose and the verdict never show one figure two ways), then the 95% bounds.
 *
 * @example
 * ```ts
 * formatUsInterval({ estimate: 117.94, low: 110.2, high: 125.6, runs: 5 }); // '118 µs [110–126 µs]'
 * formatUsInterval({ estimate: 41.27, low: 40.1, high: 43, runs: 5 }); // '41.3 µs [40.1–43.0 µs]'
 * ```
 */
export function formatUsInterval(interval: Interval): string {
  const estimate = formatUs(interval.estimate);
  const digits = estimate.includes('.') ? 1 : 0;
  if (interval.high >= 1000) return `${estimate} [${formatUs(interval.low)}–${formatUs(interval.high)}]`;
  return formatInterval({ ...interval, estimate: Number(estimate.replace(/[^\d.]/g, '')) }, digits, ' µs');
}

/**
 * A ratio interval as the page prints it, its estimate as `formatRatio` prints it.
 *
 * @example
 * ```ts
 * formatRatioInterval({ estimate: 2.054, low: 1.98, high: 2.11, runs: 5 }); // '2.05× [1.98–2.11×]'
 * ```
 */
export function formatRatioInterval(interval: Interval): string {
  return formatInterval(interval, interval.estimate >= 10 ? 1 : 2, '×');
}

/**
 * A plain number as a page prints it: whole and with thousands grouped from 100 up, one decimal below.
 *
 * @example
 * ```ts
 * formatNumber(12345.6); // '12,346'
 * formatNumber(57.94); // '57.9'
 * ```
 */
export function formatNumber(value: number): string {
  return value >= 100 ? grouped(value, 0) : String(Math.round(value * 10) / 10);
}

/**
 * A figure rounded for reading where small values matter: whole numbers from 100 (thousands grouped),
 * one decimal from 10, two below. The decision guide's arithmetic (2.25 ms of hops in a 5 ms budget)
 * needs the second decimal that {@link formatNumber} drops.
 *
 * @example
 * ```ts
 * formatSignificant(321.96); // '322'
 * formatSignificant(2.254); // '2.25'
 * ```
 */
export function formatSignificant(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const rounded = Number(value.toFixed(digits));
  return grouped(rounded, Number.isInteger(rounded) ? 0 : String(rounded).split('.')[1]?.length ?? 0);
}

/**
 * An availability in percent (0..100) close to 100, with enough decimals that it does not round to
 * 100, and one more so that neighbouring targets stay apart.
 *
 * @example
 * ```ts
 * formatAvailability(99.98333); // '99.983'
 * formatAvailability(99.5); // '99.5'
 * ```
 */
export function formatAvailability(percent: number): string {
  let digits = 1;
  while (digits < 6 && Number(percent.toFixed(digits)) >= 100) digits += 1;
  return String(Number(percent.toFixed(Math.min(6, digits + 1))));
}
