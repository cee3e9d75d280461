import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { paperComparisonTable } from '../lab/report/paper-table.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyBelow, intervalOf, ratioInterval, type Interval } from '../lab/measure/interval.ts';
import { formatPercent, formatRatio, formatRatioInterval } from '../lab/report/format.ts';
import { pickRow } from '../lab/report/pick.ts';

/** The three ways the root was run, side by side in every run. */
export const variants = ['no hedge', 'hedged, transient slowness', 'hedged, persistent slowness'] as const;
/** One of {@link variants}. */
export type Variant = (typeof variants)[number];

/** One variant in one run. */
export interface VariantRow {
  readonly run: number;
  readonly variant: Variant;
  readonly requests: number;
  /** Share (0..1) of requests that took at least a slow leaf call's time. */
  readonly slowShare: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Leaf calls sent per leaf a request needed: 1 without hedging, a little more with it. */
  readonly callsPerLeaf: number;
  /** The wait before a hedge (the 95th percentile of the leaves' first answers in this run's unhedged requests), in ms. */
  readonly hedgeAfterMs: number;
}

/** The whole result: the model it ran, and every variant of every run. */
export interface TailResult {
  readonly leaves: number;
  readonly slowShareOfLeafCalls: number;
  readonly slowMs: number;
  readonly typicalMedianMs: number;
  readonly typicalP99Ms: number;
  readonly hedgePercentile: number;
  readonly rows: readonly VariantRow[];
}

/** Shorter alias the page and the report convention use. */
export type Result = TailResult;

/**
 * Dean and Barroso's arithmetic: the share of requests that wait for at least one slow leaf, when
 * each of `leaves` calls is slow with probability `slowShare`, independently.
 *
 * @example
 * ```ts
 * expectedSlowShare(100, 0.01); // 0.634
 * ```
 */
export function expectedSlowShare(leaves: number, slowShare: number): number {
  return 1 - (1 - slowShare) ** leaves;
}

/** The figures a published paper reports, as the page quotes them with where they are. */
export const paperFigures = {
  slowShare: { value: 0.63, where: 'Dean and Barroso, The Tail at Scale (CACM 56(2), 2013), “Why Variability Is Amplified by Scale”' },
  hedgedP999: {
    beforeMs: 1800,
    afterMs: 74,
    moreRequests: 0.02,
    where: 'Dean and Barroso, “Within-request short-term adaptations”: a BigTable benchmark reading 1,000 keys over 100 servers, hedging after 10 ms',
  },
} as const;

const of = (result: Result, variant: Variant) => result.rows.filter((row) => row.variant === variant);

/** Each variant's share of slow requests over the runs, with its 95% interval. */
function slowShares(result: Result): Record<Variant, Interval> {
  return Object.fromEntries(variants.map((variant) => [variant, intervalOf(of(result, variant).map((row) => row.slowShare))])) as Record<Variant, Interval>;
}

/** A variant's p99 over the unhedged one's, run by run. */
function p99Ratio(result: Result, variant: Variant): Interval {
  return ratioInterval(
    of(result, variant).map((row) => row.p99Ms),
    of(result, 'no hedge').map((row) => row.p99Ms),
  );
}

/**
 * Every variant of every run.
 *
 * @example
 * ```ts
 * runsTable(result).rows[0]; // { run: 1, variant: 'no hedge', requests: 150, slow: '62%', p50Ms: 1003, p99Ms: 1012, callsPerLeaf: 1, hedgeAfterMs: 14.2 }
 * ```
 */
export function runsTable(result: Result): ResultTable {
  return {
    title: `A root fanning out to ${result.leaves} leaves over HTTP, ${formatPercent(result.slowShareOfLeafCalls)} of leaf calls taking ${result.slowMs} ms: every run`,
    columns: [
      { key: 'run', label: 'run' },
      { key: 'variant', label: 'root' },
      { key: 'requests', label: 'requests' },
      { key: 'slow', label: `requests taking ${result.slowMs} ms or more` },
      { key: 'p50Ms', label: 'median, ms' },
      { key: 'p99Ms', label: 'p99, ms' },
      { key: 'callsPerLeaf', label: 'leaf calls per leaf needed' },
      { key: 'hedgeAfterMs', label: 'hedge after, ms' },
    ],
    rows: result.rows.map((row) => ({
      run: row.run,
      variant: row.variant,
      requests: row.requests,
      slow: formatPercent(row.slowShare, 1),
      p50Ms: Math.round(row.p50Ms * 10) / 10,
      p99Ms: Math.round(row.p99Ms * 10) / 10,
      callsPerLeaf: Math.round(row.callsPerLeaf * 1000) / 1000,
      hedgeAfterMs: row.variant === 'no hedge' ? null : Math.round(row.hedgeAfterMs * 10) / 10,
    })),
  };
}

