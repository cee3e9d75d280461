import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { formatBytes, formatMs, formatPercent, formatUsInterval } from '../lab/report/format.ts';
import { assumedBusinessKiBPerFunction, canonicalHopCost, type HopCosts } from '../lab/report/canonical.ts';
import { median } from '../lab/measure/stats.ts';
import { pickRow, sumOf } from '../lab/report/pick.ts';
import { structureByCut, structureTable } from '../lab/report/structure-table.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/** One shape, one replacement strategy: swapping the tax provider while checkouts flow. */
export interface SwapRow {
  readonly shape: ShapeName;
  readonly strategy: 'blue-green' | 'stop-start';
  readonly units: number;
  /** Units redeployed to change the provider: those that hold `calculateTax`. */
  readonly unitsRedeployed: number;
  /** Checkout functions in those units: the code that went out with the change. */
  readonly functionsRedeployed: number;
  readonly requestsSent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Answers during the run that carried the old provider's tax and the new one's. */
  readonly answeredByOld: number;
  readonly answeredByNew: number;
  /** Old-provider answers to checkouts sent after the replacement finished (must be 0). */
  readonly staleAfterSwap: number;
  /** Calls the old unit still had outstanding when the route switched: what the drain waited for. */
  readonly outstandingAtSwitch: number;
  /** From starting the new unit (or stopping the old one) until the old one was stopped, ms. */
  readonly swapMs: number;
  /** From the first failed checkout to the last one, ms: how long the checkout was broken (0 if never). */
  readonly failureWindowMs: number;
  /** Checkouts sent after the run, and how many came from the new provider. */
  readonly checkedAfter: number;
  readonly newProviderAfter: number;
}

