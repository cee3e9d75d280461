import { median } from '../examples/lab/measure/stats.ts';

/** The scores and sizes of one page, each the median of several Lighthouse runs. */
export interface PageFigures {
  readonly name: string;
  readonly path: string;
  /** How many Lighthouse runs the medians are of. */
  readonly runs: number;
  readonly performance: number;
  readonly accessibility: number;
  readonly bestPractices: number;
  readonly seo: number;
  readonly cumulativeLayoutShift: number;
  readonly totalBlockingTimeMs: number;
  readonly largestContentfulPaintMs: number;
  /** JavaScript transferred (gzip) during the load. */
  readonly scriptKiB: number;
}

/** What every page must reach. */
export interface Budget {
  readonly minPerformance: number;
  readonly minAccessibility: number;
  readonly minBestPractices: number;
  readonly minSeo: number;
  readonly maxCumulativeLayoutShift: number;
  /** For the pages marked `plain`: the JavaScript of a plain doc page. */
  readonly maxPlainPageScriptKiB: number;
}

/**
 * Every way a page misses the budget, as sentences that name the page, the figure and the limit.
 *
 * @example
 * ```ts
 * budgetFailures(figures, budget, new Set(['/docs/intro'])); // ['/docs/comparison: performance 84 < 90']
 * ```
 */
export function budgetFailures(pages: readonly PageFigures[], budget: Budget, plainPaths: ReadonlySet<string>): string[] {
  return pages.flatMap((page) => {
    const failures: string[] = [];
    const atLeast = (label: string, value: number, limit: number) => value < limit && failures.push(`${page.path}: ${label} ${value} < ${limit}`);
    atLeast('performance', page.performance, budget.minPerformance);
    atLeast('accessibility', page.accessibility, budget.minAccessibility);
    atLeast('best practices', page.bestPractices, budget.minBestPractices);
    atLeast('SEO', page.seo, budget.minSeo);
    if (page.cumulativeLayoutShift > budget.maxCumulativeLayoutShift) failures.push(`${page.path}: CLS ${page.cumulativeLayoutShift} > ${budget.maxCumulativeLayoutShift}`);
    if (plainPaths.has(page.path) && page.scriptKiB > budget.maxPlainPageScriptKiB) failures.push(`${page.path}: ${page.scriptKiB} KiB of JavaScript > ${budget.maxPlainPageScriptKiB} KiB`);
    return failures;
  });
}

/**
 * The figures as a Markdown table, for the terminal and for notes.
 *
 * @example
 * ```ts
 * console.log(figuresTable(figures));
 * ```
 */
export function figuresTable(pages: readonly PageFigures[]): string {
  const header = '| page | runs | performance | accessibility | best practices | SEO | CLS | TBT ms | LCP ms | JS KiB (gzip) |';
  const rows = pages.map(
    (page) =>
      `| ${page.name} (${page.path}) | ${page.runs} | ${page.performance} | ${page.accessibility} | ${page.bestPractices} | ${page.seo} | ${page.cumulativeLayoutShift} | ${page.totalBlockingTimeMs} | ${page.largestContentfulPaintMs} | ${page.scriptKiB} |`,
  );
  return [header, '|---|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * The CPU slowdown that makes this host emulate Lighthouse's reference phone, from the host's
 * `benchmarkIndex` (Lighthouse measures it at the start of every run), and never more than the
 * preset's own 4×. The mobile preset slows the CPU 4×, which assumes a fast desktop host
 * (benchmarkIndex about 1500); on a slower or busier host 4× emulates a much slower phone than the
 * preset means to. The formula is the one Lighthouse's throttling guide points to
 * (docs/throttling.md, "Calibrating multipliers": the CPU throttling calculator), never below 1. Above
 * 1533 the calculator asks for more than 4×; readings here swing from 1000 to 2000 within minutes, and
 * a high one would slow a run more than Lighthouse itself ever does, so the preset's 4× stands.
 *
 * @example
 * ```ts
 * cpuSlowdownFor(1533); // 4 (the preset's own multiplier)
 * cpuSlowdownFor(1050); // 2.5
 * cpuSlowdownFor(2000); // 4
 * ```
 */
export function cpuSlowdownFor(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) throw new Error(`benchmarkIndex must be a positive number, got ${benchmarkIndex}`);
  const presetSlowdown = 4;
  if (benchmarkIndex >= 1300) return Math.min(presetSlowdown, 3 + (benchmarkIndex - 1300) / 233);
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  return Math.max(1, 1 + (benchmarkIndex - 150) / 650);
}

/**
 * Whether a page needs more Lighthouse runs before its performance is judged: it has fewer than
 * `runs`, or the median of those it has misses the budget and it has fewer than `runs +
 * confirmationRuns`. A page that misses is measured again before it fails CI, so that one slow
 * minute of a shared machine does not fail it; a page that is really over budget misses in most
 * runs and still fails.
 *
 * @example
 * ```ts
 * needsAnotherRun([95, 96, 94], 90, 3, 2); // false: judged on three runs
 * needsAnotherRun([88, 91, 87], 90, 3, 2); // true: two more runs, judged on the median of five
 * ```
 */
export function needsAnotherRun(performances: readonly number[], minPerformance: number, runs: number, confirmationRuns: number): boolean {
  if (performances.length < runs) return true;
  return performances.length < runs + confirmationRuns && median(performances) < minPerformance;
}
