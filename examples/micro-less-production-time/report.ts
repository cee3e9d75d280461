import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyBelow, formatInterval, minimumRuns, ratioInterval, type Interval } from '../lab/measure/interval.ts';
import { shapes, type ShapeName } from '../lab/model/shapes.ts';
import { formatBytes, formatList, formatMs, formatPercent, formatRatio } from '../lab/report/format.ts';
import { pickRow } from '../lab/report/pick.ts';
import { structureByCut, structureMap, structureOf, structureTable } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/**
 * What a change must get through before it ships: the unit that holds it (all of its tests), only the
 * tests the change reaches in that unit (the monolith, selected by `vitest related`), or the whole system.
 */
export type PipelineScope = 'changed unit' | 'affected tests' | 'whole system';

/** One shape's pipeline for one scope: the work counted and the medians timed. */
export interface PipelineRow {
  readonly shape: ShapeName;
  readonly scope: PipelineScope;
  /** Deploy units built (one esbuild bundle each). */
  readonly unitsBuilt: number;
  /** Checkout functions whose tests the suite holds. */
  readonly functionsTested: number;
  /** Contract tests' files: calls between units the suite checks. */
  readonly contracts: number;
  /** Test cases the runner reported, all of them. */
  readonly testCases: number;
  /** Of those, contract cases: work that exists only because the call crosses units. */
  readonly contractCases: number;
  /** Bytes of the unit bundles written. */
  readonly bundleBytes: number;
  readonly testMs: number;
  /** CPU the test run used (runner and workers): its work, whatever else the machine ran. */
  readonly testCpuMs: number | null;
  readonly buildMs: number;
  /** testMs + buildMs: from a change to a tested, shippable unit (median of the rounds). */
  readonly totalMs: number;
  /** testMs + buildMs of each round, in round order: ratios between pipelines pair the same round. */
  readonly totalMsPerRound: readonly number[];
  /** Test CPU of each round (null where it was not measured). */
  readonly testCpuMsPerRound: ReadonlyArray<number | null>;
}

/** Costs a unit pays however small it is, measured in the same run. */
export interface FixedCosts {
  /** `vitest run` of one empty test with no imports. */
  readonly testRunnerStartMs: number;
  readonly testRunnerStartCpuMs: number | null;
  /** One esbuild build of an empty entry, including starting and stopping its service. */
  readonly bundlerStartMs: number;
  /** `node -e 0`: the floor under both. */
  readonly nodeStartMs: number;
}

/** For a change to one function, the test cases each pipeline would run (counted from the plans). */
export interface SelectionRow {
  readonly changedFunction: string;
  /** The monolith running every test. */
  readonly monolithAll: number;
  /** The monolith running only the tests whose imports reach the changed module. */
  readonly monolithAffected: number;
  /** The microservice that holds the function: its functions' tests and its contracts. */
  readonly microservicesUnit: number;
  /** The nanoservice: the function's tests and its contracts. */
  readonly nanoservicesUnit: number;
}