/** The whole result of a nano-flexibility run: plain JSON. */
export interface FlexibilityResult {
  readonly rows: readonly SwapRow[];
  /** The sample cart's tax from each provider: how answers are told apart. */
  readonly oldTaxCents: number;
  readonly newTaxCents: number;
  /** What a one-operation swap redeploys in each cut of the reference systems, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/** The result of a nano-flexibility run, under the name every claim's report uses. */
export type Result = FlexibilityResult;

/**
 * The swap per shape and strategy.
 *
 * @example
 * ```ts
 * swapTable(result).rows[0]; // { shape: 'monolith', strategy: 'blue-green', unitsRedeployed: 1, failed: 0, ... }
 * ```
 */
export function swapTable(result: FlexibilityResult): ResultTable {
  return {
    title: 'Swapping the tax provider while checkouts flow',
    columns: [
      { key: 'strategy', label: 'strategy' },
      { key: 'shape', label: 'shape' },
      { key: 'unitsRedeployed', label: 'units redeployed' },
      { key: 'functionsRedeployed', label: 'functions redeployed' },
      { key: 'requestsSent', label: 'sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
      { key: 'answers', label: 'old / new provider' },
      { key: 'staleAfterSwap', label: 'old answers after the swap' },
      { key: 'outstandingAtSwitch', label: 'calls on the old unit at the switch' },
      { key: 'swapMs', label: 'swap, ms' },
      { key: 'failureWindowMs', label: 'failing for, ms' },
      { key: 'after', label: 'new provider after' },
    ],
    rows: result.rows.map((row) => ({
      strategy: row.strategy,
      shape: row.shape,
      unitsRedeployed: row.unitsRedeployed,
      functionsRedeployed: row.functionsRedeployed,
      requestsSent: row.requestsSent,
      succeeded: row.succeeded,
      failed: row.failed,
      answers: `${row.answeredByOld} / ${row.answeredByNew}`,
      staleAfterSwap: row.staleAfterSwap,
      outstandingAtSwitch: row.outstandingAtSwitch,
      swapMs: row.swapMs,
      failureWindowMs: row.failureWindowMs,
      after: `${row.newProviderAfter} of ${row.checkedAfter}`,
    })),
  };
}

/**
 * What swapping one operation's provider redeploys in each cut of each reference system (counted from
 * its file): one unit in every cut, carrying the operations that share it, and, when the new provider
 * does not keep the contract, the units of its callers too.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[7];
 * // { system: 'An Alibaba-like call tree', cut: 'microservices', units: 7, operationsPerDeploy: '5.8', unitShareOfSystem: '24%', unitsPerBreakingChange: '1.4' }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  return structureTable(result.referenceSystems, 'What a swap of one operation’s provider redeploys, on each reference system (counted from its file)', [
    { figure: 'operationsPerDeploy', label: 'operations redeployed with the swapped one (mean over operations)' },
    { figure: 'unitShareOfSystem', label: 'share of the system redeployed (mean)', share: true },
    { figure: 'unitsPerBreakingChange', label: 'units released together if the new provider breaks the contract (mean)' },
  ]);
}

/** The run's parameters the page prints (the experiment's schema lives in experiment.ts, which is Node-only). */
export interface PageParams {
  /** The share (0..1) of the checkouts answered before the swap starts. */
  readonly swapAfter: number;
}

/** Everything the page prints, read from one run's result and parameters and formatted the way the page shows it. */
export interface PageFigures {
  /** The sample cart's tax from the current provider, in cents. */
  readonly oldTaxCents: number;
  /** The sample cart's tax from the new provider, in cents. */
  readonly newTaxCents: number;
  /** The share of checkouts answered before the swap starts, in percent: '30%'. */
  readonly swapStartsAfter: string;
  /** Checkouts that failed during the blue-green swaps, summed over the shapes (a count). */
  readonly blueGreenFailed: number;
  /** Checkouts sent during the blue-green swaps, summed over the shapes (a count). */
  readonly blueGreenSent: number;
  /** Old-provider answers to checkouts sent after a blue-green switch, summed over the shapes (a count; must be 0). */
  readonly blueGreenStale: number;
  /** Checkouts after the nanoservices' blue-green swap that came from the new provider (a count). */
  readonly nanoNewProviderAfter: number;
  /** Checkouts sent after the nanoservices' blue-green swap (a count). */
  readonly nanoCheckedAfter: number;
  /** How long each blue-green swap took, for the monolith, microservices and nanoservices in that order: '123 ms, 124 ms, 125 ms'. */
  readonly blueGreenSwapTimes: string;
  /** Units redeployed by the blue-green swap in the monolith (a count). */
  readonly monolithUnitsRedeployed: number;
  /** Units redeployed by the blue-green swap in the microservices (a count). */
  readonly microUnitsRedeployed: number;
  /** Units redeployed by the blue-green swap in the nanoservices (a count). */
  readonly nanoUnitsRedeployed: number;
  /** Checkout functions in the unit the monolith redeployed (a count). */
  readonly monolithFunctionsRedeployed: number;
  /** Checkout functions in the unit the microservices redeployed (a count). */
  readonly microFunctionsRedeployed: number;
  /** Checkout functions in the unit the nanoservices redeployed (a count). */
  readonly nanoFunctionsRedeployed: number;
  /** Checkouts that failed when the old unit was stopped first, summed over the shapes (a count). */
  readonly stopStartFailed: number;
  /** Checkouts sent in those runs, summed over the shapes (a count). */
  readonly stopStartSent: number;
  /** The stop-start failures per shape: '956 in the monolith, 318 in the microservices, ...'. */
  readonly stopStartFailures: string;
  /** How long the checkout was broken in each stop-start run, in the same order: '121 ms, 121 ms, 119 ms'. */
  readonly stopStartWindows: string;
  /** The boot delay every new unit waited before it listened, the same for every shape: '120 ms'. */
  readonly startDelay: string;
  /** From nano-easy-deploy, at its assumed realistic business code: a unit's time from spawn to listening, per shape. */
  readonly bootBusinessCode: string;
  readonly monolithBoot: string;
  readonly microBoot: string;
  readonly nanoBoot: string;
  /** The bare node:http server's time to listening: the runtime's floor. */
  readonly runtimeBoot: string;
  /** The site's canonical HTTP hop cost (from nano-chaining), with its interval: what calling a provider in another runtime adds per call. */
  readonly httpHop: string;
  /** The bare node:http server's idle resident memory: the floor one more runtime costs (from nano-easy-deploy). */
  readonly runtimeFloorRss: string;
  /** The reference systems: what a one-operation swap redeploys in each cut, counted from their files. */
  readonly reference: ReferenceFigures;
}

/** What the page says of the reference systems, each a sentence across the three systems. */
export interface ReferenceFigures {
  /** Operations that go out with a swap of one operation, mean over the operations, per cut ('The lab's checkout: … 6, Online Boutique: … 13 and …'); a nanoservice ships the swapped one alone. */
  readonly operationsPerSwap: { readonly monolith: string; readonly microservices: string };
  /** The same as a share of the system, for the two split cuts ('… 39%, … 12% and … 24%'); the monolith's is the whole system. */
  readonly shareOfSystemPerSwap: { readonly microservices: string; readonly nanoservices: string };
  /** Units released together when the new provider breaks the contract, mean over the operations that have a caller, for the two split cuts ('… 1.4, … 2.1 and … 1.4'). */
  readonly unitsPerBreakingSwap: { readonly microservices: string; readonly nanoservices: string };
}

/**
 * What the page reads from nano-easy-deploy's evidence (the part it needs, typed here: no experiment
 * imports another's code): each unit's boot at each size of business code, and the bare runtime's.
 */
export interface BootEvidence {
  readonly units: ReadonlyArray<{ readonly shape: ShapeName; readonly businessKiB?: number; readonly listeningMs: number }>;
  readonly baseline: { readonly listeningMs: number; readonly rssKiB: number };
}

/** What the page quotes from the two claims that measure it: the hop (nano-chaining) and a unit's boot (nano-easy-deploy). */
export interface RelatedResults {
  readonly chaining: HopCosts;
  readonly easyDeploy: BootEvidence;
}

/**
 * The figures the page prints, from one run's result and parameters: the blue-green swaps summed
 * over the shapes and per shape, the stop-start control, and what a swap redeploys on the reference
 * systems. Throws when a shape's blue-green row is
 * missing, since the page quotes each.
 *
 * @example
 * ```ts
 * const figures = pageFigures(evidence, { chaining: chainingEvidence.result, easyDeploy: easyDeployEvidence.result });
 * figures.blueGreenFailed; // 0
 * figures.stopStartFailures; // '956 in the monolith, 318 in the microservices, 175 in the nanoservices'
 * ```
 */
export function pageFigures({ result, params }: { readonly result: Result; readonly params: PageParams & { readonly startDelayMs: number } }, related: RelatedResults): PageFigures {
  const blueGreen = result.rows.filter((row) => row.strategy === 'blue-green');
  const stopStart = result.rows.filter((row) => row.strategy === 'stop-start');
  // Picked by shape, not taken in the run's order: the prose names the shapes in this order.
  const monolith = pickRow(blueGreen, { shape: 'monolith' });
  const micro = pickRow(blueGreen, { shape: 'microservices' });
  const nano = pickRow(blueGreen, { shape: 'nanoservices' });
  return {
    oldTaxCents: result.oldTaxCents,
    newTaxCents: result.newTaxCents,
    swapStartsAfter: formatPercent(params.swapAfter),
    blueGreenFailed: sumOf(blueGreen, 'failed'),
    blueGreenSent: sumOf(blueGreen, 'requestsSent'),
    blueGreenStale: sumOf(blueGreen, 'staleAfterSwap'),
    nanoNewProviderAfter: nano.newProviderAfter,
    nanoCheckedAfter: nano.checkedAfter,
    blueGreenSwapTimes: [monolith, micro, nano].map((row) => formatMs(row.swapMs)).join(', '),
    monolithUnitsRedeployed: monolith.unitsRedeployed,
    microUnitsRedeployed: micro.unitsRedeployed,
    nanoUnitsRedeployed: nano.unitsRedeployed,
    monolithFunctionsRedeployed: monolith.functionsRedeployed,
    microFunctionsRedeployed: micro.functionsRedeployed,
    nanoFunctionsRedeployed: nano.functionsRedeployed,
    stopStartFailed: sumOf(stopStart, 'failed'),
    stopStartSent: sumOf(stopStart, 'requestsSent'),
    stopStartFailures: stopStart.map((row) => `${row.failed} in the ${row.shape}`).join(', '),
    stopStartWindows: stopStart.map((row) => formatMs(row.failureWindowMs)).join(', '),
    startDelay: formatMs(params.startDelayMs),
    ...bootTimes(related.easyDeploy),
    httpHop: formatUsInterval(canonicalHopCost(related.chaining).http),
    runtimeFloorRss: formatBytes(related.easyDeploy.baseline.rssKiB * 1024),
    reference: referenceFigures(result.referenceSystems),
  };
}

/**
 * What the page says of the reference systems: the code a one-operation swap ships in each cut, and the
 * units that release together when the swap breaks the contract, each across the three systems.
 *
 * @example
 * ```ts
 * referenceFigures(result.referenceSystems).operationsPerSwap.microservices; // 'The lab’s checkout: … 2.3, Online Boutique: … 1.6 and An Alibaba-like call tree 5.8'
 * ```
 */
export function referenceFigures(structures: ReferenceStructures): ReferenceFigures {
  const across = (figure: 'operationsPerDeploy' | 'unitsPerBreakingChange', cut: string) => structureByCut(structures, figure, cut);
  const share = (cut: string) => structureByCut(structures, 'unitShareOfSystem', cut, true);
  return {
    operationsPerSwap: { monolith: across('operationsPerDeploy', 'monolith'), microservices: across('operationsPerDeploy', 'microservices') },
    shareOfSystemPerSwap: { microservices: share('microservices'), nanoservices: share('nanoservices') },
    unitsPerBreakingSwap: { microservices: across('unitsPerBreakingChange', 'microservices'), nanoservices: across('unitsPerBreakingChange', 'nanoservices') },
  };
}

/**
 * A unit's boot per shape as nano-easy-deploy measured it (spawn to listening, median over the units
 * and starts), at the site's assumed business code per function where the run has it, else at the most it has.
 *
 * @example
 * ```ts
 * bootTimes(easyDeployResult); // { bootBusinessCode: '16 KiB', monolithBoot: '149 ms', microBoot: '121 ms', nanoBoot: '98 ms', runtimeBoot: '27 ms' }
 * ```
 */
export function bootTimes(easyDeploy: BootEvidence) {
  const sizes = [...new Set(easyDeploy.units.map((unit) => unit.businessKiB ?? 0))];
  const size = sizes.includes(assumedBusinessKiBPerFunction) ? assumedBusinessKiBPerFunction : Math.max(...sizes);
  const boot = (shape: ShapeName) => formatMs(median(easyDeploy.units.filter((unit) => unit.shape === shape && (unit.businessKiB ?? 0) === size).map((unit) => unit.listeningMs)));
  return {
    bootBusinessCode: formatBytes(size * 1024),
    monolithBoot: boot('monolith'),
    microBoot: boot('microservices'),
    nanoBoot: boot('nanoservices'),
    runtimeBoot: formatMs(easyDeploy.baseline.listeningMs),
  };
}

const swappedCleanly = (row: SwapRow) => row.failed === 0 && row.staleAfterSwap === 0 && row.newProviderAfter === row.checkedAfter && row.checkedAfter > 0;

/**
 * What the swaps found, in the terms of the one verdict rule (examples/lab/experiment/verdict-rule.ts).
 * The benefit the claim names is changing one function's provider while the shop is open: a shape
 * shows it when its blue-green swap failed no checkout, left no old answer after the switch, and every
 * checkout after it came from the new provider. The swap is a count, the same on every run, so it
 * needs no interval. When every shape shows it the rule calls it misattributed; the sentence says what
 * the nanoservices did differently (less code shipped with the change).
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'nanoservices', shownBy: { monolith: true, microservices: true, nanoservices: true }, because: 'every cut swapped ...' }
 * ```
 */
export function findingFor(result: FlexibilityResult): Finding {
  const blueGreen = result.rows.filter((row) => row.strategy === 'blue-green');
  const shownBy = Object.fromEntries(blueGreen.map((row) => [row.shape, swappedCleanly(row)]));
  const nano = blueGreen.find((row) => row.shape === 'nanoservices');
  const monolith = blueGreen.find((row) => row.shape === 'monolith');
  const sent = sumOf(blueGreen, 'requestsSent');
  const failed = sumOf(blueGreen, 'failed');
  if (!nano) return { credited: 'nanoservices', shownBy: { ...shownBy, nanoservices: false }, because: 'the run did not swap the provider of the nanoservices' };
  const everyCut = blueGreen.length > 1 && blueGreen.every(swappedCleanly);
  const because = everyCut
    ? `every cut swapped the tax provider under load, ${failed} of ${sent} checkouts failed; nanoservices only shipped ${nano.functionsRedeployed} function with it, the monolith ${monolith?.functionsRedeployed ?? '–'}`
    : swappedCleanly(nano)
      ? `only some cuts swapped the tax provider without a failed checkout; the nanoservices did, redeploying ${nano.unitsRedeployed} unit`
      : `swapping the tax provider in the nanoservices failed ${nano.failed} of ${nano.requestsSent} checkouts or left old answers`;
  return { credited: 'nanoservices', shownBy, because };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'every cut swapped ...', rule: 'every cut compared shows it (...)' }
 * ```
 */
export function verdictFor(result: FlexibilityResult): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/nano-flexibility.json when the site is built, through
 * examples/claims/key-figures.ts). As the because-sentence: the checkouts that failed while every cut
 * swapped its tax provider blue-green, then the code that went out with the change as nanoservices
 * and as a monolith. Null without a blue-green swap of the nanoservices and of the monolith.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'a blue-green swap of the tax provider failed 0 of 1200 checkouts in 3 cuts; the nanoservices shipped 1 function with it, the monolith 6'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const blueGreen = result.rows?.filter((row) => row.strategy === 'blue-green') ?? [];
  const nano = blueGreen.find((row) => row.shape === 'nanoservices');
  const monolith = blueGreen.find((row) => row.shape === 'monolith');
  if (!nano || !monolith) return null;
  const functions = (count: number) => `${count} function${count === 1 ? '' : 's'}`;
  return (
    `a blue-green swap of the tax provider failed ${sumOf(blueGreen, 'failed')} of ${sumOf(blueGreen, 'requestsSent')} checkouts in ${blueGreen.length} cuts; ` +
    `the nanoservices shipped ${functions(nano.functionsRedeployed)} with it, the monolith ${monolith.functionsRedeployed}`
  );
}
