import type { PageFigures } from './budgets.ts';

/**
 * The site's numbers in one table, as README and the closing notes quote them: for each audited
 * page the JavaScript executed at load (gzip), the total blocking time and the Lighthouse
 * performance score, then the clean build time.
 *
 * @example
 * ```ts
 * benchTable([{ name: 'home', path: '/', runs: 3, performance: 98, totalBlockingTimeMs: 40, scriptKiB: 160, … }], 212.4, 'CPU slowdown 4×');
 * // '| page | JS at load, KiB (gzip) | total blocking time, ms | performance (median of 3) |\n…\nclean build: 212 s'
 * ```
 */
export function benchTable(pages: readonly PageFigures[], buildSeconds: number | null, settings: string): string {
  const runs = [...new Set(pages.map((page) => page.runs))].join(' or ');
  const header = `| page | JS at load, KiB (gzip) | total blocking time, ms | performance (median of ${runs}) |`;
  const rows = pages.map((page) => `| ${page.name} (${page.path}) | ${page.scriptKiB} | ${page.totalBlockingTimeMs} | ${page.performance} |`);
  const build = buildSeconds === null ? 'clean build: not measured (--no-build)' : `clean build: ${Math.round(buildSeconds)} s`;
  return [`Lighthouse 12 mobile preset, ${settings}`, '', header, '|---|---|---|---|', ...rows, '', build].join('\n');
}
