import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyBelow, exactly, formatInterval, minimumRuns, ratioInterval, type Interval } from '../lab/measure/interval.ts';
import { formatBytes, formatMs, formatPercent } from '../lab/report/format.ts';
import { pickRow, sumOf } from '../lab/report/pick.ts';
import type { ReplaceStrategy } from './fleet.ts';

/** The two shapes compared: the same three business modules, in one deploy unit or in three. */
export type DeployShapeName = 'modular-monolith' | 'microservices';
/** The business modules a change can touch (the microservices' units, the modular monolith's modules). */
export type ModuleName = 'cart' | 'billing' | 'receipts';

/** Every redeploy of one unit, for a change to one module, with one strategy, in one shape, over the rounds. */
export interface RedeployRow {
  readonly shape: DeployShapeName;
  readonly module: ModuleName;
  readonly strategy: ReplaceStrategy;
  /** The deploy unit that holds the module: the one replaced. */
  readonly unit: string;
  /** Redeploys measured (one per round). */
  readonly redeploys: number;
  /** Processes the shape runs, and the most that a single redeploy replaced (PID or start time changed). */
  readonly processesTotal: number;
  readonly processesReplaced: number;
  /** Processes of other units: how many there are, and how many times, over all redeploys, one of them was restarted anyway. */
  readonly untouchedProcesses: number;
  readonly untouchedRestarted: number;
  /** Checkout functions in the changed module, in the replaced unit, and in the whole shape. */
  readonly moduleFunctions: number;
  readonly functionsRedeployed: number;
  readonly functionsTotal: number;
  /** Bytes of the replaced unit's bundle, and of every bundle of the shape. */
  readonly bytesRedeployed: number;
  readonly bytesTotal: number;
  /** Bytes of checkout functions in the replaced bundle, and in all the shape's bundles (the business code, without its dependencies). */
  readonly functionBytesRedeployed: number;
  readonly functionBytesTotal: number;
  /** Median wall time of a redeploy: until the new process is listed and the old one has exited, ms. */
  readonly redeployMs: number;
  /** The wall time of each redeploy, ms, in round order: one independent redeploy per round. */
  readonly redeployMsByRound: readonly number[];
  /** Median time the unit's balancer had no process to send to, ms (0 when the new one starts first). */
  readonly unlistedMs: number;
  /** After every redeploy, /proc showed the unit running the new artifact and a checkout returned the reference receipt. */
  readonly newReleaseServing: boolean;
  /** Exit of each old process after its SIGTERM. */
  readonly oldExits: readonly string[];
  /** Checkouts sent during the redeploys, and how they ended. */
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Longest stretch from a first to a last failed checkout in one redeploy, ms. */
  readonly failureWindowMs: number;
  /** Checkouts sent during each redeploy, and how many of them failed, in round order. */
  readonly sentByRound: readonly number[];
  readonly failedByRound: readonly number[];
}

/** What a shape keeps in place whatever changes: derived from the shape the experiment deploys. */
export interface ShapeCostRow {
  readonly shape: DeployShapeName;
  /** Deploy units, each needing its own build, artifact and release (its own pipeline). */
  readonly deployUnits: number;
  /** Calls that cross units: network APIs that must stay compatible while their two ends are released apart. */
  readonly networkContracts: number;
  /** Calls that cross modules inside one unit: boundaries checked at build time, released together. */
  readonly inProcessBoundaries: number;
  /** Bytes of all the shape's bundles. */
  readonly bundleBytes: number;
}

