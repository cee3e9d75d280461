import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyBelow, exactly, formatInterval, intervalOf, minimumRuns, type Interval } from '../lab/measure/interval.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { formatList, formatMs, formatNumber, formatPercent, formatRatio } from '../lab/report/format.ts';
import { pickRow, sumOf } from '../lab/report/pick.ts';
import { formatRatiosBySystem, structureByCut, structureMap, structureOf, structureRatios, structureTable, systemsWhere } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';
import { median } from '../lab/measure/stats.ts';

/** The two balancer modes compared. */
export const balancerModes = ['no retries', 'retry once'] as const;
/** One balancer mode. */
export type BalancerMode = (typeof balancerModes)[number];

/** What a client asks for: a whole checkout (every capability), or a price quote (the cart capability alone). */
export const requestKinds = ['checkout', 'quote'] as const;
/** One kind of request. */
export type RequestKind = (typeof requestKinds)[number];

/** The capability the faults hit: the unit that holds this function, in every cut. */
export const faultedCapability = { name: 'payments', function: 'chargePayment' } as const;

/**
 * A cut survives the death of a replica when the whole 95% interval of the checkouts that failed per
 * death lies below one: no customer saw it. (A count per death, not a share: a share would shrink with
 * however long the load went on after the kill.)
 */
export const survivesBelowFailedPerDeath = 1;

/**
 * A capability is isolated from a fault in payments when the whole 95% interval of the share of its
 * requests that failed while payments were down lies below 0.1%, the error budget of a 99.9% target
 * (assumed, stated on the page; the measured shares are 0% or 100%, far from it on either side).
 */
export const isolatedBelowFailedShare = 0.001;

/** One load run against a cut's fleet, with one replica of the payments unit killed (SIGKILL) part-way through. */
export interface KillRunRow {
  /** The cut deployed. */
  readonly shape: ShapeName;
  readonly mode: BalancerMode;
  readonly run: number;
  /** Requests autocannon sent. */
  readonly sent: number;
  /** 2xx answers. */
  readonly succeeded: number;
  /** Non-2xx answers plus connection errors and timeouts seen by autocannon. */
  readonly failed: number;
  /** Sent but neither answered nor errored: sent − succeeded − failed. */
  readonly lost: number;
  /** Of the failed: non-2xx answers (502 from a dead replica's connection, 503 with no healthy replica, 500 from a unit whose call failed). */
  readonly non2xx: number;
  /** Of the failed: connection errors and timeouts autocannon saw. */
  readonly errors: number;
  /** Requests any balancer answered 503 because it had no healthy replica. */
  readonly noHealthyReplica: number;
  /** Ejections of replicas that were not killed: probes that failed on a live replica. */
  readonly spuriousEjections: number;
  /** The run hit its time limit before every request was answered. */
  readonly stoppedEarly: boolean;
  /** Requests the balancers sent to a second replica after a connection error. */
  readonly retried: number;
  /** Requests the entry balancer received (its own count, to cross-check `sent`). */
  readonly balancerReceived: number;
  /** From the SIGKILL to the balancer's ejection of that replica, ms. Null if it was never ejected. */
  readonly detectMs: number | null;
  /** Replicas ejected at the end of the run, over every balancer: should be exactly the one killed. */
  readonly ejectedReplicas: number;
  /** Requests answered (2xx or not) before the kill. */
  readonly answeredBeforeKill: number;
  readonly requestsPerSecond: number;
}

/** One kind of request sent to a cut's fleet while every replica of the payments unit is down. */
export interface OutageRow {
  readonly shape: ShapeName;
  readonly run: number;
  readonly kind: RequestKind;
  readonly sent: number;
  readonly succeeded: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  readonly failed: number;
  /** Sent but neither answered nor errored. */
  readonly lost: number;
  readonly stoppedEarly: boolean;
  /** The payments balancer had ejected every payments replica before the requests were sent. */
  readonly paymentsEjected: boolean;
}

/** The processes each shape needs for the same redundancy: every unit replicated. */
export interface ProcessCountRow {
  readonly shape: ShapeName;
  readonly units: number;
  readonly replicas: number;
  /** replicas × units: every function on `replicas` processes. */
  readonly processes: number;
  /** One balanced pool per unit. */
  readonly balancedPools: number;
  /** Only the unit holding chargePayment replicated, every other unit single: what separate replication buys. */
  readonly processesPaymentOnly: number;
}