/** The whole result of a micro-less-production-time run: plain JSON. */
export interface ProductionTimeResult {
  readonly changedFunction: string;
  readonly casesPerFunction: number;
  readonly repetitions: number;
  readonly rows: readonly PipelineRow[];
  /** For a change to each function, the cases each pipeline would run. */
  readonly selection: readonly SelectionRow[];
  readonly fixed: FixedCosts;
  /** Test cases that failed, over every run: a suite that fails does not ship. */
  readonly failedTests: number;
  /** Every suite reported exactly the cases its plan declares (for `related`, the affected plan's). */
  readonly countsMatchPlan: boolean;
  /** The machine's 1-minute load average when the run ended, and its cores: how shared the timings were. */
  readonly loadAverageAtEnd: number;
  readonly cores: number;
  /** What one change rebuilds and redeploys in the reference systems' cuts, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/** The scaffolded claims' name for the result of a run. */
export type Result = ProductionTimeResult;

/**
 * A pipeline counts as saving time when the whole 95% interval of its time over the monolith running
 * every test lies below this: a saving within the rule's 10% (`costThreshold`) is not called a saving,
 * as a price within it is not called a cost.
 */
export const savingThreshold = 1 / costThreshold;

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Finds a shape's row for one scope.
 *
 * @example
 * ```ts
 * pipelineRow(result, 'nanoservices', 'changed unit')?.totalMs;
 * ```
 */
export function pipelineRow(result: ProductionTimeResult, shape: ShapeName, scope: PipelineScope): PipelineRow | undefined {
  return result.rows.find((row) => row.shape === shape && row.scope === scope);
}

/** A pipeline named by its shape and scope. */
export interface PipelineKey {
  readonly shape: ShapeName;
  readonly scope: PipelineScope;
}

/** The monolith running every test: what every other pipeline is compared with. */
export const allTestsMonolith: PipelineKey = { shape: 'monolith', scope: 'changed unit' };
/** The monolith running only the tests the change reaches. */
export const affectedTestsMonolith: PipelineKey = { shape: 'monolith', scope: 'affected tests' };

/** What a ratio compares: the CPU the test runs used (the work, whatever else ran), or wall time from change to shippable unit. */
export type Measure = 'test CPU' | 'wall time';

/** Whether every pipeline has its test CPU for every round (GNU time was there). */
function hasCpu(result: Result): boolean {
  return result.rows.every((row) => row.testCpuMsPerRound.length > 0 && row.testCpuMsPerRound.every((ms) => ms !== null));
}

/**
 * The measure a verdict reads: test CPU when it was measured, because on a shared machine other
 * programs stretch wall times at random while the work a run needs stays put; otherwise wall time.
 *
 * @example
 * ```ts
 * decidingMeasure(result); // 'test CPU'
 * ```
 */
export function decidingMeasure(result: Result): Measure {
  return hasCpu(result) ? 'test CPU' : 'wall time';
}

/**
 * One pipeline's figure over another's, round by round (both ran in the same round), with its 95%
 * interval. Null when either is missing, the measure was not taken, or the run has fewer than
 * `minimumRuns` rounds.
 *
 * @example
 * ```ts
 * timeRatio(result, { shape: 'microservices', scope: 'changed unit' }, allTestsMonolith, 'test CPU'); // { estimate: 0.74, low: 0.72, high: 0.76, runs: 5 }
 * ```
 */
export function timeRatio(result: Result, pipeline: PipelineKey, versus: PipelineKey, measure: Measure): Interval | null {
  const numerator = pipelineRow(result, pipeline.shape, pipeline.scope);
  const denominator = pipelineRow(result, versus.shape, versus.scope);
  if (!numerator || !denominator || result.repetitions < minimumRuns) return null;
  if (measure === 'wall time') return ratioInterval(numerator.totalMsPerRound, denominator.totalMsPerRound);
  if (!hasCpu(result)) return null;
  return ratioInterval(numerator.testCpuMsPerRound as readonly number[], denominator.testCpuMsPerRound as readonly number[]);
}

/** The pipeline each cut runs for a change: the monolith its affected tests, a split cut its changed unit. */
export const changePipelineOf: Readonly<Record<ShapeName, PipelineKey>> = {
  monolith: affectedTestsMonolith,
  microservices: { shape: 'microservices', scope: 'changed unit' },
  nanoservices: { shape: 'nanoservices', scope: 'changed unit' },
};

/** The unit of a shape that holds a function: 'billing' for calculateTax as microservices. */
function unitHolding(shape: ShapeName, name: string): string {
  return shapes[shape].units.find((unit) => (unit.functions as readonly string[]).includes(name))?.name ?? name;
}

/**
 * What the figures found, in the terms of the verdict rule. The article credits microservices with
 * needing less production time. Each cut shows it when its own pipeline for the change — the monolith
 * running only the tests the change reaches, a split cut its changed unit — takes clearly less time than
 * the monolith running every test: the whole interval of the ratio below `savingThreshold`, read in
 * test CPU when it was measured (`decidingMeasure`). The price is the whole system's pipeline,
 * microservices over the monolith. Not judged (pending) when a suite failed, a count missed its plan,
 * or the run had too few rounds for an interval.
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'microservices', shownBy: { monolith: true, microservices: true, nanoservices: true }, because: 'running only the tests ...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const measure = decidingMeasure(result);
  const problem =
    result.failedTests > 0 || !result.countsMatchPlan
      ? `the generated suites did not run as planned (${result.failedTests} failed cases)`
      : result.repetitions < minimumRuns
        ? `${result.repetitions} rounds, fewer than the ${minimumRuns} an interval needs`
        : null;
  const ratios = Object.fromEntries(Object.entries(changePipelineOf).map(([shape, key]) => [shape, timeRatio(result, key, allTestsMonolith, measure)])) as Record<ShapeName, Interval | null>;
  if (problem !== null || ratios.microservices === null) {
    const why = problem ?? 'the run has no microservices pipeline or no monolith to compare it with';
    return { notYetMeasured: why, credited: 'microservices', shownBy: { microservices: false }, because: why };
  }
  const cuts = (Object.keys(ratios) as ShapeName[]).filter((shape) => ratios[shape] !== null);
  const shownBy = Object.fromEntries(cuts.map((shape) => [shape, clearlyBelow(ratios[shape] as Interval, savingThreshold)]));
  const systemCost = timeRatio(result, { shape: 'microservices', scope: 'whole system' }, { shape: 'monolith', scope: 'whole system' }, measure);
  const cost = systemCost ? { what: `the whole system’s ${measure === 'test CPU' ? 'test CPU' : 'tests and build'}`, ratio: systemCost } : undefined;
  const service = `the ${unitHolding('microservices', result.changedFunction)} service`;
  const ratio = (shape: ShapeName) => formatRatio(ratios[shape]?.estimate);
  const words = measure === 'test CPU' ? 'test CPU' : 'time';
  let because: string;
  if (shownBy.monolith && shownBy.microservices) {
    because = `running only the tests a change to ${result.changedFunction} reaches, the monolith needed ${ratio('monolith')} the ${words} of all its tests; ${service} ${ratio('microservices')}: selection, not the cut, saves it`;
  } else if (shownBy.microservices) {
    because = `${service} needed ${ratio('microservices')} the ${words} of the monolith's full suite for a change to ${result.changedFunction}; the monolith running only affected tests, ${ratio('monolith')}`;
  } else {
    because = `${service} needed ${ratio('microservices')} the ${words} of the monolith's full suite for a change to ${result.changedFunction}: no clear saving`;
  }
  return { credited: 'microservices', shownBy, ...(cost ? { cost } : {}), because };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'running only the tests ...', rule: 'every cut compared shows it (monolith, microservices, nanoservices)' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The pipelines side by side, as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * pipelineTable(result).rows[0]; // { shape: 'monolith', scope: 'changed unit', testCases: 246, ... }
 * ```
 */
export function pipelineTable(result: ProductionTimeResult): ResultTable {
  return {
    title: `From a change to ${result.changedFunction} to a tested, shippable unit (medians of ${result.repetitions} rounds)`,
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'scope', label: 'scope' },
      { key: 'unitsBuilt', label: 'units built' },
      { key: 'functionsTested', label: 'functions in the suite' },
      { key: 'contracts', label: 'contracts' },
      { key: 'testCases', label: 'test cases run' },
      { key: 'contractCases', label: 'of which contract' },
      { key: 'bundleBytes', label: 'bytes bundled' },
      { key: 'testMs', label: 'test ms' },
      { key: 'testCpuMs', label: 'test CPU ms' },
      { key: 'buildMs', label: 'build ms' },
      { key: 'totalMs', label: 'total ms' },
    ],
    rows: result.rows.map(({ totalMsPerRound: _rounds, testCpuMsPerRound: _cpu, ...row }) => ({ ...row, testMs: round(row.testMs), buildMs: round(row.buildMs), totalMs: round(row.totalMs) })),
  };
}

