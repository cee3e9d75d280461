import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { paperComparisonTable } from '../lab/report/paper-table.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyAbove, intervalOf, type Interval } from '../lab/measure/interval.ts';
import { formatList, formatNumber, formatPercent, formatRatio, formatSignificant } from '../lab/report/format.ts';
import { publishedExecution, publishedRatePoints, type KeepAliveSummary, type LogNormal } from './keep-alive.ts';

/** One cold start of the lab's function app, and the warm answer after it, ms. */
export interface ColdStartRun {
  readonly coldMs: number;
  readonly warmMs: number;
}

/** One replay of a keep-alive window over the drawn apps. */
export interface ReplayRow extends KeepAliveSummary {
  readonly keepAliveMinutes: number;
  readonly run: number;
}

/** The whole result: the measured cold starts and every replay. */
export interface ColdStartsResult {
  /** The function app measured, from the repository root. */
  readonly file: string;
  readonly apps: number;
  readonly days: number;
  /** The log-normal of invocations per app per day, fitted through the published points. */
  readonly rates: LogNormal;
  /** The median measured cold start, which every replay put before a cold invocation, ms. */
  readonly coldStartMs: number;
  readonly coldStarts: readonly ColdStartRun[];
  readonly replays: readonly ReplayRow[];
}

/** Shorter alias the page and the report convention use. */
export type Result = ColdStartsResult;

/** The keep-alive windows of the platforms at the time of the paper, minutes (AWS Lambda, Azure Functions). */
export const publishedWindows = { 'AWS Lambda': 10, 'Azure Functions': 20 } as const;
/** "Most": over half. */
export const mostShare = 0.5;
/** "About as much": within this factor either way, an order of magnitude (the paper's "same order"). */
export const sameOrderFactor = 10;

const medianExecutionMs = Math.exp(publishedExecution.mu) * 1000;
const windowsOf = (result: Result) => [...new Set(result.replays.map((row) => row.keepAliveMinutes))].sort((a, b) => a - b);
const intervalAt = (result: Result, minutes: number, figure: (row: ReplayRow) => number): Interval => {
  const rows = result.replays.filter((row) => row.keepAliveMinutes === minutes);
  if (rows.length === 0) throw new Error(`no replay of a ${minutes}-minute keep-alive: run npm run evidence -- reality-check-cold-starts`);
  return intervalOf(rows.map(figure));
};
const percentInterval = (interval: Interval) => `${formatPercent(interval.estimate)} [${formatPercent(interval.low)}–${formatPercent(interval.high)}]`;
const platformOf = (minutes: number) => Object.entries(publishedWindows).find(([, value]) => value === minutes)?.[0];
const windowText = (minutes: number) => `${minutes}-minute${platformOf(minutes) ? ` (${platformOf(minutes)})` : ''}`;

/**
 * The share of invoked apps whose invocations were mostly cold, at one keep-alive window, over the replays.
 *
 * @example
 * ```ts
 * appsMostlyCold(result, 20); // { estimate: 0.49, low: 0.48, high: 0.50, runs: 5 }
 * ```
 */
export function appsMostlyCold(result: Result, minutes: number): Interval {
  return intervalAt(result, minutes, (row) => row.appsMostlyCold);
}

/**
 * The share of all invocations that were cold, at one keep-alive window, over the replays.
 *
 * @example
 * ```ts
 * invocationsCold(result, 20); // { estimate: 0.004, … }
 * ```
 */
export function invocationsCold(result: Result, minutes: number): Interval {
  return intervalAt(result, minutes, (row) => row.invocationsCold);
}

/**
 * The lab's cold start over the paper's median execution time, with the measured cold starts' interval.
 *
 * @example
 * ```ts
 * coldStartOverExecution(result); // { estimate: 0.62, low: 0.6, high: 0.66, runs: 5 }
 * ```
 */