/** The whole result of a run: plain JSON. */
export interface Result {
  readonly rounds: number;
  /** Clients keeping checkouts in flight during each redeploy. */
  readonly concurrency: number;
  /** Each client starts a checkout this often, ms, whatever became of the last one. */
  readonly intervalMs: number;
  /** How long a process taken out of its balancer runs on before its SIGTERM, ms. */
  readonly drainMs: number;
  readonly rows: readonly RedeployRow[];
  readonly shapes: readonly ShapeCostRow[];
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const share = (part: number, whole: number) => formatPercent(whole > 0 ? part / whole : null, 1);
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const rowsOf = (result: Result, shape: DeployShapeName, strategy?: ReplaceStrategy) =>
  result.rows.filter((row) => row.shape === shape && (strategy === undefined || row.strategy === strategy));

/**
 * One row per change and shape, over both strategies: what had to be replaced, and what was not.
 *
 * @example
 * ```ts
 * changeTable(result).rows[1]; // { change: 'billing', shape: 'microservices', replaced: '1 of 3', functions: '2 of 6', ... }
 * ```
 */
export function changeTable(result: Result): ResultTable {
  const modules = [...new Set(result.rows.map((row) => row.module))];
  const shapes = [...new Set(result.rows.map((row) => row.shape))];
  return {
    title: 'What a change to one module replaces',
    columns: [
      { key: 'change', label: 'change to' },
      { key: 'shape', label: 'shape' },
      { key: 'unit', label: 'unit replaced' },
      { key: 'replaced', label: 'processes replaced' },
      { key: 'untouched', label: 'other processes restarted' },
      { key: 'functions', label: 'functions redeployed' },
      { key: 'bundleKiB', label: 'bundle redeployed, KiB' },
      { key: 'bytesShare', label: 'share of the shape’s bundles, %' },
      { key: 'functionBytesShare', label: 'share of the business code, %' },
      { key: 'redeployMs', label: 'redeploy, ms' },
      { key: 'serving', label: 'new release serving' },
    ],
    rows: modules.flatMap((module) =>
      shapes.flatMap((shape) => {
        const rows = result.rows.filter((row) => row.module === module && row.shape === shape);
        const first = rows.find((row) => row.strategy === 'start-then-stop') ?? rows[0];
        if (!first) return [];
        const redeploys = rows.reduce((sum, row) => sum + row.redeploys, 0);
        const restarted = rows.reduce((sum, row) => sum + row.untouchedRestarted, 0);
        return [
          {
            change: module,
            shape,
            unit: first.unit,
            replaced: `${Math.max(...rows.map((row) => row.processesReplaced))} of ${first.processesTotal}`,
            untouched: first.untouchedProcesses === 0 ? 'none to keep' : `${restarted} times in ${redeploys} redeploys (of ${first.untouchedProcesses})`,
            functions: `${first.functionsRedeployed} of ${first.functionsTotal}`,
            bundleKiB: kib(first.bytesRedeployed),
            bytesShare: percent(first.bytesRedeployed, first.bytesTotal),
            functionBytesShare: percent(first.functionBytesRedeployed, first.functionBytesTotal),
            redeployMs: Math.round(first.redeployMs),
            serving: rows.every((row) => row.newReleaseServing) ? 'yes' : 'no',
          },
        ];
      }),
    ),
  };
}

/**
 * One row per change, shape and strategy: the checkouts that ran during the redeploys.
 *
 * @example
 * ```ts
 * loadTable(result).rows[0]; // { change: 'cart', shape: 'modular-monolith', strategy: 'start-then-stop', failed: 0, ... }
 * ```
 */
export function loadTable(result: Result): ResultTable {
  return {
    title: `Checkouts during the redeploys (${result.concurrency} clients, one checkout each every ${result.intervalMs} ms; ${result.rounds} redeploy${result.rounds > 1 ? 's' : ''} per row)`,
    columns: [
      { key: 'change', label: 'change to' },
      { key: 'shape', label: 'shape' },
      { key: 'strategy', label: 'replacement' },
      { key: 'sent', label: 'checkouts sent' },
      { key: 'failed', label: 'failed' },
      { key: 'failedShare', label: 'failed, %' },
      { key: 'unlistedMs', label: 'unit without a process, ms' },
      { key: 'failureWindowMs', label: 'failing for, ms' },
      { key: 'oldExits', label: 'old process exits' },
    ],
    rows: result.rows.map((row) => ({
      change: row.module,
      shape: row.shape,
      strategy: row.strategy,
      sent: row.sent,
      failed: row.failed,
      failedShare: percent(row.failed, row.sent),
      unlistedMs: Math.round(row.unlistedMs),
      failureWindowMs: Math.round(row.failureWindowMs),
      oldExits: [...new Set(row.oldExits)].join(' '),
    })),
  };
}

/**
 * What each shape keeps in place for every release, whatever the change.
 *
 * @example
 * ```ts
 * shapeCostTable(result).rows[1]; // { shape: 'microservices', deployUnits: 3, networkContracts: 2, ... }
 * ```
 */
export function shapeCostTable(result: Result): ResultTable {
  return {
    title: 'What each shape maintains, whatever the change',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'deployUnits', label: 'deploy units (pipelines)' },
      { key: 'networkContracts', label: 'network APIs between units' },
      { key: 'inProcessBoundaries', label: 'module boundaries crossed in process' },
      { key: 'bundleKiB', label: 'all bundles, KiB' },
    ],
    rows: result.shapes.map((shape) => ({ ...shape, bundleKiB: kib(shape.bundleBytes) })),
  };
}

