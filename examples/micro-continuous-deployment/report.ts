import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { exactly, formatInterval, intervalOf } from '../lab/measure/interval.ts';
import { median } from '../lab/measure/stats.ts';
import { formatList, formatPercent } from '../lab/report/format.ts';
import { findRow, pickRow, sumOf } from '../lab/report/pick.ts';
import { structureByCut, structureMap, structureOf, structureTable } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/**
 * How v1 is replaced by v2. `rolling`: one replica at a time, a v2 replica started before a v1
 * replica is taken out (surge 1, none unavailable). `recreate`: every v1 replica stopped, then v2 started.
 */
export type RolloutStrategy = 'rolling' | 'recreate';

/** What one scenario is: which unit of which shape is rolled, over how many replicas, how. */
interface RolloutScenario {
  /** The scenario's name, e.g. `microservices · billing ×2 · rolling, gated`. */
  readonly scenario: string;
  readonly shape: ShapeName;
  /** The unit rolled out, and the checkout functions it holds (the code that ships). */
  readonly unit: string;
  readonly functionsShipped: number;
  readonly replicas: number;
  readonly strategy: RolloutStrategy;
  /** Whether a v2 replica got traffic only after its /readyz answered 200. */
  readonly readinessGate: boolean;
}

/** What a rollout (or, summed over runs, a scenario) did to the checkouts and the replicas. */
interface RolloutCounts {
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Requests the rolled unit's balancer forwarded to each version during the run. */
  readonly servedByV1: number;
  readonly servedByV2: number;
  /** Replicas behind the rolled unit's balancer at the end, and how many run v2. */
  readonly replicasAfter: number;
  readonly v2After: number;
  /** Processes running at the peak of the rollout (all units and replicas of the shape). */
  readonly peakProcesses: number;
  /** From the first step of the rollout until the last v1 replica exited, ms. */
  readonly rolloutMs: number;
  /** From the first failed checkout to the last, ms (0 if none failed). */
  readonly failureWindowMs: number;
  /** Exit codes of the v1 replicas after their SIGTERM. */
  readonly v1Exits: readonly string[];
}

/** One rollout of one unit from v1 to v2 while checkouts flow: one run of one scenario. */
export interface RolloutRow extends RolloutScenario, RolloutCounts {
  /** Which run of the scenario, from 1. */
  readonly run: number;
  /** From spawning a v2 replica to its "ready" log line (boot, then the warm-up), ms; the median over the run's v2 replicas, -1 if none logged it. */
  readonly v2ReadyMs: number;
}

/**
 * One scenario over every run: counts summed (exits listed), replicas after the rollout the fewest
 * any run left, peak processes the most, times the median of the runs.
 */
export interface RolloutSummary extends RolloutScenario, RolloutCounts {
  /** Runs summed. */
  readonly runs: number;
}

