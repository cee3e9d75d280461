const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A date as English readers see it, "Dec 4, 2026", in UTC, without the browser's locale services:
 * the first `Intl.DateTimeFormat` of a page loads locale data, 30 to 65 ms at load on the project's
 * machine (e2e/load-cost.test.ts). The text is what `Intl.DateTimeFormat('en-US', { day: 'numeric',
 * month: 'short', year: 'numeric', timeZone: 'UTC' })` gives, which the theme used.
 *
 * @example
 * ```ts
 * shortUtcDate(new Date('2026-12-04T18:23:58Z')); // 'Dec 4, 2026'
 * ```
 */
export function shortUtcDate(date: Date): string {
  return `${months[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}