/** A microservices row where the change replaced its own unit and nothing else, and shipped less than the whole. */
export const independent = (row: RedeployRow) =>
  row.processesTotal > 1 && row.processesReplaced === 1 && row.untouchedRestarted === 0 && row.functionsRedeployed < row.functionsTotal;

/**
 * Checks that the run redeployed a change to every module in both shapes and that every redeploy left
 * the new release serving; throws, naming what is missing, when not: such a run says nothing.
 */
function checkedRows(result: Result): { readonly mm: readonly RedeployRow[]; readonly micro: readonly RedeployRow[] } {
  const mm = rowsOf(result, 'modular-monolith');
  const micro = rowsOf(result, 'microservices');
  const modules = (rows: readonly RedeployRow[]) => new Set(rows.map((row) => row.module)).size;
  if (modules(mm) < 3 || modules(micro) < 3) throw new Error('the run did not redeploy a change to every module in both shapes: nothing to decide from');
  if (![...mm, ...micro].every((row) => row.newReleaseServing && row.redeploys > 0)) {
    throw new Error('a redeploy did not leave the new release serving correct checkouts, so what it replaced says nothing');
  }
  return { mm, micro };
}

/** One value per round: `pick` summed over the rows of a shape and strategy (every change of that round). */
const perRound = (result: Result, shape: DeployShapeName, strategy: ReplaceStrategy, pick: (row: RedeployRow) => readonly number[]) => {
  const rows = rowsOf(result, shape, strategy);
  return Array.from({ length: result.rounds }, (_, round) => rows.reduce((total, row) => total + (pick(row)[round] ?? Number.NaN), 0));
};

/**
 * How long the microservices took to ship a change, as a multiple of the modular monolith: per round,
 * the three services' redeploys (one per change, start-then-stop) over the modular monolith's three,
 * with its 95% interval over the rounds. Null below `minimumRuns` rounds (a quick run).
 *
 * @example
 * ```ts
 * redeployTimeRatio(result); // { estimate: 1.02, low: 0.97, high: 1.08, runs: 5 }: no faster
 * ```
 */
export function redeployTimeRatio(result: Result): Interval | null {
  if (result.rounds < minimumRuns) return null;
  const wall = (row: RedeployRow) => row.redeployMsByRound;
  return ratioInterval(perRound(result, 'microservices', 'start-then-stop', wall), perRound(result, 'modular-monolith', 'start-then-stop', wall));
}

/**
 * How many more checkouts the microservices lost while a unit was stopped then started, as a multiple
 * of the modular monolith's loss: per round, the share of checkouts failed over the three changes in
 * each shape, microservices over modular monolith, with its 95% interval. Null below `minimumRuns`
 * rounds, or when a round of the modular monolith lost nothing (no ratio to take).
 *
 * @example
 * ```ts
 * lostCheckoutsRatio(result); // { estimate: 1.03, low: 0.99, high: 1.06, runs: 5 }: about as many lost
 * ```
 */
export function lostCheckoutsRatio(result: Result): Interval | null {
  if (result.rounds < minimumRuns) return null;
  const share = (shape: DeployShapeName) => {
    const failed = perRound(result, shape, 'stop-then-start', (row) => row.failedByRound);
    const sent = perRound(result, shape, 'stop-then-start', (row) => row.sentByRound);
    return failed.map((count, round) => count / (sent[round] as number));
  };
  const [micro, mm] = [share('microservices'), share('modular-monolith')];
  if (mm.some((value) => !(value > 0)) || micro.some((value) => !Number.isFinite(value))) return null;
  return ratioInterval(micro, mm);
}