/** The whole result of a micro-continuous-deployment run: plain JSON. */
export interface ContinuousDeploymentResult {
  /** The warm-up every v2 replica was given (assumed, the same for every shape), ms. */
  readonly warmupMs: number;
  /** Every rollout, run by run. */
  readonly runs: readonly RolloutRow[];
  /** Each scenario over its runs, in the order the scenarios ran. */
  readonly rows: readonly RolloutSummary[];
  /** What one change rolls out in the reference systems' cuts, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/**
 * Sums each scenario's runs into one row: counts added, exits listed, the fewest replicas on v2 any
 * run left, the most processes at once, and the median rollout and failure window.
 *
 * @example
 * ```ts
 * combineRuns(runs)[0]; // { scenario: 'microservices · billing ×2 · rolling, gated', runs: 5, sent: 2685, failed: 0, ... }
 * ```
 */
export function combineRuns(runs: readonly RolloutRow[]): RolloutSummary[] {
  const scenarios = [...new Set(runs.map((row) => row.scenario))];
  return scenarios.map((scenario) => {
    const rows = runs.filter((row) => row.scenario === scenario);
    const first = rows[0] as RolloutRow;
    return {
      scenario,
      shape: first.shape,
      unit: first.unit,
      functionsShipped: first.functionsShipped,
      replicas: first.replicas,
      strategy: first.strategy,
      readinessGate: first.readinessGate,
      runs: rows.length,
      sent: sumOf(rows, 'sent'),
      succeeded: sumOf(rows, 'succeeded'),
      failed: sumOf(rows, 'failed'),
      servedByV1: sumOf(rows, 'servedByV1'),
      servedByV2: sumOf(rows, 'servedByV2'),
      replicasAfter: Math.min(...rows.map((row) => row.replicasAfter)),
      v2After: Math.min(...rows.map((row) => row.v2After)),
      peakProcesses: Math.max(...rows.map((row) => row.peakProcesses)),
      rolloutMs: Math.round(median(rows.map((row) => row.rolloutMs))),
      failureWindowMs: Math.round(median(rows.map((row) => row.failureWindowMs)) * 10) / 10,
      v1Exits: rows.flatMap((row) => row.v1Exits),
    };
  });
}

/** The scaffolded claims' name for the result of a run. */
export type Result = ContinuousDeploymentResult;

/**
 * Every figure the page's prose prints, read out of the result. "The microservice" is the gated
 * rolling update of the billing service; "the monolith" the gated rolling update over two replicas.
 * Counts are summed over the runs; times are the median of the runs with their 95% interval.
 */
export interface PageFigures {
  /** Independent rollouts of each scenario. */
  readonly runs: number;
  /** The warm-up every v2 replica was given, assumed and the same for every shape, ms. */
  readonly warmupMs: number;
  /** Replicas of the billing service rolled. */
  readonly microReplicas: number;
  /** How long the billing service's rollout took, the median of the runs with its interval: '1083 ms [1050–1110 ms]'. */
  readonly microRollout: string;
  /** Checkouts that failed during the billing service's rollouts. */
  readonly microFailed: number;
  /** Checkouts sent during the billing service's rollouts. */
  readonly microSent: number;
  /** Requests the billing balancer forwarded to v1 during its rollouts. */
  readonly microServedByV1: number;
  /** Requests the billing balancer forwarded to v2 during its rollouts. */
  readonly microServedByV2: number;
  /** Billing replicas running v2 after the rollout, the fewest any run left. */
  readonly microV2After: number;
  /** Billing replicas behind the balancer after the rollout, the fewest any run left. */
  readonly microReplicasAfter: number;
  /** The sentence on the nanoservice's rollouts, with a leading space; empty when the run left it out. Plain text: a page prints a string's backticks as they are. */
  readonly nanoSentence: string;
  /** Checkouts that failed during the monolith's rollouts over two replicas. */
  readonly monoFailed: number;
  /** Checkouts sent during the monolith's rollouts over two replicas. */
  readonly monoSent: number;
  /** Replicas of the monolith in that rollout. */
  readonly monoReplicas: number;
  /** The clause on the single-replica monolith's failed checkouts, with a leading ' and'; empty when the run left it out. */
  readonly monoSingleReplicaClause: string;
  /** Checkout functions shipped with the billing service. */
  readonly microFunctionsShipped: number;
  /** Checkout functions shipped with the monolith. */
  readonly monoFunctionsShipped: number;
  /** Checkouts that failed during the billing service's rollouts without the readiness gate. */
  readonly ungatedFailed: number;
  /** Checkouts sent during those ungated rollouts. */
  readonly ungatedSent: number;
  /** The share of checkouts that failed per ungated rollout, the median of the runs with its interval: '33% [25–40%]'. */
  readonly ungatedFailedShare: string;
  /** From the first failed checkout of an ungated rollout to the last, the median of the runs with its interval: '492 ms [480–505 ms]'. */
  readonly ungatedFailureWindow: string;
  /** Checkouts that failed while the single monolith was restarted in place. */
  readonly recreateFailed: number;
  /** Checkouts sent while the single monolith was restarted in place. */
  readonly recreateSent: number;
  /** From the first failed checkout of the restart in place to the last, the median of the runs with its interval: '502 ms [498–510 ms]'. */
  readonly recreateFailureWindow: string;
  /** From spawning a v2 replica to its "ready" log line, per shape rolled with the gate: '352 ms [348–357 ms] for the monolith, ...'. */
  readonly readyPerShape: string;
  /** The same less the assumed warm-up, for the shape that booted slowest and the one that booted fastest: '38–55 ms'. */
  readonly bootRange: string;
  /** Processes running at the peak of the billing service's rollout. */
  readonly microPeakProcesses: number;
  /** Processes running at the peak of the monolith's rollout over two replicas. */
  readonly monoPeakProcesses: number;
  /** The clause on the single-replica monolith's peak processes, with a leading ' and'; empty when the run left it out. */
  readonly monoSingleReplicaPeakClause: string;
  /** Processes running at the peak of the restart in place. */
  readonly recreatePeakProcesses: number;
  /** Operations the monolith rolls out for any change on each reference system, in a sentence: 'The lab's checkout: six functions in a chain 6, … and An Alibaba-like call tree 24'. */
  readonly referenceMonolithOperations: string;
  /** Operations one change rolls out in each system's microservices (mean over operations), in a sentence: '… 2.3, … 1.6 and … 5.8'. */
  readonly referenceMicroOperations: string;
  /** The share of the system one change rolls out in each system's microservices, in a sentence: '… 39%, … 12% and … 24%'. */
  readonly referenceMicroShares: string;
  /** The same for the nanoservices: '… 17%, … 8% and … 4%'. */
  readonly referenceNanoShares: string;
  /** The smallest share of the system the monolith rolls out for a change on any reference system ('100%': it is one unit). */
  readonly referenceMonolithShare: string;
  /** The verdict map: the share of the system one change rolls out, across granularity, on each reference system. */
  readonly verdictMap: VerdictMap;
}

const gatedRolling = { strategy: 'rolling', readinessGate: true } as const;

/** The runs of one scenario, chosen like a row of the summary. */
const runsOf = (result: Result, summary: RolloutSummary) => result.runs.filter((row) => row.scenario === summary.scenario);

/** The median of the runs' values with its interval, in milliseconds, as the page prints it. */
const msInterval = (values: readonly number[]) => formatInterval(intervalOf(values), 0, ' ms');

/** The share of checkouts that failed in each run, in percent. */
const failedShares = (rows: readonly RolloutRow[]) => rows.map((row) => (row.sent ? (100 * row.failed) / row.sent : 0));

/**
 * The figures the page prints, each picked from the result (a missing row throws, naming it; the
 * nanoservice and the single-replica monolith are optional, and their sentences are empty without
 * them). Intervals need at least five runs: a result with fewer throws, as the page must not print one.
 *
 * @example
 * ```ts
 * pageFigures(result).microRollout; // '1083 ms [1050–1110 ms]'
 * pageFigures(result).nanoSentence; // ' The nanoservice holding calculateTax did the same: 0 of 1860 failed.'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const micro = pickRow(result.rows, { ...gatedRolling, shape: 'microservices' });
  const mono = pickRow(result.rows, { ...gatedRolling, shape: 'monolith', replicas: 2 });
  const ungated = pickRow(result.rows, { shape: 'microservices', strategy: 'rolling', readinessGate: false });
  const recreate = pickRow(result.rows, { shape: 'monolith', strategy: 'recreate', readinessGate: true });
  const nano = findRow(result.rows, { ...gatedRolling, shape: 'nanoservices' });
  const monoSingle = findRow(result.rows, { ...gatedRolling, shape: 'monolith', replicas: 1 });
  const shapesRolled = (['monolith', 'microservices', 'nanoservices'] as const).filter((shape) => result.runs.some((row) => row.shape === shape && row.strategy === 'rolling' && row.readinessGate));
  const ready = shapesRolled.map((shape) => {
    const values = result.runs.filter((row) => row.shape === shape && row.strategy === 'rolling' && row.readinessGate && row.v2ReadyMs >= 0).map((row) => row.v2ReadyMs);
    return { shape, interval: intervalOf(values) };
  });
  const boots = ready.map(({ interval }) => interval.estimate - result.warmupMs);
  return {
    runs: micro.runs,
    warmupMs: result.warmupMs,
    microReplicas: micro.replicas,
    microRollout: msInterval(runsOf(result, micro).map((row) => row.rolloutMs)),
    microFailed: micro.failed,
    microSent: micro.sent,
    microServedByV1: micro.servedByV1,
    microServedByV2: micro.servedByV2,
    microV2After: micro.v2After,
    microReplicasAfter: micro.replicasAfter,
    nanoSentence: nano ? ` The nanoservice holding ${nano.unit} did the same: ${nano.failed} of ${nano.sent} failed.` : '',
    monoFailed: mono.failed,
    monoSent: mono.sent,
    monoReplicas: mono.replicas,
    monoSingleReplicaClause: monoSingle
      ? ` and ${monoSingle.failed} of ${monoSingle.sent} with a single replica, since the v2 replica starts and becomes ready before the only v1 replica stops`
      : '',
    microFunctionsShipped: micro.functionsShipped,
    monoFunctionsShipped: mono.functionsShipped,
    ungatedFailed: ungated.failed,
    ungatedSent: ungated.sent,
    ungatedFailedShare: formatInterval(intervalOf(failedShares(runsOf(result, ungated))), 0, '%'),
    ungatedFailureWindow: msInterval(runsOf(result, ungated).map((row) => row.failureWindowMs)),
    recreateFailed: recreate.failed,
    recreateSent: recreate.sent,
    recreateFailureWindow: msInterval(runsOf(result, recreate).map((row) => row.failureWindowMs)),
    readyPerShape: formatList(ready.map(({ shape, interval }) => `${formatInterval(interval, 0, ' ms')} for the ${shape}`)),
    bootRange: `${Math.round(Math.min(...boots))}–${Math.round(Math.max(...boots))} ms`,
    microPeakProcesses: micro.peakProcesses,
    monoPeakProcesses: mono.peakProcesses,
    monoSingleReplicaPeakClause: monoSingle ? ` and ${monoSingle.peakProcesses} with one` : '',
    recreatePeakProcesses: recreate.peakProcesses,
    referenceMonolithOperations: structureByCut(result.referenceSystems, 'operationsPerDeploy', 'monolith'),
    referenceMicroOperations: structureByCut(result.referenceSystems, 'operationsPerDeploy', 'microservices'),
    referenceMicroShares: structureByCut(result.referenceSystems, 'unitShareOfSystem', 'microservices', true),
    referenceNanoShares: structureByCut(result.referenceSystems, 'unitShareOfSystem', 'nanoservices', true),
    referenceMonolithShare: formatPercent(Math.min(...result.referenceSystems.systems.map((system) => structureOf(result.referenceSystems, system.name, 'monolith').unitShareOfSystem)), 0),
    verdictMap: referenceSystemsMap(result),
  };
}

/**
 * What one change rolls out on each reference system, per cut: the operations its unit holds, and
 * what share of the system that is. Counted from the system files.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[7];
 * // { system: 'An Alibaba-like call tree', cut: 'microservices', units: 7, operationsPerDeploy: '5.8', unitShareOfSystem: '24%' }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  return structureTable(result.referenceSystems, 'What one change rolls out, on each reference system (counted from its file)', [
    { figure: 'operationsPerDeploy', label: 'operations rolled out per change (mean)' },
    { figure: 'unitShareOfSystem', label: 'share of the system rolled out per change (mean; 100% = all of it)', share: true },
  ]);
}

/**
 * The verdict map: the share of the system one change rolls out, across granularity. On the line at 1
 * every change rolls out the whole system, as a monolith's does; below it a change rolls out only its
 * unit. The line marks how much a rollout carries, not whether it can go out without downtime.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[1].points; // [{ x: 1, estimate: 0.077 }, { x: 1.44, estimate: 0.12 }, { x: 13, estimate: 1 }]: Online Boutique
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'unitShareOfSystem',
    title: 'Share of the system one change rolls out, as the cut gets finer',
    yLabel: 'operations rolled out ÷ operations of the system',
    // 1 is "every change rolls out everything", the monolith's case: the only structural difference
    // between the cuts that bears on a rollout. The gated rollouts above decide the verdict, not this line.
    threshold: 1,
    aboveThreshold: 'nothing (a share cannot pass the line); on the line every change rolls out the whole system, as the monolith’s does',
    belowThreshold: 'a change rolls out only its own unit: less to test and to roll back, though the rollout needs the same gate and spare replica',
  });
}

/**
 * The rollouts, one row per scenario.
 *
 * @example
 * ```ts
 * rolloutTable(result).rows[0]; // { scenario: 'microservices · billing ×2 · rolling, gated', failed: 0, ... }
 * ```
 */
export function rolloutTable(result: ContinuousDeploymentResult): ResultTable {
  return {
    title: 'Rolling out v2 while checkouts flow, each scenario summed over its runs',
    columns: [
      { key: 'scenario', label: 'scenario' },
      { key: 'runs', label: 'runs' },
      { key: 'replicas', label: 'replicas' },
      { key: 'functionsShipped', label: 'functions shipped' },
      { key: 'sent', label: 'sent' },
      { key: 'failed', label: 'failed' },
      { key: 'served', label: 'served by v1 / v2' },
      { key: 'after', label: 'v2 replicas after' },
      { key: 'peakProcesses', label: 'peak processes' },
      { key: 'rolloutMs', label: 'rollout, ms (median)' },
      { key: 'failureWindowMs', label: 'failing for, ms (median)' },
      { key: 'v1Exits', label: 'v1 exits' },
    ],
    rows: result.rows.map((row) => ({
      scenario: row.scenario,
      runs: row.runs,
      replicas: row.replicas,
      functionsShipped: row.functionsShipped,
      sent: row.sent,
      failed: row.failed,
      served: `${row.servedByV1} / ${row.servedByV2}`,
      after: `${row.v2After} of ${row.replicasAfter}`,
      peakProcesses: row.peakProcesses,
      rolloutMs: row.rolloutMs,
      failureWindowMs: row.failureWindowMs,
      v1Exits: exitCounts(row.v1Exits),
    })),
  };
}

/**
 * Exit codes as counts, most frequent first.
 *
 * @example
 * ```ts
 * exitCounts(['0', '0', 'SIGKILL']); // '2 × 0, 1 × SIGKILL'
 * ```
 */
export function exitCounts(exits: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const exit of exits) counts.set(exit, (counts.get(exit) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([exit, count]) => `${count} × ${exit}`).join(', ');
}

/** A rollout (or every run of a scenario) that changed every replica to v2 without a failed checkout while both versions served. */
export const clean = (row: RolloutRow | RolloutSummary) =>
  row.failed === 0 && row.sent > 0 && row.v2After === row.replicas && row.replicasAfter === row.replicas && row.servedByV1 > 0 && row.servedByV2 > 0 && row.v1Exits.every((exit) => exit === '0');

/**
 * What the rollouts found, in the terms of the verdict rule. The benefit the claim names: a release
 * that goes out automatically while customers check out, none of them noticing. A shape shows it when
 * every gated rolling update of it, in every run, was {@link clean}: a count of failed checkouts that
 * must be zero every time, so it needs no interval. When every shape shows it, the rollout machinery
 * (readiness gate, surge replica, drain) makes the deployment continuous, not the cut (misattributed).
 * The price stated is processes at the peak of the rollout, the microservices' against the monolith's
 * with two replicas (a count). The because-sentence gives the control without the gate as the
 * median share of failed checkouts with its interval when there are five runs or more, as a count
 * otherwise. A run without a gated rolling update of the microservices throws.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'microservices', shownBy: { microservices: true, nanoservices: true, monolith: true },
 * //   cost: { what: 'processes at the peak ...', ratio: { estimate: 1.67, ... } }, because: 'a gated rolling update lost 0 of 9870 checkouts in every cut ...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const gated = (shape: ShapeName) => result.runs.filter((row) => row.shape === shape && row.strategy === 'rolling' && row.readinessGate);
  const compared = (['monolith', 'microservices', 'nanoservices'] as const).filter((shape) => gated(shape).length > 0);
  if (!compared.includes('microservices')) throw new Error('the run rolled out no microservice with a readiness gate: nothing to decide from');
  const shownBy = Object.fromEntries(compared.map((shape) => [shape, gated(shape).every(clean)]));
  const monoPeak = Math.max(0, ...gated('monolith').map((row) => row.peakProcesses));
  const microPeak = Math.max(...gated('microservices').map((row) => row.peakProcesses));
  const cost = monoPeak > 0 ? { cost: { what: 'processes at the peak of a rolling update, the microservices’ against the monolith’s', ratio: exactly(microPeak / monoPeak) } } : {};
  const runCount = Math.min(...compared.map((shape) => new Set(gated(shape).map((row) => row.run)).size));
  const runs = `${runCount} run${runCount === 1 ? '' : 's'} each`;
  const allGated = compared.flatMap(gated);
  const ungated = result.runs.filter((row) => row.shape === 'microservices' && !row.readinessGate);
  const control = ungated.length === 0 ? '' : `; without the readiness gate ${ungated.length >= 5 ? `${formatInterval(intervalOf(failedShares(ungated)), 0, '%')}` : `${sumOf(ungated, 'failed')} of ${sumOf(ungated, 'sent')}`} failed`;
  if (compared.every((shape) => shownBy[shape])) {
    return { credited: 'microservices', shownBy, ...cost, because: `a gated rolling update lost ${sumOf(allGated, 'failed')} of ${sumOf(allGated, 'sent')} checkouts in every cut (${runs})${control}` };
  }
  const failedIn = compared.map((shape) => `${sumOf(gated(shape), 'failed')} of ${sumOf(gated(shape), 'sent')} for the ${shape}`);
  return { credited: 'microservices', shownBy, ...cost, because: `gated rolling updates lost ${formatList(failedIn)} (${runs})` };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'a gated rolling update lost 0 of 9870 checkouts ...', rule: 'every cut compared shows it (...)' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/micro-continuous-deployment.json when the site is built, through
 * examples/claims/key-figures.ts). As the because-sentence, over every run: the checkouts a gated
 * rolling update lost in each cut, the control without the readiness gate (the median share of failed
 * checkouts with its interval from five runs, a count below), and the price, processes at the peak as
 * microservices against the monolith. Null when the run rolled out no microservice with a readiness gate.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'a gated rolling update lost 0 of 9870 checkouts in every cut (5 runs each); without the readiness gate 12% [9–15%] failed; 5 processes at its peak as microservices vs 3 for the monolith'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const gated = (shape: ShapeName) => result.runs?.filter((row) => row.shape === shape && row.strategy === 'rolling' && row.readinessGate) ?? [];
  const compared = (['monolith', 'microservices', 'nanoservices'] as const).filter((shape) => gated(shape).length > 0);
  if (!compared.includes('microservices')) return null;
  const runCount = Math.min(...compared.map((shape) => new Set(gated(shape).map((row) => row.run)).size));
  const runs = `${runCount} run${runCount === 1 ? '' : 's'} each`;
  const lost = compared.every((shape) => gated(shape).every(clean))
    ? `a gated rolling update lost ${sumOf(compared.flatMap(gated), 'failed')} of ${sumOf(compared.flatMap(gated), 'sent')} checkouts in every cut (${runs})`
    : `gated rolling updates lost checkouts: ${formatList(compared.map((shape) => `${sumOf(gated(shape), 'failed')} of ${sumOf(gated(shape), 'sent')} for the ${shape}`))} (${runs})`;
  const ungated = result.runs.filter((row) => row.shape === 'microservices' && !row.readinessGate);
  const control = ungated.length === 0 ? '' : `; without the readiness gate ${ungated.length >= 5 ? formatInterval(intervalOf(failedShares(ungated)), 0, '%') : `${sumOf(ungated, 'failed')} of ${sumOf(ungated, 'sent')}`} failed`;
  const monoPeak = Math.max(0, ...gated('monolith').map((row) => row.peakProcesses));
  const microPeak = Math.max(...gated('microservices').map((row) => row.peakProcesses));
  const price = monoPeak > 0 ? `; ${microPeak} processes at its peak as microservices vs ${monoPeak} for the monolith` : '';
  return `${lost}${control}${price}`;
}