/**
 * The paper's figure beside the lab's, with their ratio and why they differ: the page's main table.
 *
 * @example
 * ```ts
 * paperTable(result).rows[0]; // { figure: 'requests slower than 1 s, …', paper: '63%', lab: '63% [58–67%]', ratio: '1.00×', why: '…' }
 * ```
 */
export function paperTable(result: Result): ResultTable {
  const shares = slowShares(result);
  const noHedge = shares['no hedge'];
  const hedgedP99 = p99Ratio(result, 'hedged, transient slowness');
  const paperReduction = paperFigures.hedgedP999.afterMs / paperFigures.hedgedP999.beforeMs;
  const extraCalls = intervalOf(of(result, 'hedged, transient slowness').map((row) => row.callsPerLeaf - 1));
  return paperComparisonTable('The paper’s figures beside the lab’s', [
    {
      figure: `requests waiting for a slow leaf, ${result.leaves} leaves, ${formatPercent(result.slowShareOfLeafCalls)} of leaf calls slow`,
      paper: formatPercent(paperFigures.slowShare.value),
      lab: `${formatPercent(noHedge.estimate)} [${formatPercent(noHedge.low)}–${formatPercent(noHedge.high)}]`,
      ratio: formatRatio(noHedge.estimate / paperFigures.slowShare.value),
      why: `By construction: the lab draws each leaf call slow with the paper’s probability, so the share is 1 − 0.99^${result.leaves} = ${formatPercent(expectedSlowShare(result.leaves, result.slowShareOfLeafCalls), 1)} give or take sampling; HTTP adds nothing that changes it.`,
    },
    {
      figure: 'tail with hedged requests ÷ tail without',
      paper: `${formatRatio(paperReduction)} (p99.9, ${paperFigures.hedgedP999.beforeMs} → ${paperFigures.hedgedP999.afterMs} ms)`,
      lab: `${formatRatioInterval(hedgedP99)} (p99)`,
      ratio: formatRatio(hedgedP99.estimate / paperReduction),
      why: 'Different workload (1,000 keys over 100 BigTable servers, a fixed 10 ms hedge), and the lab’s runs are too short for a p99.9; a run where one request stayed slow keeps its p99 near the unhedged one, hence the wide interval.',
    },
    {
      figure: 'extra requests sent by hedging',
      paper: formatPercent(paperFigures.hedgedP999.moreRequests),
      lab: `${formatPercent(extraCalls.estimate, 1)} [${formatPercent(extraCalls.low, 1)}–${formatPercent(extraCalls.high, 1)}]`,
      ratio: formatRatio(extraCalls.estimate / paperFigures.hedgedP999.moreRequests),
      why: 'The lab hedges after the 95th percentile of its unhedged run’s leaf answers, as the paper advises; the paper’s benchmark hedged after a fixed 10 ms. Either way the extra load is a few percent.',
    },
  ]);
}

/**
 * What the figures found, in the terms of the verdict rule. Credited: hedged requests. They show the
 * benefit when, with transient slowness, the hedged share of slow requests lies clearly below the
 * unhedged one (interval against interval). The verdict is conditional when, with slowness that
 * belongs to the query, hedging does not: real systems have both (a busy server; a hot shard).
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'hedged requests', shownBy: { 'hedged requests': true }, flipsWithinRealisticRegion: '…', because: '…' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const shares = slowShares(result);
  const noHedge = shares['no hedge'];
  const transient = shares['hedged, transient slowness'];
  const persistent = shares['hedged, persistent slowness'];
  const cuts = clearlyBelow(transient, noHedge.low);
  const cutsPersistent = clearlyBelow(persistent, noHedge.low);
  const calls = intervalOf(of(result, 'hedged, transient slowness').map((row) => row.callsPerLeaf));
  const because = cuts
    ? `Unhedged, ${formatPercent(noHedge.estimate)} of requests waited ${result.slowMs} ms (paper: 63%); hedging cut it to ${formatPercent(transient.estimate, 1)} for ${formatPercent(calls.estimate - 1)} more calls${cutsPersistent ? '' : ', but not when the query itself is slow'}`
    : `Unhedged, ${formatPercent(noHedge.estimate)} of requests waited ${result.slowMs} ms (paper: 63%); hedging did not clearly cut that share (${formatPercent(transient.estimate, 1)})`;
  return {
    credited: 'hedged requests',
    shownBy: { 'hedged requests': cuts },
    ...(cuts && !cutsPersistent ? { flipsWithinRealisticRegion: 'hedging cuts the tail only where a slow call is slow because of the server (a queue, a pause), not because of the query (a hot shard, an expensive key)' } : {}),
    cost: { what: 'leaf calls sent, hedged against not', ratio: calls },
    because,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'conditional', because: '…', rule: 'it flips within the realistic region: …' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/** Everything the page prints, read from one result. */