/**
 * What the figures found, in the terms of the one verdict rule. Replacing one microservice and
 * leaving the others running is what a microservice *is* (Lewis and Fowler define microservices as
 * independently deployable), and redeploying the whole unit is what a modular monolith is: the
 * property is true by definition, so the verdict is `not-testable`, and the page tests what the claim
 * implies instead (a smaller release, a quicker one, fewer checkouts lost). The run still has to agree
 * with the definitions: a change that restarted another service, or a modular monolith that shipped
 * part of itself, is a fault of the lab's fleet, and this throws rather than judge it. The price it
 * states is a count: the deploy pipelines each shape keeps.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'microservices', byDefinition: 'a microservice is deployed on its own …', shownBy: { 'modular-monolith': false, microservices: true },
 * //   cost: { what: 'deploy pipelines', ratio: { estimate: 3, ... } }, because: 'Separate deployment defines a microservice; …' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const { mm, micro } = checkedRows(result);
  const broken = [...micro.filter((row) => !independent(row)), ...mm.filter((row) => row.functionsRedeployed < row.functionsTotal)];
  if (broken.length > 0) {
    const describe = (row: RedeployRow) => `${row.shape} ${row.module}: ${row.processesReplaced} of ${row.processesTotal} processes, ${row.functionsRedeployed} of ${row.functionsTotal} functions, ${row.untouchedRestarted} restarts of the others`;
    throw new Error(`the run contradicts what the two shapes are, a fault of the lab's fleet: ${broken.map(describe).join('; ')}`);
  }
  const microShape = pickRow(result.shapes, { shape: 'microservices' });
  const mmShape = pickRow(result.shapes, { shape: 'modular-monolith' });
  const microBilling = pickRow(micro, { module: 'billing', strategy: 'start-then-stop' });
  const mmBilling = pickRow(mm, { module: 'billing', strategy: 'start-then-stop' });
  const lost = (rows: readonly RedeployRow[]) => formatPercent(sumOf(rows, 'failed') / sumOf(rows, 'sent'));
  const stopThenStart = (rows: readonly RedeployRow[]) => rows.filter((row) => row.strategy === 'stop-then-start');
  return {
    credited: 'microservices',
    byDefinition: 'a microservice is deployed on its own (Lewis and Fowler), a modular monolith is one deploy unit',
    shownBy: { 'modular-monolith': false, microservices: true },
    cost: { what: 'deploy pipelines', ratio: exactly(microShape.deployUnits / mmShape.deployUnits) },
    because:
      `Separate deployment defines a microservice; a billing change shipped ${microBilling.functionsRedeployed} of ${microBilling.functionsTotal} functions ` +
      `but ${share(microBilling.bytesRedeployed, mmBilling.bytesRedeployed)} of the monolith's bytes; ` +
      `stopped-then-started, services lost ${lost(stopThenStart(micro))} of checkouts, the monolith ${lost(stopThenStart(mm))}`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'not-testable', because: 'Separate deployment defines a microservice; …', rule: 'true by definition: …' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The one figure that matters (null for a run that measured nothing): what a billing change replaces in each shape.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'a billing change replaces 1 of 3 processes (2 of 6 functions) vs 1 of 1 (6 of 6) in the modular monolith'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const pick = (shape: DeployShapeName) => result.rows.find((row) => row.shape === shape && row.module === 'billing');
  const micro = pick('microservices');
  const mm = pick('modular-monolith');
  if (!micro || !mm) return null;
  return (
    `a billing change replaces ${micro.processesReplaced} of ${micro.processesTotal} processes (${micro.functionsRedeployed} of ${micro.functionsTotal} functions) ` +
    `vs ${mm.processesReplaced} of ${mm.processesTotal} (${mm.functionsRedeployed} of ${mm.functionsTotal}) in the modular monolith`
  );
}

/** Checkouts sent during a shape's redeploys with one strategy, over every change, and how many failed. */
export interface LoadFigures {
  /** Checkouts that failed (a count). */
  readonly failed: number;
  /** Checkouts sent during the redeploys (a count). */
  readonly sent: number;
  /** Failed ÷ sent, as a percentage to one decimal ('63.0%'; '–' when none were sent). */
  readonly failedShare: string;
}

