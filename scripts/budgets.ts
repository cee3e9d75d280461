/** The scores and sizes of one page, each the median of several Lighthouse runs. */
export interface PageFigures {
  readonly name: string;
  readonly path: string;
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
 * The median of a list of numbers (the mean of the middle two for an even count).
 *
 * @example
 * ```ts
 * median([91, 97, 88]); // 91
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
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
  const header = '| page | performance | accessibility | best practices | SEO | CLS | TBT ms | LCP ms | JS KiB (gzip) |';
  const rows = pages.map(
    (page) =>
      `| ${page.name} (${page.path}) | ${page.performance} | ${page.accessibility} | ${page.bestPractices} | ${page.seo} | ${page.cumulativeLayoutShift} | ${page.totalBlockingTimeMs} | ${page.largestContentfulPaintMs} | ${page.scriptKiB} |`,
  );
  return [header, '|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * The CPU slowdown that makes this host emulate Lighthouse's reference phone, from the host's
 * `benchmarkIndex` (Lighthouse measures it at the start of every run). Lighthouse's mobile preset
 * slows the CPU 4×, which assumes a fast desktop host (benchmarkIndex about 1500); on a slower or
 * busier host 4× emulates a much slower phone than the preset means to. The formula is the one
 * Lighthouse's throttling guide points to (docs/throttling.md, "Calibrating multipliers": the CPU
 * throttling calculator), never below 1.
 *
 * @example
 * ```ts
 * cpuSlowdownFor(1533); // 4 (the preset's own multiplier)
 * cpuSlowdownFor(1050); // 2.5
 * ```
 */
export function cpuSlowdownFor(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) throw new Error(`benchmarkIndex must be a positive number, got ${benchmarkIndex}`);
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  return Math.max(1, 1 + (benchmarkIndex - 150) / 650);
}
