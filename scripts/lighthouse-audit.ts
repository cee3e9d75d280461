/**
 * Lighthouse (mobile preset, simulated throttling) over the production build served with gzip, the
 * median of several runs per page: the machinery the gate (scripts/lighthouse.ts) and the bench
 * (scripts/bench-site.ts) share.
 *
 * The preset's 4× CPU slowdown assumes a fast host. With `cpuSlowdown: 'calibrated'` the host is
 * first measured the way Lighthouse does (its benchmarkIndex) and the CPU slowed only as much as
 * Lighthouse's calibration guide says this host needs to emulate the preset's phone
 * (`cpuSlowdownFor`), so that the scores describe the pages rather than how busy the machine is. The
 * host's speed drifts (one minute's readings here ranged from 1093 to 1981), so each run uses the
 * median of every reading so far. A number (4: the preset unchanged) skips the calibration.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveBuild } from '../e2e/site-server.ts';
import { cpuSlowdownFor, needsAnotherRun, type PageFigures } from './budgets.ts';
import { median } from '../examples/lab/measure/stats.ts';

/** One Lighthouse run of one page. */
interface Run {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  cls: number;
  tbt: number;
  lcp: number;
  scriptBytes: number;
  benchmarkIndex: number;
  cpuSlowdown: number;
}

/** How a set of pages is audited. */
export interface AuditOptions {
  readonly pages: ReadonlyArray<{ readonly name: string; readonly path: string }>;
  /** Runs per page; the figures are their medians. */
  readonly runs: number;
  /** `calibrated` to this host (the gate's setting), or a fixed multiplier (4: the preset's own). */
  readonly cpuSlowdown: 'calibrated' | number;
  /** When set, a page whose median so far misses this performance is measured twice more (the gate). */
  readonly confirmBelowPerformance?: number;
  /** Where each run's HTML report is written (a CI artifact), or nothing written. */
  readonly reportsDir?: string;
  /** Told of each run as it starts. */
  readonly log: (line: string) => void;
}

/** What an audit measured: each page's medians, and how the CPU was slowed. */
export interface AuditResult {
  readonly figures: PageFigures[];
  /** The CPU slowdown in words, for the table's heading. */
  readonly slowdownText: string;
  readonly hostBenchmarkIndex: number;
}

const calibrationRuns = 3;
const confirmationRuns = 2;
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function audit(url: string, port: number, cpuSlowdownMultiplier: number | undefined, report?: string): Promise<Run> {
  const throttling = cpuSlowdownMultiplier === undefined ? {} : { throttling: { cpuSlowdownMultiplier } as never };
  const result = await lighthouse(url, { port, output: 'html', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'], ...throttling });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (report) writeFileSync(report, result.report as string);
  const { categories, audits } = result.lhr;
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const requests = (audits['network-requests']?.details as { items?: Array<{ resourceType?: string; transferSize?: number }> } | undefined)?.items ?? [];
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    cls: audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
    tbt: audits['total-blocking-time']?.numericValue ?? Number.NaN,
    lcp: audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
    scriptBytes: requests.filter((request) => request.resourceType === 'Script').reduce((sum, request) => sum + (request.transferSize ?? 0), 0),
    benchmarkIndex: result.lhr.environment.benchmarkIndex,
    cpuSlowdown: result.lhr.configSettings.throttling.cpuSlowdownMultiplier,
  };
}

/**
 * Audits every page of the production build in `build/` with Lighthouse, the median of `runs` runs
 * each, and resolves with the figures. Starts and stops its own server and Chromium.
 *
 * @example
 * ```ts
 * const { figures } = await auditPages({ pages: auditedPages, runs: 3, cpuSlowdown: 4, log: console.error });
 * figures[0].performance; // 98
 * ```
 */
export async function auditPages(options: AuditOptions): Promise<AuditResult> {
  if (options.reportsDir) {
    rmSync(options.reportsDir, { recursive: true, force: true });
    mkdirSync(options.reportsDir, { recursive: true });
  }
  const site = await serveBuild({ compress: true });
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: chromiumFlags });
  const figures: PageFigures[] = [];
  const pageRuns: Run[] = [];
  // Every benchmarkIndex read so far: the calibration runs', then each page run's own.
  const readings: number[] = [];
  const calibrated = options.cpuSlowdown === 'calibrated';
  const slowdownForReadings = () => Math.round(cpuSlowdownFor(median(readings)) * 100) / 100;
  let cpuSlowdown = calibrated ? Number.NaN : (options.cpuSlowdown as number);
  try {
    if (calibrated) {
      // One reading can be an outlier (a fresh CI machine read 1692 once and 1424 over the runs
      // that followed): calibrate on the median of three.
      options.log(`lighthouse: measuring this host (benchmarkIndex, ${calibrationRuns} runs) to calibrate the CPU slowdown`);
      for (let run = 0; run < calibrationRuns; run += 1) readings.push((await audit(site.root + '/404', chrome.port, undefined)).benchmarkIndex);
      cpuSlowdown = slowdownForReadings();
      options.log(`lighthouse: benchmarkIndex ${readings.map(Math.round).join(', ')} → CPU slowdown ${cpuSlowdown}×`);
    }
    for (const page of options.pages) {
      const results: Run[] = [];
      const more = () =>
        options.confirmBelowPerformance === undefined
          ? results.length < options.runs
          : needsAnotherRun(results.map((run) => run.performance), options.confirmBelowPerformance, options.runs, confirmationRuns);
      while (more()) {
        const run = results.length + 1;
        options.log(run <= options.runs ? `lighthouse ${page.path} run ${run} of ${options.runs}` : `lighthouse ${page.path} run ${run}: the median so far misses performance ${options.confirmBelowPerformance}, measuring again`);
        const report = options.reportsDir ? path.join(options.reportsDir, `${page.name.replace(/\W+/g, '-')}-run-${run}.html`) : undefined;
        const result = await audit(site.root + page.path, chrome.port, cpuSlowdown, report);
        results.push(result);
        // The host's speed drifts: the next run uses the median of every reading so far, which
        // follows the drift without jumping with each noisy reading.
        if (calibrated) {
          readings.push(result.benchmarkIndex);
          cpuSlowdown = slowdownForReadings();
        }
      }
      pageRuns.push(...results);
      const mid = (pick: (run: Run) => number) => median(results.map(pick));
      figures.push({
        ...page,
        runs: results.length,
        performance: mid((run) => run.performance),
        accessibility: mid((run) => run.accessibility),
        bestPractices: mid((run) => run.bestPractices),
        seo: mid((run) => run.seo),
        cumulativeLayoutShift: Math.round(mid((run) => run.cls) * 1000) / 1000,
        totalBlockingTimeMs: Math.round(mid((run) => run.tbt)),
        largestContentfulPaintMs: Math.round(mid((run) => run.lcp)),
        scriptKiB: Math.round(mid((run) => run.scriptBytes) / 1024),
      });
    }
  } finally {
    chrome.kill();
    await site.close();
  }
  const slowdowns = pageRuns.map((run) => run.cpuSlowdown);
  return {
    figures,
    slowdownText: calibrated ? `CPU slowdown ${Math.min(...slowdowns)}–${Math.max(...slowdowns)}× from the median host reading so far` : `CPU slowdown ${cpuSlowdown}× (the preset's own)`,
    hostBenchmarkIndex: Math.round(median(pageRuns.map((run) => run.benchmarkIndex))),
  };
}