/** One change's stop-then-start redeploys: how long the unit had no process, and the checkouts they cost. */
export interface StopThenStartFigures {
  /** Median time the unit's balancer had no process to send to, in ms ('227 ms'). */
  readonly unlisted: string;
  /** Checkouts that failed during the redeploys (a count). */
  readonly failed: number;
  /** Checkouts sent during the redeploys (a count). */
  readonly sent: number;
}

/** Everything the claim's page prints from a result, formatted as the page shows it. */
export interface PageFigures {
  /** The claim's key figure: what a billing change replaces in each shape (a sentence). */
  readonly inOneLine: string;
  /** Redeploys measured in the whole run, both shapes and strategies (a count). */
  readonly redeploys: number;
  /** Redeploys of the microservices (a count). */
  readonly microservicesRedeploys: number;
  /** Times, over the microservices' redeploys, a service other than the changed one was restarted (a count). */
  readonly microservicesOthersRestarted: number;
  /** Checkout functions a change to each module redeploys in the microservices (counts). */
  readonly functionsRedeployed: { readonly cart: number; readonly billing: number; readonly receipts: number };
  /** Checkout functions in the whole shape (a count). */
  readonly functionsTotal: number;
  /** The billing service's share of the checkout functions' own code, as a percentage to one decimal. */
  readonly billingCodeShare: string;
  /** The billing service's bundle, in KiB. */
  readonly billingBundle: string;
  /** The whole modular monolith's bundle, in KiB. */
  readonly monolithBundle: string;
  /** The billing service's bundle ÷ the modular monolith's, as a percentage to one decimal. */
  readonly billingBundleShare: string;
  /** The three services' bundles together, in KiB or MiB. */
  readonly servicesBundle: string;
  /** Median redeploy of the billing service (start-then-stop), in ms. */
  readonly billingRedeploy: string;
  /** Median redeploy of the modular monolith for a billing change (start-then-stop), in ms. */
  readonly monolithRedeploy: string;
  /** The billing service replaced stop-then-start. */
  readonly billingStopThenStart: StopThenStartFigures;
  /** The modular monolith replaced stop-then-start for a billing change. */
  readonly monolithBillingStopThenStart: StopThenStartFigures;
  /** Checkouts over all three changes replaced stop-then-start, per shape. */
  readonly stopThenStart: { readonly microservices: LoadFigures; readonly monolith: LoadFigures };
  /** Checkouts over all three changes replaced start-then-stop, per shape. */
  readonly startThenStop: { readonly microservices: LoadFigures; readonly monolith: LoadFigures };
  /** Deploy units (pipelines) of the modular monolith (a count). */
  readonly monolithDeployUnits: number;
  /** Network APIs between the microservices (a count). */
  readonly microservicesNetworkContracts: number;
  /** Module boundaries the modular monolith crosses in process (a count). */
  readonly monolithInProcessBoundaries: number;
  /** How long a process taken out of its balancer runs on before its SIGTERM, in ms. */
  readonly drain: string;
  /**
   * How long the three services took to redeploy a change each, over the modular monolith's three
   * redeploys, one ratio per round, with its 95% interval ('1.02× [0.97–1.08×]'; '–' below five rounds).
   */
  readonly redeployTimeRatio: string;
  /** The share of checkouts the microservices lost stopped-then-started, over the modular monolith's, with its 95% interval. */
  readonly lostCheckoutsRatio: string;
  /** Rounds, each one redeploy of every change in each shape and strategy (a count). */
  readonly rounds: number;
  /**
   * What independence bought, each answered 'yes' or 'no' from the figures: a change that ships fewer
   * functions; an artifact clearly smaller (the billing bundle under 1/1.1 of the modular monolith's,
   * the rule's threshold); a release clearly quicker and fewer checkouts lost (the whole interval
   * below 1; 'not measured' below five rounds).
   */
  readonly bought: { readonly smallerChange: string; readonly smallerArtifact: string; readonly quickerRelease: string; readonly fewerLost: string };
}