export function coldStartOverExecution(result: Result): Interval {
  return intervalOf(result.coldStarts.map((run) => run.coldMs / medianExecutionMs));
}

/**
 * The paper's figures beside the lab's, with why they differ.
 *
 * @example
 * ```ts
 * paperTable(result).rows[0]; // { figure: 'apps invoked at most once an hour', paper: '45%', lab: '…', … }
 * ```
 */
export function paperTable(result: Result): ResultTable {
  const coldStart = coldStartOverExecution(result);
  const longest = Math.max(...windowsOf(result));
  const hourly = publishedRatePoints[0];
  return paperComparisonTable('Shahrad et al. beside the lab', [
    {
      figure: `apps invoked at most once an hour, against apps whose invocations are mostly cold with a ${windowText(longest)} keep-alive`,
      paper: formatPercent(hourly.shareOfApps),
      lab: percentInterval(appsMostlyCold(result, longest)),
      ratio: formatRatio(appsMostlyCold(result, longest).estimate / hourly.shareOfApps),
      why: 'Close by construction: the replay draws rates through this very point. An app invoked less often than its window is cold on most invocations; one invoked up to about twice an hour is too, under Poisson arrivals, which is why the lab’s share is higher.',
    },
    {
      figure: 'a cold start, against the median function’s run',
      paper: `same order (median run ${formatSignificant(medianExecutionMs / 1000)} s)`,
      lab: `${formatSignificant(result.coldStartMs)} ms: ${formatRatio(coldStart.estimate)} [${formatRatio(coldStart.low)}–${formatRatio(coldStart.high)}] the median run`,
      ratio: formatRatio(coldStart.estimate),
      why: 'The lab’s cold start is a Node process loading the unit’s code from a local disk, on an idle machine: no container image to fetch, no placement, no runtime host to start. A platform’s is slower, so the lab’s is a floor.',
    },
  ]);
}

/**
 * Every keep-alive window replayed: the apps, per app and per invocation.
 *
 * @example
 * ```ts
 * replayTable(result).rows[0]; // { keepAlive: '10-minute (AWS Lambda)', mostlyCold: '57% [56–58%]', … }
 * ```
 */
export function replayTable(result: Result): ResultTable {
  return {
    title: `${formatNumber(result.apps)} apps drawn from the published workload over ${result.days} days, each cold invocation preceded by the lab’s measured cold start of ${formatSignificant(result.coldStartMs)} ms (medians of replays, 95% interval)`,
    columns: [
      { key: 'keepAlive', label: 'keep-alive' },
      { key: 'mostlyCold', label: 'apps mostly cold' },
      { key: 'medianApp', label: 'median app, cold share' },
      { key: 'thirdQuartile', label: '75th-percentile app, cold share' },
      { key: 'invocations', label: 'all invocations, cold share' },
    ],
    rows: windowsOf(result).map((minutes) => ({
      keepAlive: windowText(minutes),
      mostlyCold: percentInterval(appsMostlyCold(result, minutes)),
      medianApp: percentInterval(intervalAt(result, minutes, (row) => row.medianAppColdShare)),
      thirdQuartile: percentInterval(intervalAt(result, minutes, (row) => row.thirdQuartileAppColdShare)),
      invocations: `${formatPercent(invocationsCold(result, minutes).estimate, 1)} [${formatPercent(invocationsCold(result, minutes).low, 1)}–${formatPercent(invocationsCold(result, minutes).high, 1)}]`,
    })),
  };
}