/** The whole result of a micro-redundancy run: plain JSON. */
export interface RedundancyResult {
  /** Replica kills under load, per cut, balancer mode and run. */
  readonly rows: readonly KillRunRow[];
  /** Checkouts and quotes with payments down, per cut, kind and run. */
  readonly outages: readonly OutageRow[];
  readonly processCounts: readonly ProcessCountRow[];
  /** Replicas of every unit of every cut. */
  readonly replicas: number;
  /** Independent runs per cut. */
  readonly runs: number;
  /** Before any fault, every fleet answered a checkout and a quote as the functions do in one call stack. */
  readonly answersMatch: boolean;
  /** How far one unit's crash reaches in the reference systems' cuts, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/** The scaffolded claims' name for the result of a run. */
export type Result = RedundancyResult;

/** The cuts a run deployed, in the order it lists them. */
function cutsOf(result: Result): ShapeName[] {
  return [...new Set([...result.rows.map((row) => row.shape), ...result.outages.map((row) => row.shape)])];
}

/** One figure per run, in run order. */
function perRun<Row extends { readonly run: number }>(rows: readonly Row[], figure: (row: Row) => number): number[] {
  return [...rows].sort((a, b) => a.run - b.run).map(figure);
}

const failedShare = (row: { readonly failed: number; readonly sent: number }) => row.failed / Math.max(row.sent, 1);

/** One cut's figures, each an interval over the independent runs (null below `minimumRuns` runs). */
export interface CutFigures {
  readonly shape: ShapeName;
  /** Checkouts that failed when a payments replica was killed under load, with one retry: a count per death. */
  readonly killFailedWithRetry: Interval | null;
  /** The same without retries. */
  readonly killFailedWithoutRetry: Interval | null;
  /** With payments down: the share of quotes that failed (they do not need payments). */
  readonly outageQuotesFailed: Interval | null;
  /** With payments down: the share of checkouts that failed (they do). */
  readonly outageCheckoutsFailed: Interval | null;
  /** Processes for the same replicas of every unit. */
  readonly processes: number;
}

const intervalOrNull = (runs: readonly number[]) => (runs.length >= minimumRuns ? intervalOf(runs) : null);

/**
 * Each cut's headline figures as intervals over its runs.
 *
 * @example
 * ```ts
 * cutFigures(result, 'monolith').outageQuotesFailed; // { estimate: 1, low: 1, high: 1, runs: 5 }
 * cutFigures(result, 'monolith').killFailedWithRetry; // { estimate: 0, low: 0, high: 0, runs: 5 }
 * ```
 */
export function cutFigures(result: Result, shape: ShapeName): CutFigures {
  const kills = (mode: BalancerMode) => perRun(result.rows.filter((row) => row.shape === shape && row.mode === mode), (row) => row.failed);
  const outage = (kind: RequestKind) => perRun(result.outages.filter((row) => row.shape === shape && row.kind === kind), failedShare);
  return {
    shape,
    killFailedWithRetry: intervalOrNull(kills('retry once')),
    killFailedWithoutRetry: intervalOrNull(kills('no retries')),
    outageQuotesFailed: intervalOrNull(outage('quote')),
    outageCheckoutsFailed: intervalOrNull(outage('checkout')),
    processes: pickRow(result.processCounts, { shape }).processes,
  };
}

/** Whether a cut survived a replica's death: the whole interval of failed checkouts per death below one. */
const survived = (failed: Interval | null) => failed !== null && clearlyBelow(failed, survivesBelowFailedPerDeath);

/**
 * Whether a cut kept quotes answering while payments were down: the whole interval of their failed
 * share below `isolatedBelowFailedShare`.
 *
 * @example
 * ```ts
 * isolatesPayments(cutFigures(result, 'microservices')); // true
 * isolatesPayments(cutFigures(result, 'monolith')); // false
 * ```
 */
export function isolatesPayments(figures: CutFigures): boolean {
  return figures.outageQuotesFailed !== null && clearlyBelow(figures.outageQuotesFailed, isolatedBelowFailedShare);
}

/**
 * Why a run cannot be judged, or null when every request is accounted for: a fleet that answered
 * wrongly, a load that hit its time limit, requests neither answered nor failed, or payments that the
 * balancer never took out of rotation.
 *
 * @example
 * ```ts
 * runProblem({ ...result, answersMatch: false }); // 'a fleet did not answer as the functions do in one call stack'
 * ```
 */
export function runProblem(result: Result): string | null {
  if (!result.answersMatch) return 'a fleet did not answer as the functions do in one call stack';
  const every = [...result.rows, ...result.outages];
  if (every.some((row) => row.stoppedEarly)) return 'a load hit its time limit before every request was answered';
  const lost = sumOf(every, 'lost');
  if (lost > 0) return `${lost} requests were neither answered nor failed`;
  if (result.outages.some((row) => !row.paymentsEjected)) return 'the balancer did not eject every payments replica after the crash';
  if (result.runs < minimumRuns) return `${result.runs} runs per cut, fewer than the ${minimumRuns} an interval needs`;
  return null;
}

/**
 * What the figures found, in the terms of the verdict rule. The article credits microservices with
 * "redundancy to remain available": a cut shows it when, with one retry, the whole interval of the
 * checkouts that failed per replica death lies below one. Fault isolation (quotes answering while
 * payments are down) is another property, not redundancy: the page reports it beside the verdict, and
 * the because-sentence names it. A run that cannot account for every request is not judged (pending).
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'microservices', shownBy: { monolith: true, microservices: true, nanoservices: true }, because: 'every cut survived ...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const cuts = cutsOf(result);
  const problem = runProblem(result) ?? (cuts.includes('microservices') ? null : 'the run did not deploy the microservices');
  if (problem !== null) return { notYetMeasured: problem, credited: 'microservices', shownBy: { microservices: false }, because: problem };
  const figures = new Map(cuts.map((shape) => [shape, cutFigures(result, shape)]));
  const figuresOf = (shape: ShapeName) => figures.get(shape) as CutFigures;
  const shownBy = Object.fromEntries(cuts.map((shape) => [shape, survived(figuresOf(shape).killFailedWithRetry)]));
  const monolith = figures.get('monolith');
  const micro = figuresOf('microservices');
  const cost = monolith ? { what: 'processes for the same replicas', ratio: exactly(micro.processes / monolith.processes) } : undefined;
  const quotesFailed = (each: CutFigures) => formatPercent(each.outageQuotesFailed?.estimate);
  const isolation = monolith ? ` Splitting buys isolation instead: payments down, quotes failed ${quotesFailed(monolith)} in the monolith, ${quotesFailed(micro)} as microservices` : '';
  const retried = result.rows.filter((row) => row.mode === 'retry once');
  let because: string;
  if (cuts.every((shape) => shownBy[shape])) {
    because = `every cut survived a replica kill: ${sumOf(retried, 'failed')} of ${formatNumber(sumOf(retried, 'sent'))} checkouts failed with one retry.${isolation}`;
  } else if (shownBy.microservices) {
    because = `only ${formatList(cuts.filter((shape) => shownBy[shape]))} lost no checkout when a replica died, with one retry`;
  } else {
    because = `as microservices, a median ${micro.killFailedWithRetry?.estimate ?? '–'} checkouts failed per payments replica killed, even with one retry`;
  }
  return { credited: 'microservices', shownBy, ...(cost ? { cost } : {}), because };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'every cut survived ...', rule: 'every cut compared shows it (monolith, microservices, nanoservices)' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/** One cut's row of the page's summary, every figure formatted. */
export interface CutSummary {
  readonly shape: ShapeName;
  /** Processes for the replicas of every unit. */
  readonly processes: number;
  /** Checkouts failed per payments replica killed, with one retry, median [95% interval]: '0 [0–0]'. */
  readonly killFailedWithRetry: string;
  /** The same without retries: '7 [4–16]'. */
  readonly killFailedWithoutRetry: string;
  /** Quotes failed with payments down, median [95% interval]: '100% [100–100%]'. */
  readonly outageQuotesFailed: string;
  /** Checkouts failed with payments down. */
  readonly outageCheckoutsFailed: string;
}

/** One bar of the page's plot: the share of one kind of request that failed with payments down, in one cut. */
export interface OutageBar {
  readonly shape: ShapeName;
  readonly kind: RequestKind;
  /** The median over the runs, in percent. */
  readonly failedPercent: number;
}

/** Every figure the page's prose and plot print, read out of the result and the run's parameters. */
export interface PageFigures {
  /** The share of a kill run's checkouts answered before the kill: '30%'. */
  readonly killAfter: string;
  /** Independent runs per cut, a count. */
  readonly runs: number;
  /** Replicas of every unit. */
  readonly replicas: number;
  /** The cuts deployed, in words: 'monolith, microservices and nanoservices'. */
  readonly cuts: string;
  /** The bar for a capability that keeps answering while payments are down: '0.1%'. */
  readonly isolationBar: string;
  /** Checkouts sent across replica kills with one retry, over every cut and run. */
  readonly retrySent: number;
  /** Of those, failed. */
  readonly retryFailed: number;
  /** Checkouts sent across replica kills without retries, over every cut and run. */
  readonly noRetriesSent: number;
  /** Of those, failed. */
  readonly noRetriesFailed: number;
  /** Requests the balancers sent again to another replica, over every run with retries. */
  readonly retried: number;
  /** Requests neither answered nor failed, over every run. */
  readonly lost: number;
  /** From the kill to the ejection, the fastest and slowest run: '4–153 ms' ('–' if no replica was ejected). */
  readonly detectRange: string;
  /** Each cut's row, for the prose. */
  readonly monolith: CutSummary;
  readonly microservices: CutSummary;
  readonly nanoservices: CutSummary;
  /** The cuts that kept quotes answering while payments were down, in words. */
  readonly isolatingCuts: string;
  /** The cuts that did not, in words ('no cut' when every one did). */
  readonly nonIsolatingCuts: string;
  /** Processes as microservices over processes as a monolith, for the same replicas: '3×'. */
  readonly processRatio: string;
  /** Processes the microservices need with only the payment unit replicated. */
  readonly microservicesPaymentOnlyProcesses: number;
  /** Whether every fleet answered as one call stack does: 'they did' or 'one did not'. */
  readonly answersMatch: string;
  /** The summary, one row per cut. */
  readonly summaryTable: ResultTable;
  /** The plot's bars: requests failed with payments down, per cut and kind. */
  readonly outageBars: readonly OutageBar[];
  /** Isolation as microservices on each reference system, in a sentence: 'The lab's checkout: six functions in a chain 37%, Online Boutique: placing an order 79% and An Alibaba-like call tree 74%'. */
  readonly referenceMicroIsolation: string;
  /** The same as nanoservices: 'The lab's checkout: … 50%, Online Boutique: … 87% and An Alibaba-like call tree 92%'. */
  readonly referenceNanoIsolation: string;
  /** The monolith's isolation on the reference system where it is highest: '0%' (one process, one crash). */
  readonly referenceMonolithIsolationAtMost: string;
  /** Each system's microservices' isolation as a share of its nanoservices', in a sentence: 'The lab's checkout: … 73%, Online Boutique: … 92% and An Alibaba-like call tree 80%'. */
  readonly referenceMicroShareOfNano: string;
  /** Each system's nanoservices' isolation over its microservices', in a sentence: 'The lab's checkout: … 1.36×, Online Boutique: … 1.09× and An Alibaba-like call tree 1.25×'. */
  readonly referenceNanoOverMicro: string;
  /** The ratio above which nanoservices isolate clearly more than the system's microservices: '1.10×'. */
  readonly isolationThreshold: string;
  /** The reference systems on which nanoservices isolate no more than that, in a sentence ('none of them' when none). */
  readonly referenceNotClearlyMoreIsolated: string;
  /** Operations that share a process with each one as microservices, itself included (mean over operations), in a sentence: 'The lab's checkout: … 2.3, Online Boutique: … 1.6 and An Alibaba-like call tree 5.8'. */
  readonly referenceMicroOperationsPerUnit: string;
  /** The highest share of operations whose unit can crash with the entry request still answering, over every cut of every reference system: '13%'. */
  readonly referenceEntrySurvivesAtMost: string;
  /** That share as microservices on each reference system, in a sentence: 'The lab's checkout: … 0%, Online Boutique: … 0% and An Alibaba-like call tree 4%'. */
  readonly referenceEntrySurvivesMicro: string;
  /** The same as nanoservices: 'The lab's checkout: … 0%, Online Boutique: … 0% and An Alibaba-like call tree 13%'. */
  readonly referenceEntrySurvivesNano: string;
  /** The reference systems on which the entry request survives some unit's crash in some cut, in a sentence ('none of them' when none). */
  readonly referenceEntrySurvivingSystems: string;
  /** The verdict map: each reference system's isolation over its own microservices', across granularity. */
  readonly verdictMap: VerdictMap;
}

const countInterval = (interval: Interval | null) => (interval === null ? '–' : formatInterval(interval, 0));
const shareInterval = (interval: Interval | null) => (interval === null ? '–' : formatInterval({ ...interval, estimate: interval.estimate * 100, low: interval.low * 100, high: interval.high * 100 }, 0, '%'));

/**
 * The figures the page prints, each picked from the result (a missing cut throws, naming it).
 *
 * @example
 * ```ts
 * pageFigures({ result, params: { killAfter: 0.3 } }).monolith.outageQuotesFailed; // '100% [100–100%]'
 * pageFigures({ result, params: { killAfter: 0.3 } }).isolatingCuts; // 'microservices and nanoservices'
 * ```
 */
export function pageFigures(evidence: { readonly result: Result; readonly params: { readonly killAfter: number } }): PageFigures {
  const { result } = evidence;
  const reference = result.referenceSystems;
  const nanoOverMicroIsolation = structureRatios(reference, 'capabilityIsolation', 'nanoservices', 'microservices');
  const cuts = cutsOf(result);
  const mode = (each: BalancerMode) => result.rows.filter((row) => row.mode === each);
  const detected = result.rows.flatMap((row) => (row.detectMs === null ? [] : [row.detectMs]));
  const summaries = cuts.map((shape): CutSummary => {
    const figures = cutFigures(result, shape);
    return {
      shape,
      processes: figures.processes,
      killFailedWithRetry: countInterval(figures.killFailedWithRetry),
      killFailedWithoutRetry: countInterval(figures.killFailedWithoutRetry),
      outageQuotesFailed: shareInterval(figures.outageQuotesFailed),
      outageCheckoutsFailed: shareInterval(figures.outageCheckoutsFailed),
    };
  });
  const summary = (shape: ShapeName) => pickRow(summaries, { shape });
  const isolating = cuts.filter((shape) => isolatesPayments(cutFigures(result, shape)));
  const outageFailedPercent = (shape: ShapeName, kind: RequestKind) => {
    const shares = perRun(result.outages.filter((row) => row.shape === shape && row.kind === kind), failedShare);
    return shares.length ? Math.round(median(shares) * 1000) / 10 : 0;
  };
  return {
    killAfter: formatPercent(evidence.params.killAfter),
    runs: result.runs,
    replicas: result.replicas,
    cuts: formatList(cuts),
    isolationBar: formatPercent(isolatedBelowFailedShare, 1),
    retrySent: sumOf(mode('retry once'), 'sent'),
    retryFailed: sumOf(mode('retry once'), 'failed'),
    noRetriesSent: sumOf(mode('no retries'), 'sent'),
    noRetriesFailed: sumOf(mode('no retries'), 'failed'),
    retried: sumOf(mode('retry once'), 'retried'),
    lost: sumOf(result.rows, 'lost') + sumOf(result.outages, 'lost'),
    detectRange: detected.length ? `${formatNumber(Math.round(Math.min(...detected)))}–${formatMs(Math.max(...detected))}` : '–',
    monolith: summary('monolith'),
    microservices: summary('microservices'),
    nanoservices: summary('nanoservices'),
    isolatingCuts: isolating.length ? formatList(isolating) : 'no cut',
    nonIsolatingCuts: isolating.length === cuts.length ? 'no cut' : formatList(cuts.filter((shape) => !isolating.includes(shape))),
    processRatio: formatRatio(summary('microservices').processes / summary('monolith').processes),
    microservicesPaymentOnlyProcesses: pickRow(result.processCounts, { shape: 'microservices' }).processesPaymentOnly,
    answersMatch: result.answersMatch ? 'they did' : 'one did not',
    summaryTable: {
      title: `Every cut with ${result.replicas} replicas of every unit, ${result.runs} runs each: median [95% interval]`,
      columns: [
        { key: 'shape', label: 'cut' },
        { key: 'processes', label: 'processes' },
        { key: 'killFailedWithRetry', label: 'checkouts failed per payments replica killed, one retry' },
        { key: 'killFailedWithoutRetry', label: '… without retries' },
        { key: 'outageQuotesFailed', label: 'payments down: quotes failed' },
        { key: 'outageCheckoutsFailed', label: 'payments down: checkouts failed' },
      ],
      rows: summaries.map((row) => ({ ...row })),
    },
    outageBars: cuts.flatMap((shape) => requestKinds.map((kind) => ({ shape, kind, failedPercent: outageFailedPercent(shape, kind) }))),
    referenceMicroIsolation: structureByCut(reference, 'capabilityIsolation', 'microservices', true),
    referenceNanoIsolation: structureByCut(reference, 'capabilityIsolation', 'nanoservices', true),
    referenceMonolithIsolationAtMost: formatPercent(Math.max(...reference.systems.map((system) => structureOf(reference, system.name, 'monolith').capabilityIsolation))),
    referenceMicroShareOfNano: formatRatiosBySystem(structureRatios(reference, 'capabilityIsolation', 'microservices', 'nanoservices'), formatPercent),
    referenceNanoOverMicro: formatRatiosBySystem(nanoOverMicroIsolation),
    isolationThreshold: formatRatio(costThreshold),
    referenceNotClearlyMoreIsolated: systemsWhere(reference, (system) => {
      // No ratio: its microservices isolate nothing, so there is no "no more than" to find there.
      const { ratio } = pickRow(nanoOverMicroIsolation, { system });
      return ratio !== null && ratio <= costThreshold;
    }),
    referenceMicroOperationsPerUnit: structureByCut(reference, 'operationsPerDeploy', 'microservices'),
    referenceEntrySurvivesAtMost: formatPercent(Math.max(...reference.cuts.map((row) => row.entrySurvivesUnitCrash))),
    referenceEntrySurvivesMicro: structureByCut(reference, 'entrySurvivesUnitCrash', 'microservices', true),
    referenceEntrySurvivesNano: structureByCut(reference, 'entrySurvivesUnitCrash', 'nanoservices', true),
    referenceEntrySurvivingSystems: systemsWhere(reference, (system) => reference.cuts.some((row) => row.system === system && row.entrySurvivesUnitCrash > 0)),
    verdictMap: referenceSystemsMap(result),
  };
}

/**
 * How far one unit's crash reaches on each reference system, with no replicas: the share of
 * (crashed unit, other operation) pairs in which the other still answers, and the share of operations
 * whose unit can crash while the whole request still answers. Counted from the system files, exact.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[4];
 * // { system: 'Online Boutique: placing an order', cut: 'microservices', units: 9, operationsPerDeploy: '1.6', capabilityIsolation: '79%', entrySurvivesUnitCrash: '0%' }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  return structureTable(result.referenceSystems, 'One unit crashed, no replicas: what still answers, on each reference system (counted from its file)', [
    { figure: 'operationsPerDeploy', label: 'operations in the crashed process (mean)' },
    { figure: 'capabilityIsolation', label: 'other operations that still answer (share of pairs)', share: true },
    { figure: 'entrySurvivesUnitCrash', label: 'operations whose unit can crash with the whole request still answering (share)', share: true },
  ]);
}

/**
 * The verdict map: each reference system's capability isolation over that of its own microservices,
 * across granularity. Above the rule's 1.1× the finer cut keeps clearly more of the system answering
 * when one unit crashes; the monolith, one process, sits at zero.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[0].points; // [{ x: 1, estimate: 1.36 }, { x: 2, estimate: 1 }, { x: 6, estimate: 0 }]: the checkout
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'capabilityIsolation',
    relativeTo: 'microservices',
    title: 'What keeps answering when one unit crashes, against each system’s own microservices, as the cut gets finer',
    yLabel: 'capability isolation ÷ its microservices’',
    threshold: costThreshold,
    aboveThreshold: 'the finer cut keeps clearly more of the system answering than its microservices',
    belowThreshold: 'no clearly more than the microservices (the monolith: nothing)',
  });
}

/**
 * Each replica kill's counts, as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * killRunTable(result).rows[0]; // { shape: 'monolith', mode: 'no retries', run: 1, sent: 600, succeeded: 596, failed: 4, ... }
 * ```
 */
export function killRunTable(result: RedundancyResult): ResultTable {
  return {
    title: `${result.replicas} replicas of every unit behind health-checked balancers, one replica of the ${faultedCapability.name} unit killed with SIGKILL under load`,
    columns: [
      { key: 'shape', label: 'cut' },
      { key: 'mode', label: 'balancer' },
      { key: 'run', label: 'run' },
      { key: 'sent', label: 'sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
      { key: 'lost', label: 'lost' },
      { key: 'retried', label: 'retried' },
      { key: 'detectMs', label: 'kill → ejection, ms' },
      { key: 'ejectedReplicas', label: 'ejected' },
      { key: 'requestsPerSecond', label: 'req/s' },
    ],
    rows: result.rows.map((row) => ({ ...row, stoppedEarly: row.stoppedEarly ? 'yes' : 'no' })),
  };
}

/**
 * Each outage run's counts: every replica of the payments unit killed, then checkouts and quotes sent.
 *
 * @example
 * ```ts
 * outageTable(result).rows[0]; // { shape: 'monolith', run: 1, kind: 'checkout', sent: 200, succeeded: 0, failed: 200, ... }
 * ```
 */
export function outageTable(result: RedundancyResult): ResultTable {
  return {
    title: `Every replica of the ${faultedCapability.name} unit killed: checkouts (need ${faultedCapability.name}) and quotes (do not)`,
    columns: [
      { key: 'shape', label: 'cut' },
      { key: 'run', label: 'run' },
      { key: 'kind', label: 'request' },
      { key: 'sent', label: 'sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
      { key: 'lost', label: 'lost' },
    ],
    rows: result.outages.map((row) => ({ ...row, stoppedEarly: row.stoppedEarly ? 'yes' : 'no', paymentsEjected: row.paymentsEjected ? 'yes' : 'no' })),
  };
}

/**
 * The processes each shape needs to replicate every unit, and to replicate only the payment unit.
 *
 * @example
 * ```ts
 * processCountTable(result).rows.map((r) => r.processes); // [3, 9, 18]
 * ```
 */
export function processCountTable(result: RedundancyResult): ResultTable {
  return {
    title: `Processes for ${result.replicas} replicas of every unit, per shape`,
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'replicas', label: 'replicas' },
      { key: 'processes', label: 'processes (replicas × units)' },
      { key: 'balancedPools', label: 'balanced pools' },
      { key: 'processesPaymentOnly', label: 'processes, payment unit only replicated' },
    ],
    rows: result.processCounts.map((row) => ({ ...row })),
  };
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/micro-redundancy.json when the site is built, through
 * examples/claims/key-figures.ts). As `findingFor` decides: the checkouts that failed with one retry
 * when a payments replica died, summed over every cut and run (or which cuts survived, when not all
 * did), then fault isolation, which the because-sentence names beside it: the median share of quotes
 * that failed while payments were down, in the monolith and as microservices. Null for a run that
 * cannot be judged (`runProblem`) or did not deploy the microservices.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'with one retry 0 of 9,000 checkouts failed when one of 3 payments replicas died, in every cut; payments down, quotes failed 100% in the monolith, 0% as microservices'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.rows || !result.outages || !result.processCounts) return null;
  const cuts = cutsOf(result);
  if (runProblem(result) !== null || !cuts.includes('microservices') || !cuts.every((shape) => result.processCounts.some((row) => row.shape === shape))) return null;
  const figures = new Map(cuts.map((shape) => [shape, cutFigures(result, shape)]));
  const micro = figures.get('microservices') as CutFigures;
  const survivors = cuts.filter((shape) => survived(figures.get(shape)?.killFailedWithRetry ?? null));
  const retried = result.rows.filter((row) => row.mode === 'retry once');
  const kills =
    survivors.length === cuts.length
      ? `with one retry ${sumOf(retried, 'failed')} of ${formatNumber(sumOf(retried, 'sent'))} checkouts failed when one of ${result.replicas} ${faultedCapability.name} replicas died, in every cut`
      : survivors.includes('microservices')
        ? `only the ${formatList(survivors)} lost no checkout when one of ${result.replicas} ${faultedCapability.name} replicas died, with one retry`
        : `as microservices a median ${micro.killFailedWithRetry?.estimate ?? '–'} checkouts failed per ${faultedCapability.name} replica killed (of ${result.replicas}), even with one retry`;
  const monolith = figures.get('monolith');
  const isolation = monolith
    ? `; ${faultedCapability.name} down, quotes failed ${formatPercent(monolith.outageQuotesFailed?.estimate)} in the monolith, ${formatPercent(micro.outageQuotesFailed?.estimate)} as microservices`
    : '';
  return `${kills}${isolation}`;
}
