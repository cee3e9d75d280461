/**
 * Lighthouse (mobile preset, simulated throttling) over the production build served with gzip, three
 * runs per page, the median of each figure. Prints a table and exits 1 when a page misses the budget.
 * A page whose median misses the performance budget is measured twice more and judged on the median
 * of all five runs (`needsAnotherRun`): one slow minute of a shared machine does not fail CI, a page
 * that is really over budget still does.
 *
 * The preset's 4× CPU slowdown assumes a fast host. This script first measures the host the way
 * Lighthouse does (its benchmarkIndex) and slows the CPU only as much as Lighthouse's calibration
 * guide says this host needs to emulate the preset's phone (`cpuSlowdownFor`), so that the scores
 * describe the pages rather than how busy the machine is. The host's speed drifts (one minute's
 * readings here ranged from 1093 to 1981, and consecutive runs often differed by 40 %), so each run
 * uses the median of every reading so far: the calibration runs' and each earlier run's own (Lighthouse
 * measures the host at the start of every run). The slowdown never exceeds the preset's own 4×.
 * LIGHTHOUSE_CPU_SLOWDOWN=4 runs the preset unchanged, with no calibration.
 *
 * Each run's HTML report is written to lighthouse-reports/ (uploaded by the GitHub workflow).
 *
 *   npm run build && npm run test:lighthouse
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveBuild } from '../e2e/site-server.ts';
import { auditedPages, plainPaths } from './audited-pages.ts';
import { budgetFailures, cpuSlowdownFor, figuresTable, needsAnotherRun, type Budget, type PageFigures } from './budgets.ts';
import { median } from '../examples/lab/measure/stats.ts';

const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`LIGHTHOUSE_RUNS must be a whole number of at least 1 (3 is the default), got "${process.env.LIGHTHOUSE_RUNS}"`);
const calibrationRuns = 3;
const confirmationRuns = 2;

/** Issue 6: performance 90 as the gate (95 is the aim), the rest 100, no layout shift, and a plain page within the template's JavaScript. */
const aimPerformance = 95;
const budget: Budget = { minPerformance: 90, minAccessibility: 100, minBestPractices: 100, minSeo: 100, maxCumulativeLayoutShift: 0.01, maxPlainPageScriptKiB: 191 };

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

/** Where each page run's HTML report is written, so that a regression in CI can be read, not guessed (a CI artifact). */
const reportsDir = 'lighthouse-reports';

async function audit(url: string, port: number, cpuSlowdownMultiplier?: number, reportName?: string): Promise<Run> {
  const throttling = cpuSlowdownMultiplier === undefined ? {} : { throttling: { cpuSlowdownMultiplier } as never };
  const result = await lighthouse(url, { port, output: 'html', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'], ...throttling });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (reportName) writeFileSync(path.join(reportsDir, `${reportName}.html`), result.report as string);
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

rmSync(reportsDir, { recursive: true, force: true });
mkdirSync(reportsDir);
const site = await serveBuild({ compress: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const figures: PageFigures[] = [];
const pageRuns: Run[] = [];
let cpuSlowdown = Number.NaN;
// Every benchmarkIndex read so far: the three calibration runs, then each page run's own.
const readings: number[] = [];
const slowdownForReadings = () => Math.round(cpuSlowdownFor(median(readings)) * 100) / 100;
const fixed = process.env.LIGHTHOUSE_CPU_SLOWDOWN;
try {
  if (fixed !== undefined) {
    cpuSlowdown = Number(fixed);
    if (!(cpuSlowdown >= 1)) throw new Error(`LIGHTHOUSE_CPU_SLOWDOWN must be a number of at least 1 (4 is the mobile preset), got "${fixed}"`);
  } else {
    // One reading can be an outlier (a fresh CI machine read 1692 once and 1424 over the runs that
    // followed): calibrate on the median of three.
    process.stderr.write(`lighthouse: measuring this host (benchmarkIndex, ${calibrationRuns} runs) to calibrate the CPU slowdown\n`);
    for (let run = 0; run < calibrationRuns; run += 1) readings.push((await audit(site.root + '/404', chrome.port)).benchmarkIndex);
    cpuSlowdown = slowdownForReadings();
    process.stderr.write(`lighthouse: benchmarkIndex ${readings.map(Math.round).join(', ')} → CPU slowdown ${cpuSlowdown}×\n`);
  }
  for (const page of auditedPages) {
    const results: Run[] = [];
    while (needsAnotherRun(results.map((run) => run.performance), budget.minPerformance, runs, confirmationRuns)) {
      const run = results.length + 1;
      process.stderr.write(run <= runs ? `lighthouse ${page.path} run ${run} of ${runs}\n` : `lighthouse ${page.path} run ${run}: the median so far misses performance ${budget.minPerformance}, measuring again\n`);
      const result = await audit(site.root + page.path, chrome.port, cpuSlowdown, `${page.name.replace(/\W+/g, '-')}-run-${run}`);
      results.push(result);
      // The host's speed drifts: the next run uses the median of every reading so far, which
      // follows the drift without jumping with each noisy reading.
      if (fixed === undefined) {
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
const slowdownText = fixed === undefined ? `CPU slowdown ${Math.min(...slowdowns)}–${Math.max(...slowdowns)}× from the median host reading so far` : `CPU slowdown ${cpuSlowdown}×`;
console.log(`Lighthouse mobile preset, ${slowdownText} (host benchmarkIndex median ${Math.round(median(pageRuns.map((run) => run.benchmarkIndex)))}), median of ${runs} runs per page (${runs + confirmationRuns} for a page whose first ${runs} miss performance ${budget.minPerformance})\n`);
console.log(figuresTable(figures));
const failures = budgetFailures(figures, budget, plainPaths);
const belowAim = figures.filter((page) => page.performance >= budget.minPerformance && page.performance < aimPerformance).map((page) => `${page.path}: performance ${page.performance}`);
if (belowAim.length > 0) console.log(`\nwithin budget but below the aim of ${aimPerformance}:\n  ${belowAim.join('\n  ')}`);
if (failures.length > 0) {
  console.error(`\n${failures.length} budget failure${failures.length > 1 ? 's' : ''}:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`\nEvery page within budget (performance ≥ ${budget.minPerformance}, the rest 100, CLS ≤ ${budget.maxCumulativeLayoutShift}, plain page JS ≤ ${budget.maxPlainPageScriptKiB} KiB).`);
}