/**
 * What the figures found, in the terms of the verdict rule. Credited: the fixed keep-alive, as the
 * claim describes it. It shows the claim where, at a published window, the whole interval of apps
 * mostly cold lies above one half and the lab's cold start is within an order of magnitude of the
 * median run. Shown at one published window and not the other, the verdict flips between them.
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'fixed keep-alive', shownBy: { 'fixed keep-alive': true }, flipsWithinRealisticRegion: '…', because: '…' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const ratio = coldStartOverExecution(result).estimate;
  const sameOrder = ratio >= 1 / sameOrderFactor && ratio <= sameOrderFactor;
  const windows = windowsOf(result);
  const shownAt = windows.filter((minutes) => sameOrder && clearlyAbove(appsMostlyCold(result, minutes), mostShare));
  const longest = Math.max(...windows);
  const shownText = (minutes: number[]) => formatList(minutes.map((m) => `${m}`));
  return {
    credited: 'fixed keep-alive',
    shownBy: { 'fixed keep-alive': shownAt.length > 0 },
    ...(shownAt.length > 0 && shownAt.length < windows.length
      ? { flipsWithinRealisticRegion: `most apps are mostly cold with a ${shownText(shownAt)}-minute keep-alive, not with ${shownText(windows.filter((m) => !shownAt.includes(m)))}` }
      : {}),
    because: `With a ${longest}-minute keep-alive, ${formatPercent(appsMostlyCold(result, longest).estimate)} of apps were mostly cold but ${formatPercent(invocationsCold(result, longest).estimate, 1)} of invocations; the lab's cold start is ${formatRatio(ratio)} a median run.`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'conditional', because: '…', rule: '…' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/** Everything the page prints, read from one result. */
export interface PageFigures {
  readonly apps: string;
  readonly days: number;
  readonly runs: number;
  /** The median app's daily invocations under the fitted log-normal. */
  readonly medianAppPerDay: string;
  readonly coldStartMs: string;
  readonly warmMs: string;
  readonly coldStartOverExecution: string;
  readonly medianExecution: string;
  /** Per keep-alive window (minutes): apps mostly cold and invocations cold, with intervals. */
  readonly at: Readonly<Record<string, { readonly window: string; readonly mostlyCold: string; readonly invocations: string }>>;
  readonly windows: string;
}

/**
 * The figures the page prints.
 *
 * @example
 * ```ts
 * pageFigures(result).at['20']?.mostlyCold; // '49% [48–50%]'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const warm = intervalOf(result.coldStarts.map((run) => run.warmMs)).estimate;
  const ratio = coldStartOverExecution(result);
  return {
    apps: formatNumber(result.apps),
    days: result.days,
    runs: new Set(result.replays.map((row) => row.run)).size,
    medianAppPerDay: formatSignificant(Math.exp(result.rates.mu)),
    coldStartMs: formatSignificant(result.coldStartMs),
    warmMs: formatSignificant(warm),
    coldStartOverExecution: `${formatRatio(ratio.estimate)} [${formatRatio(ratio.low)}–${formatRatio(ratio.high)}]`,
    medianExecution: `${formatSignificant(medianExecutionMs / 1000)} s`,
    at: Object.fromEntries(
      windowsOf(result).map((minutes) => [
        String(minutes),
        {
          window: windowText(minutes),
          mostlyCold: percentInterval(appsMostlyCold(result, minutes)),
          invocations: `${formatPercent(invocationsCold(result, minutes).estimate, 1)} [${formatPercent(invocationsCold(result, minutes).low, 1)}–${formatPercent(invocationsCold(result, minutes).high, 1)}]`,
        },
      ]),
    ),
    windows: formatList(windowsOf(result).map(windowText)),
  };
}

/**
 * The key figure the comparison page shows: apps mostly cold, and invocations cold, at the longest
 * window replayed. Null for a result without replays.
 *
 * @example
 * ```ts
 * keyFigure(result); // '20-minute keep-alive: 49% of apps mostly cold, 0.4% of invocations'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.replays || result.replays.length === 0) return null;
  const longest = Math.max(...windowsOf(result));
  if (result.replays.filter((row) => row.keepAliveMinutes === longest).length < 5) return null;
  return `${longest}-minute keep-alive: ${formatPercent(appsMostlyCold(result, longest).estimate)} of apps mostly cold, ${formatPercent(invocationsCold(result, longest).estimate, 1)} of invocations`;
}