/**
 * For a change to each function, the test cases each pipeline would run.
 *
 * @example
 * ```ts
 * selectionTable(result).rows[0]; // { changedFunction: 'validateCart', monolithAll: 246, monolithAffected: 246, microservicesUnit: 163, nanoservicesUnit: 81 }
 * ```
 */
export function selectionTable(result: ProductionTimeResult): ResultTable {
  return {
    title: `Test cases a change runs, per function changed (${result.casesPerFunction} carts per function; counted from the plans)`,
    columns: [
      { key: 'changedFunction', label: 'function changed' },
      { key: 'monolithAll', label: 'monolith, all tests' },
      { key: 'monolithAffected', label: 'monolith, affected tests' },
      { key: 'microservicesUnit', label: 'microservice holding it' },
      { key: 'nanoservicesUnit', label: 'nanoservice' },
    ],
    rows: result.selection.map((row) => ({ ...row })),
  };
}

/**
 * The costs that do not shrink with the unit.
 *
 * @example
 * ```ts
 * fixedCostTable(result).rows; // [{ cost: 'test runner start (empty suite)', ms: 950 }, ...]
 * ```
 */
export function fixedCostTable(result: ProductionTimeResult): ResultTable {
  return {
    title: 'Fixed cost per unit pipeline, whatever the unit holds (medians)',
    columns: [
      { key: 'cost', label: 'cost' },
      { key: 'ms', label: 'ms' },
      { key: 'cpuMs', label: 'CPU ms' },
    ],
    rows: [
      { cost: 'test runner start (vitest run, one empty test)', ms: round(result.fixed.testRunnerStartMs), cpuMs: result.fixed.testRunnerStartCpuMs },
      { cost: 'bundler start (esbuild, empty entry)', ms: round(result.fixed.bundlerStartMs), cpuMs: null },
      { cost: 'node process start (node -e 0)', ms: round(result.fixed.nodeStartMs), cpuMs: null },
    ],
  };
}