const yesOrNo = (answer: boolean) => (answer ? 'yes' : 'no');
const belowOne = (interval: Interval | null) => (interval ? yesOrNo(clearlyBelow(interval, 1)) : 'not measured');
const intervalOrMissing = (interval: Interval | null) => (interval ? formatInterval(interval, 2, '×') : '–');

const loadFigures = (rows: readonly RedeployRow[]): LoadFigures => {
  const failed = sumOf(rows, 'failed');
  const sent = sumOf(rows, 'sent');
  return { failed, sent, failedShare: share(failed, sent) };
};

const stopThenStartFigures = (row: RedeployRow): StopThenStartFigures => ({ unlisted: formatMs(row.unlistedMs), failed: row.failed, sent: row.sent });

/**
 * Everything the page prints, read from a result with every change in both shapes and both
 * strategies (it throws, naming the row, for a run that left one out).
 *
 * @example
 * ```ts
 * const figures = pageFigures(evidence.result);
 * figures.billingBundleShare; // '99.8%'
 * figures.stopThenStart.microservices; // { failed: 1429, sent: 2268, failedShare: '63.0%' }
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const row = (shape: DeployShapeName, module: ModuleName, strategy: ReplaceStrategy = 'start-then-stop') => pickRow(result.rows, { shape, module, strategy });
  const microBilling = row('microservices', 'billing');
  const mmBilling = row('modular-monolith', 'billing');
  const microShape = pickRow(result.shapes, { shape: 'microservices' });
  const mmShape = pickRow(result.shapes, { shape: 'modular-monolith' });
  const microRows = rowsOf(result, 'microservices');
  return {
    inOneLine: keyFigure(result) ?? '–',
    redeploys: sumOf(result.rows, 'redeploys'),
    microservicesRedeploys: sumOf(microRows, 'redeploys'),
    microservicesOthersRestarted: sumOf(microRows, 'untouchedRestarted'),
    functionsRedeployed: {
      cart: row('microservices', 'cart').functionsRedeployed,
      billing: microBilling.functionsRedeployed,
      receipts: row('microservices', 'receipts').functionsRedeployed,
    },
    functionsTotal: microBilling.functionsTotal,
    billingCodeShare: share(microBilling.functionBytesRedeployed, microBilling.functionBytesTotal),
    billingBundle: formatBytes(microBilling.bytesRedeployed),
    monolithBundle: formatBytes(mmBilling.bytesRedeployed),
    billingBundleShare: share(microBilling.bytesRedeployed, mmBilling.bytesRedeployed),
    servicesBundle: formatBytes(microShape.bundleBytes),
    billingRedeploy: formatMs(microBilling.redeployMs),
    monolithRedeploy: formatMs(mmBilling.redeployMs),
    billingStopThenStart: stopThenStartFigures(row('microservices', 'billing', 'stop-then-start')),
    monolithBillingStopThenStart: stopThenStartFigures(row('modular-monolith', 'billing', 'stop-then-start')),
    stopThenStart: { microservices: loadFigures(rowsOf(result, 'microservices', 'stop-then-start')), monolith: loadFigures(rowsOf(result, 'modular-monolith', 'stop-then-start')) },
    startThenStop: { microservices: loadFigures(rowsOf(result, 'microservices', 'start-then-stop')), monolith: loadFigures(rowsOf(result, 'modular-monolith', 'start-then-stop')) },
    monolithDeployUnits: mmShape.deployUnits,
    microservicesNetworkContracts: microShape.networkContracts,
    monolithInProcessBoundaries: mmShape.inProcessBoundaries,
    drain: formatMs(result.drainMs),
    redeployTimeRatio: intervalOrMissing(redeployTimeRatio(result)),
    lostCheckoutsRatio: intervalOrMissing(lostCheckoutsRatio(result)),
    rounds: result.rounds,
    bought: {
      smallerChange: yesOrNo(microBilling.functionsRedeployed < mmBilling.functionsRedeployed),
      smallerArtifact: yesOrNo(microBilling.bytesRedeployed * costThreshold < mmBilling.bytesRedeployed),
      quickerRelease: belowOne(redeployTimeRatio(result)),
      fewerLost: belowOne(lostCheckoutsRatio(result)),
    },
  };
}