export interface PageFigures {
  /** Leaves per request, a count. */
  readonly leaves: number;
  /** The share of leaf calls that are slow, as a percentage ('1%'), and their time ('1000 ms'). */
  readonly slowLeafShare: string;
  readonly slowMs: string;
  /** A typical leaf call's median and p99 (assumed), in ms. */
  readonly typicalMedianMs: number;
  readonly typicalP99Ms: number;
  /** Dean and Barroso's arithmetic for these figures, to one decimal ('63.4%'). */
  readonly expectedSlow: string;
  /** Runs per variant, a count. */
  readonly runs: number;
  /** Requests per run and variant, a count. */
  readonly requestsPerRun: number;
  /** Each variant's share of slow requests, with its interval ('63% [58–67%]'). */
  readonly slow: Readonly<Record<'noHedge' | 'transient' | 'persistent', string>>;
  /** The hedged p99 over the unhedged one, run by run, for each kind of slowness. */
  readonly p99RatioTransient: string;
  readonly p99RatioPersistent: string;
  /** Leaf calls a hedged request sent beyond one per leaf, as a share ('5.8%'). */
  readonly extraCalls: string;
  /** The median wait before a hedge, in ms, over the runs. */
  readonly hedgeAfterMs: string;
  /** The hedged requests' median time, with its interval over runs ('48 ms [32–74 ms]'): mostly the cost of sending 100 calls from one event loop. */
  readonly hedgedMedianMs: string;
}

const msInterval = (interval: Interval) => `${Math.round(interval.estimate)} ms [${Math.round(interval.low)}–${Math.round(interval.high)} ms]`;

const intervalPercent = (interval: Interval, digits = 0) => `${formatPercent(interval.estimate, digits)} [${formatPercent(interval.low, digits)}–${formatPercent(interval.high, digits)}]`;

/**
 * The figures the page prints. Throws when a run left out a variant.
 *
 * @example
 * ```ts
 * pageFigures(result).slow.noHedge; // '63% [58–67%]'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const missing = variants.filter((variant) => of(result, variant).length === 0);
  if (missing.length > 0) throw new Error(`the run has no rows for ${missing.join(', ')}: run npm run evidence -- reality-check-tail-at-scale`);
  const shares = slowShares(result);
  const hedged = of(result, 'hedged, transient slowness');
  return {
    leaves: result.leaves,
    slowLeafShare: formatPercent(result.slowShareOfLeafCalls),
    slowMs: `${result.slowMs} ms`,
    typicalMedianMs: result.typicalMedianMs,
    typicalP99Ms: result.typicalP99Ms,
    expectedSlow: formatPercent(expectedSlowShare(result.leaves, result.slowShareOfLeafCalls), 1),
    runs: of(result, 'no hedge').length,
    requestsPerRun: pickRow(result.rows, { variant: 'no hedge', run: 1 }).requests,
    slow: {
      noHedge: intervalPercent(shares['no hedge']),
      transient: intervalPercent(shares['hedged, transient slowness'], 1),
      persistent: intervalPercent(shares['hedged, persistent slowness']),
    },
    p99RatioTransient: formatRatioInterval(p99Ratio(result, 'hedged, transient slowness')),
    p99RatioPersistent: formatRatioInterval(p99Ratio(result, 'hedged, persistent slowness')),
    extraCalls: intervalPercent(intervalOf(hedged.map((row) => row.callsPerLeaf - 1)), 1),
    hedgeAfterMs: `${Math.round(intervalOf(hedged.map((row) => row.hedgeAfterMs)).estimate * 10) / 10} ms`,
    hedgedMedianMs: msInterval(intervalOf(hedged.map((row) => row.p50Ms))),
  };
}

/**
 * The key figure the comparison page shows: the unhedged share of slow requests beside the paper's,
 * and the hedged share. Null for a result without both.
 *
 * @example
 * ```ts
 * keyFigure(result); // '63% of requests waited 1000 ms unhedged (paper: 63%), 0.9% hedged'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.rows?.some((row) => row.variant === 'no hedge') || !result.rows.some((row) => row.variant === 'hedged, transient slowness')) return null;
  const shares = slowShares(result);
  return `${formatPercent(shares['no hedge'].estimate)} of requests waited ${result.slowMs} ms unhedged (paper: 63%), ${formatPercent(shares['hedged, transient slowness'].estimate, 1)} hedged`;
}