/** One pipeline's figures as the page prints them. */
export interface PipelineFigures {
  /** Test cases the runner reported, a count. */
  readonly testCases: number;
  /** Deploy units built, one bundle each, a count. */
  readonly unitsBuilt: number;
  /** Bytes of the bundles written, formatted: '492.1 KiB'. */
  readonly bundle: string;
  /** Median test plus build wall time, formatted: '1,886 ms'. */
  readonly total: string;
  /** Median CPU time of the test run, formatted: '2,060 ms' ('–' when not measured). */
  readonly testCpu: string;
}

/** One bar of the page's plot: a part of one pipeline's median wall time. */
export interface PipelineBar {
  /** The pipeline: 'microservices · changed unit'. */
  readonly pipeline: string;
  /** Which part of the pipeline: 'test' or 'build'. */
  readonly part: 'test' | 'build';
  /** Its median wall time, whole ms. */
  readonly ms: number;
}

/** Every figure the page's prose and plot print, read out of the result. */
export interface PageFigures {
  /** The function the change is made to. */
  readonly changedFunction: string;
  /** The microservice that holds it: 'billing'. */
  readonly microUnitName: string;
  /** The monolith running every test (its unit is the whole system). */
  readonly monoAll: PipelineFigures;
  /** The monolith running only the tests the change reaches. */
  readonly monoAffected: PipelineFigures;
  /** The microservice's pipeline for the change. */
  readonly microUnit: PipelineFigures;
  /** The nanoservice's pipeline for the change. */
  readonly nanoUnit: PipelineFigures;
  /** What the verdict reads: 'test CPU' or 'wall time'. */
  readonly measure: string;
  /** Each pipeline over the monolith running every test, in that measure, median [95% interval]: '0.63× [0.61–0.65×]'. */
  readonly monoAffectedVsAll: string;
  readonly microVsAll: string;
  readonly nanoVsAll: string;
  /** The microservice's and the nanoservice's pipeline over the monolith running only the affected tests. */
  readonly microVsAffected: string;
  readonly nanoVsAffected: string;
  /** Every comparison in both measures, as a table. */
  readonly ratioTable: ResultTable;
  /** The bar a saving must clear: '0.91×'. */
  readonly savingThreshold: string;
  /** The cuts whose pipeline cleared it, in words. */
  readonly savingCuts: string;
  /** The whole system's pipeline, microservices and nanoservices over the monolith, in the deciding measure ('–' without it). */
  readonly microSystemVsMono: string;
  readonly nanoSystemVsMono: string;
  /** The changed microservice's contract cases as a share of its cases: '49%'. */
  readonly microContractShare: string;
  /** The same for the nanoservice. */
  readonly nanoContractShare: string;
  /** Median start of a test runner running one empty test, formatted: '486 ms'. */
  readonly testRunnerStart: string;
  /** Median start of the bundler building an empty file, formatted: '9 ms'. */
  readonly bundlerStart: string;
  /** The fixed start-up costs as a share of the microservice's pipeline: '34%'. */
  readonly microFixedShare: string;
  /** A change to the first function: every monolith test reaches it. */
  readonly headChange: SelectionRow;
  /** Test cases per change, averaged over a change to each function in turn (whole cases). */
  readonly averageOverChanges: Omit<SelectionRow, 'changedFunction'>;
  /** The whole-system pipelines ('–' figures when not run). */
  readonly monoSystem: PipelineFigures;
  readonly nanoSystem: PipelineFigures;
  /** The plot's bars: test and build median wall time per shape and scope. */
  readonly bars: readonly PipelineBar[];
  /** Carts per function in every suite, a count. */
  readonly casesPerFunction: number;
  /** Whether every suite passed with the planned count: 'they did' or 'they did not'. */
  readonly countsAsPlanned: string;
  /** Rounds every pipeline ran in, a count. */
  readonly repetitions: number;
  /** The machine's cores, a count. */
  readonly cores: number;
  /** The machine's 1-minute load average when the run ended. */
  readonly loadAverageAtEnd: number;
  /** The share of the system a change redeploys in the monolith, the lowest over the reference systems: '100%' (all of it, on every one). */
  readonly referenceMonolithRedeploys: string;
  /** The monolith's operations on each reference system, in a sentence: 'The lab's checkout: six functions in a chain 6, Online Boutique: placing an order 13 and An Alibaba-like call tree 24'. */
  readonly referenceMonolithOperations: string;
  /** The share of the system a change redeploys as microservices (mean over operations), in a sentence: 'The lab's checkout: … 39%, Online Boutique: … 12% and An Alibaba-like call tree 24%'. */
  readonly referenceMicroShare: string;
  /** The operations a change redeploys as microservices (mean over operations), in a sentence: 'The lab's checkout: … 2.3, Online Boutique: … 1.6 and An Alibaba-like call tree 5.8'. */
  readonly referenceMicroOperations: string;
  /** The share as nanoservices (one operation each), in a sentence: 'The lab's checkout: … 17%, Online Boutique: … 8% and An Alibaba-like call tree 4%'. */
  readonly referenceNanoShare: string;
  /** The cuts in which a change redeploys less than `savingThreshold` of the system on every reference system, in words: 'microservices and nanoservices' ('no cut' when none). */
  readonly referenceSmallerDeploys: string;
  /** The cuts in which it does not on some reference system, in words: 'monolith' ('no cut' when none). */
  readonly referenceWholeSystemDeploys: string;
  /** The verdict map: the share of the system one change redeploys, on each reference system, across granularity. */
  readonly verdictMap: VerdictMap;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
const ratioText = (interval: Interval | null) => (interval === null ? '–' : formatInterval(interval, 2, '×'));

/**
 * The figures the page prints, each picked from the result (a missing row throws, naming it).
 *
 * @example
 * ```ts
 * pageFigures(result).microUnit.total; // '1,436 ms'
 * pageFigures(result).monoAffectedVsAll; // '0.68× [0.64–0.71×]'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const pipeline = (shape: ShapeName, scope: PipelineScope): PipelineFigures => {
    const row = pickRow(result.rows, { shape, scope });
    return { testCases: row.testCases, unitsBuilt: row.unitsBuilt, bundle: formatBytes(row.bundleBytes), total: formatMs(row.totalMs), testCpu: formatMs(row.testCpuMs) };
  };
  const finding = findingFor(result);
  const cuts = Object.keys(finding.shownBy) as ShapeName[];
  const micro = pickRow(result.rows, { shape: 'microservices', scope: 'changed unit' });
  const nano = pickRow(result.rows, { shape: 'nanoservices', scope: 'changed unit' });
  const system = (shape: ShapeName) => (pipelineRow(result, shape, 'whole system') ? pipeline(shape, 'whole system') : { testCases: 0, unitsBuilt: 0, bundle: '–', total: '–', testCpu: '–' });
  const measure = decidingMeasure(result);
  const comparisons: ReadonlyArray<{ readonly name: string; readonly pipeline: PipelineKey; readonly versus: PipelineKey }> = [
    { name: 'monolith, affected tests ÷ monolith, all tests', pipeline: affectedTestsMonolith, versus: allTestsMonolith },
    { name: 'microservice ÷ monolith, all tests', pipeline: changePipelineOf.microservices, versus: allTestsMonolith },
    { name: 'nanoservice ÷ monolith, all tests', pipeline: changePipelineOf.nanoservices, versus: allTestsMonolith },
    { name: 'microservice ÷ monolith, affected tests', pipeline: changePipelineOf.microservices, versus: affectedTestsMonolith },
    { name: 'nanoservice ÷ monolith, affected tests', pipeline: changePipelineOf.nanoservices, versus: affectedTestsMonolith },
    { name: 'whole system: microservices ÷ monolith', pipeline: { shape: 'microservices', scope: 'whole system' }, versus: { shape: 'monolith', scope: 'whole system' } },
    { name: 'whole system: nanoservices ÷ monolith', pipeline: { shape: 'nanoservices', scope: 'whole system' }, versus: { shape: 'monolith', scope: 'whole system' } },
  ];
  const [affectedVsAll, microVsAll, nanoVsAll, microVsAffected, nanoVsAffected, microSystem, nanoSystem] = comparisons.map((each) => ratioText(timeRatio(result, each.pipeline, each.versus, measure)));
  const bar = (part: PipelineBar['part']) => (row: PipelineRow): PipelineBar => ({ pipeline: `${row.shape} · ${row.scope}`, part, ms: Math.round(part === 'test' ? row.testMs : row.buildMs) });
  const head = result.selection[0];
  if (!head) throw new Error('the result has no selection rows');
  const reference = result.referenceSystems;
  const referenceCuts = [...new Set(reference.cuts.map((row) => row.cut))];
  const smallerEverywhere = (cut: string) => reference.systems.every((each) => structureOf(reference, each.name, cut).unitShareOfSystem < savingThreshold);
  return {
    changedFunction: result.changedFunction,
    microUnitName: unitHolding('microservices', result.changedFunction),
    monoAll: pipeline('monolith', 'changed unit'),
    monoAffected: pipeline('monolith', 'affected tests'),
    microUnit: pipeline('microservices', 'changed unit'),
    nanoUnit: pipeline('nanoservices', 'changed unit'),
    measure,
    monoAffectedVsAll: affectedVsAll as string,
    microVsAll: microVsAll as string,
    nanoVsAll: nanoVsAll as string,
    microVsAffected: microVsAffected as string,
    nanoVsAffected: nanoVsAffected as string,
    ratioTable: {
      title: `Each pipeline over another, round by round: median [95% interval] over ${result.repetitions} rounds`,
      columns: [
        { key: 'comparison', label: 'pipeline ÷ pipeline' },
        { key: 'testCpu', label: 'test CPU' },
        { key: 'wallTime', label: 'wall time, test + build' },
      ],
      rows: comparisons.map((each) => ({ comparison: each.name, testCpu: ratioText(timeRatio(result, each.pipeline, each.versus, 'test CPU')), wallTime: ratioText(timeRatio(result, each.pipeline, each.versus, 'wall time')) })),
    },
    savingThreshold: formatRatio(savingThreshold),
    savingCuts: formatList(cuts.filter((shape) => finding.shownBy[shape])) || 'no cut',
    microSystemVsMono: microSystem as string,
    nanoSystemVsMono: nanoSystem as string,
    microContractShare: formatPercent(micro.contractCases / Math.max(micro.testCases, 1)),
    nanoContractShare: formatPercent(nano.contractCases / Math.max(nano.testCases, 1)),
    testRunnerStart: formatMs(result.fixed.testRunnerStartMs),
    bundlerStart: formatMs(result.fixed.bundlerStartMs),
    microFixedShare: formatPercent((result.fixed.testRunnerStartMs + result.fixed.bundlerStartMs) / micro.totalMs),
    headChange: head,
    averageOverChanges: {
      monolithAll: Math.round(mean(result.selection.map((row) => row.monolithAll))),
      monolithAffected: Math.round(mean(result.selection.map((row) => row.monolithAffected))),
      microservicesUnit: Math.round(mean(result.selection.map((row) => row.microservicesUnit))),
      nanoservicesUnit: Math.round(mean(result.selection.map((row) => row.nanoservicesUnit))),
    },
    monoSystem: system('monolith'),
    nanoSystem: system('nanoservices'),
    bars: [...result.rows.map(bar('test')), ...result.rows.map(bar('build'))],
    casesPerFunction: result.casesPerFunction,
    countsAsPlanned: result.countsMatchPlan && result.failedTests === 0 ? 'they did' : 'they did not',
    repetitions: result.repetitions,
    cores: result.cores,
    loadAverageAtEnd: result.loadAverageAtEnd,
    referenceMonolithRedeploys: formatPercent(Math.min(...reference.systems.map((each) => structureOf(reference, each.name, 'monolith').unitShareOfSystem))),
    referenceMonolithOperations: structureByCut(reference, 'operations', 'monolith'),
    referenceMicroShare: structureByCut(reference, 'unitShareOfSystem', 'microservices', true),
    referenceMicroOperations: structureByCut(reference, 'operationsPerDeploy', 'microservices'),
    referenceNanoShare: structureByCut(reference, 'unitShareOfSystem', 'nanoservices', true),
    referenceSmallerDeploys: formatList(referenceCuts.filter((cut) => smallerEverywhere(cut))) || 'no cut',
    referenceWholeSystemDeploys: formatList(referenceCuts.filter((cut) => !smallerEverywhere(cut))) || 'no cut',
    verdictMap: referenceSystemsMap(result),
  };
}

/**
 * What one change rebuilds and redeploys on each reference system: the operations in its unit, the
 * same as a share of the system, and the calls across units whose contract tests the split cuts keep.
 * Without test selection, the unit is also what the change retests. Counted from the system files.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[7];
 * // { system: 'An Alibaba-like call tree', cut: 'microservices', units: 7, operationsPerDeploy: '5.8', unitShareOfSystem: '24%', crossUnitContracts: 9 }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  return structureTable(result.referenceSystems, 'What one change rebuilds and redeploys, on each reference system (counted from its file)', [
    { figure: 'operationsPerDeploy', label: 'operations rebuilt and redeployed per change (mean)' },
    { figure: 'unitShareOfSystem', label: 'share of the system redeployed per change', share: true },
    { figure: 'crossUnitContracts', label: 'calls across units (contract tests to keep)' },
  ]);
}

/**
 * The verdict map: the share of the system one change redeploys, across granularity. Below the page's
 * saving bar (`savingThreshold`, the rule's 10% margin) a deploy counts as clearly smaller than
 * redeploying the whole system; the monolith sits at all of it.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[1].points; // [{ x: 1, estimate: 0.077 }, { x: 1.44, estimate: 0.12 }, { x: 13, estimate: 1 }]: Online Boutique
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'unitShareOfSystem',
    title: 'The share of the system one change rebuilds and redeploys, as the cut gets finer',
    yLabel: 'share of the system redeployed per change (mean over operations)',
    threshold: savingThreshold,
    aboveThreshold: 'a change redeploys (nearly) the whole system',
    belowThreshold: 'a change redeploys clearly less than the whole system',
    logY: true,
  });
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/micro-less-production-time.json when the site is built, through
 * examples/claims/key-figures.ts). As `findingFor` decides, in the deciding measure (test CPU when it
 * was measured, else wall time): the microservice's pipeline for the change and the monolith running
 * only the tests the change reaches, each over the monolith running every test, round by round with
 * the 95% interval the page prints, and that full suite's median. Null when the run cannot give the
 * microservice's ratio (no such pipeline, or fewer rounds than an interval needs).
 *
 * @example
 * ```ts
 * keyFigure(result); // 'test CPU for a change to calculateTax against the monolith running all its tests (2,060 ms): the billing service 0.74× [0.72–0.76×], the monolith running only the affected tests 0.63× [0.61–0.65×]'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.rows) return null;
  const measure = decidingMeasure(result);
  const micro = timeRatio(result, changePipelineOf.microservices, allTestsMonolith, measure);
  const affected = timeRatio(result, changePipelineOf.monolith, allTestsMonolith, measure);
  const all = pipelineRow(result, allTestsMonolith.shape, allTestsMonolith.scope);
  if (!micro || !all) return null;
  const allTests = formatMs(measure === 'test CPU' ? all.testCpuMs : all.totalMs);
  const selection = affected ? `, the monolith running only the affected tests ${ratioText(affected)}` : '';
  return (
    `${measure === 'test CPU' ? 'test CPU for' : 'time to ship'} a change to ${result.changedFunction} against the monolith running all its tests (${allTests}): ` +
    `the ${unitHolding('microservices', result.changedFunction)} service ${ratioText(micro)}${selection}`
  );
}
