import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { ratioInterval, type Interval } from '../lab/measure/interval.ts';
import { median } from '../lab/measure/stats.ts';
import { formatBytes, formatList, formatMs, formatNumber, formatRatio, formatRatioInterval } from '../lab/report/format.ts';
import { assumedBusinessKiBPerFunction } from '../lab/report/canonical.ts';
import { pickRow } from '../lab/report/pick.ts';
import { structureByCut, structureTable, systemsWhere } from '../lab/report/structure-table.ts';
import { crossing, type VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/** One deploy unit: its bundle, and medians over the starts measured. */
export interface UnitDeployRow {
  readonly shape: ShapeName;
  readonly unit: string;
  /** Generated business code per function in this unit's bundle, KiB (0: the lab's toy functions alone). */
  readonly businessKiB: number;
  readonly functions: number;
  readonly bundleBytes: number;
  /** From spawn until the process reported the port it listens on. */
  readonly listeningMs: number;
  /** From spawn until its first HTTP 200 (its first function run, and the rest of the chain behind it). */
  readonly firstAnswerMs: number;
  /** Resident memory once idle, with the whole fleet of its shape running. */
  readonly rssKiB: number;
  readonly pssKiB: number | null;
  /** Time to a first answer in each start, in start order. */
  readonly runsFirstAnswerMs: readonly number[];
}

/** One shape's whole fleet, at one amount of business code per function. */
export interface FleetRow {
  readonly shape: ShapeName;
  readonly businessKiB: number;
  readonly processes: number;
  readonly bundleBytes: number;
  readonly rssKiB: number;
  readonly pssKiB: number | null;
  /** Median, over the starts, of the wall time to start every unit one after another, each to its first answer. */
  readonly inTurnStartMs: number;
  /** Median wall time to start every unit at once and answer one whole checkout. */
  readonly atOnceStartMs: number;
  /** The fleet's idle memory in each start (PSS where every unit's was read, else RSS), KiB. */
  readonly runsMemoryKiB: readonly number[];
}

/** A bare node:http server: the platform's floor, started and measured like a unit. */
export interface BaselineRow {
  readonly listeningMs: number;
  readonly rssKiB: number;
  readonly pssKiB: number | null;
}

/** The whole result of a nano-easy-deploy run: plain JSON. */
export interface EasyDeployResult {
  readonly units: readonly UnitDeployRow[];
  readonly fleets: readonly FleetRow[];
  readonly baseline: BaselineRow;
  /** Fleet starts per shape, each in turn and at once; every figure above is a median over them. */
  readonly starts: number;
  /** Every started fleet answered with the receipt the functions return in one call stack. */
  readonly answersMatch: boolean;
  /** The units and operations of the reference systems' cuts, counted from their files: what the measured bundle per operation is scaled to. */
  readonly referenceSystems: ReferenceStructures;
}

/** The result of a nano-easy-deploy run, under the name every claim's report uses. */
export type Result = EasyDeployResult;

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const mibOf = (kiB: number) => Math.round((kiB / 1024) * 10) / 10;
const mib = (kiB: number | null) => (kiB === null ? null : mibOf(kiB));
const ms = (value: number) => Math.round(value);

/**
 * Every unit: bundle size, cold start and idle memory.
 *
 * @example
 * ```ts
 * unitDeployTable(result).rows[0]; // { shape: 'monolith', unit: 'checkout', bundleKiB: 491.9, firstAnswerMs: 180, ... }
 * ```
 */
export function unitDeployTable(result: EasyDeployResult): ResultTable {
  return {
    title: `One unit: bundle, cold start and idle memory (medians of ${result.starts} starts)`,
    columns: [
      { key: 'businessKiB', label: 'business code per function, KiB' },
      { key: 'shape', label: 'shape' },
      { key: 'unit', label: 'unit' },
      { key: 'functions', label: 'functions' },
      { key: 'bundleKiB', label: 'bundle, KiB' },
      { key: 'listeningMs', label: 'listening, ms' },
      { key: 'firstAnswerMs', label: 'first answer, ms' },
      { key: 'rssMiB', label: 'RSS, MiB' },
      { key: 'pssMiB', label: 'PSS, MiB' },
    ],
    rows: [
      ...result.units.map((unit) => ({
        businessKiB: unit.businessKiB,
        shape: unit.shape,
        unit: unit.unit,
        functions: unit.functions,
        bundleKiB: kib(unit.bundleBytes),
        listeningMs: ms(unit.listeningMs),
        firstAnswerMs: ms(unit.firstAnswerMs),
        rssMiB: mib(unit.rssKiB),
        pssMiB: mib(unit.pssKiB),
      })),
      { businessKiB: null, shape: 'baseline', unit: 'bare node:http server', functions: 0, bundleKiB: null, listeningMs: ms(result.baseline.listeningMs), firstAnswerMs: null, rssMiB: mib(result.baseline.rssKiB), pssMiB: mib(result.baseline.pssKiB) },
    ],
  };
}

/**
 * The whole fleet of each shape: what deploying the checkout costs in total.
 *
 * @example
 * ```ts
 * fleetTable(result).rows.find((r) => r.shape === 'nanoservices'); // { processes: 6, bundleKiB: 2952, ... }
 * ```
 */
export function fleetTable(result: EasyDeployResult): ResultTable {
  return {
    title: 'The whole fleet per shape and business code per function',
    columns: [
      { key: 'businessKiB', label: 'business code per function, KiB' },
      { key: 'shape', label: 'shape' },
      { key: 'processes', label: 'processes' },
      { key: 'bundleKiB', label: 'bundles, KiB' },
      { key: 'rssMiB', label: 'RSS, MiB' },
      { key: 'pssMiB', label: 'PSS, MiB' },
      { key: 'inTurnStartMs', label: 'start in turn, ms' },
      { key: 'atOnceStartMs', label: 'start at once, ms' },
    ],
    rows: result.fleets.map((fleet) => ({
      businessKiB: fleet.businessKiB,
      shape: fleet.shape,
      processes: fleet.processes,
      bundleKiB: kib(fleet.bundleBytes),
      rssMiB: mib(fleet.rssKiB),
      pssMiB: mib(fleet.pssKiB),
      inTurnStartMs: ms(fleet.inTurnStartMs),
      atOnceStartMs: ms(fleet.atOnceStartMs),
    })),
  };
}

/**
 * Business code per function the page calls realistic: the site's one assumed value
 * (`assumedBusinessKiBPerFunction` in examples/lab/report/canonical.ts, shared with nano-no-duplication
 * so the same quantity never has two values). The sweep around it shows where the answer would flip.
 */
export const assumedRealisticKiB = assumedBusinessKiBPerFunction;
/** A nanoservice unit counts as a clearly smaller artefact than the monolith when its bundle is at most this fraction of it. */
export const smallerUnitRatio = 0.75;

/** One business-code size: a nanoservice unit against the monolith, and the fleets, one ratio per start where it varies. */
export interface SizeComparison {
  readonly businessKiB: number;
  /** A nanoservice unit's bundle (median over the units) ÷ the monolith's: the same on every start. */
  readonly unitBundleRatio: number;
  /** A nanoservice unit's time to a first answer (median over the units) ÷ the monolith's, one ratio per start. */
  readonly firstAnswerRatio: Interval | null;
  /** The nanoservice fleet's idle memory ÷ the monolith's, one ratio per start. */
  readonly fleetMemoryRatio: Interval | null;
  /** The same from the medians over the starts, for a run of fewer than five starts. */
  readonly fleetMemoryRatioOfMedians: number;
  readonly nanoUnitBundleBytes: number;
  readonly monolithBundleBytes: number;
}

/**
 * The nanoservices against the monolith at every business-code size measured.
 *
 * @example
 * ```ts
 * sizeComparisons(result).map((c) => c.unitBundleRatio); // [1, 0.71, 0.42, 0.23]
 * ```
 */
export function sizeComparisons(result: EasyDeployResult): SizeComparison[] {
  const sizes = [...new Set(result.fleets.map((fleet) => fleet.businessKiB))].sort((a, b) => a - b);
  return sizes.flatMap((businessKiB) => {
    const monolith = result.units.find((unit) => unit.shape === 'monolith' && unit.businessKiB === businessKiB);
    const nanoUnits = result.units.filter((unit) => unit.shape === 'nanoservices' && unit.businessKiB === businessKiB);
    const monoFleet = result.fleets.find((fleet) => fleet.shape === 'monolith' && fleet.businessKiB === businessKiB);
    const nanoFleet = result.fleets.find((fleet) => fleet.shape === 'nanoservices' && fleet.businessKiB === businessKiB);
    if (!monolith || !monoFleet || !nanoFleet || nanoUnits.length === 0) return [];
    const starts = monolith.runsFirstAnswerMs.length;
    const nanoFirstAnswer = Array.from({ length: starts }, (_, start) => median(nanoUnits.map((unit) => unit.runsFirstAnswerMs[start] as number)));
    const enough = starts >= 5;
    const nanoUnitBundleBytes = median(nanoUnits.map((unit) => unit.bundleBytes));
    return [
      {
        businessKiB,
        unitBundleRatio: nanoUnitBundleBytes / monolith.bundleBytes,
        firstAnswerRatio: enough ? ratioInterval(nanoFirstAnswer, monolith.runsFirstAnswerMs) : null,
        fleetMemoryRatio: enough && nanoFleet.runsMemoryKiB.length === monoFleet.runsMemoryKiB.length ? ratioInterval(nanoFleet.runsMemoryKiB, monoFleet.runsMemoryKiB) : null,
        fleetMemoryRatioOfMedians: fleetMemoryKiB(nanoFleet) / fleetMemoryKiB(monoFleet),
        nanoUnitBundleBytes,
        monolithBundleBytes: monolith.bundleBytes,
      },
    ];
  });
}

/**
 * The map of where the answer flips as business code grows: a nanoservice unit's bundle and its time
 * to a first answer as a share of the monolith's, and the nanoservice fleet's memory as a multiple of
 * the monolith's, across the business code per function (linear axis: 0 is the lab's toy). The
 * threshold is `smallerUnitRatio`; the assumed realistic size is marked, labelled as assumed.
 *
 * @example
 * ```ts
 * verdictMapOf(result).lines.map((line) => line.series); // ['bundle, nano unit ÷ monolith', ...]
 * ```
 */
export function verdictMapOf(result: EasyDeployResult): VerdictMap {
  const comparisons = sizeComparisons(result);
  const line = (series: string, pick: (c: SizeComparison) => Interval | number | null) => ({
    series,
    points: comparisons.flatMap((c) => {
      const value = pick(c);
      if (value === null) return [];
      return typeof value === 'number' ? [{ x: c.businessKiB, estimate: value }] : [{ x: c.businessKiB, estimate: value.estimate, low: value.low, high: value.high }];
    }),
  });
  return {
    title: 'A nanoservice unit against the monolith, as business code per function grows',
    xLabel: 'business code per function, KiB',
    yLabel: 'nanoservices ÷ monolith',
    logX: false,
    logY: true,
    threshold: smallerUnitRatio,
    aboveThreshold: 'a nanoservice unit is not clearly smaller or faster than the whole monolith',
    belowThreshold: 'it is',
    lines: [
      line('bundle, nano unit ÷ monolith', (c) => c.unitBundleRatio),
      line('time to first answer, nano unit ÷ monolith', (c) => c.firstAnswerRatio),
      line('idle memory, nano fleet ÷ monolith', (c) => c.fleetMemoryRatio),
    ].filter((l) => l.points.length > 0),
    markers: [{ label: `assumed realistic: ${assumedRealisticKiB} KiB per function`, x: assumedRealisticKiB, source: 'assumed (see the page)' }],
  };
}

/** A deploy unit's bundle split into what every unit ships and what each operation in it adds. */
export interface BundleParts {
  /** Business code per function the bundles were measured with, KiB. */
  readonly businessKiB: number;
  /** What a unit ships before its first operation (the framework, the validation library, the glue), bytes. */
  readonly baseBytes: number;
  /** What each operation adds (its function, its schemas, its business code), bytes. */
  readonly perOperationBytes: number;
}

/**
 * A deploy unit's bundle as what every unit ships plus what each operation it holds adds, from the
 * bundles measured at `businessKiB` of business code per function: the least-squares line through
 * every unit's bundle against the functions it holds (six in the monolith, three, two and one in the
 * microservices, one in each nanoservice). The bundler adds an operation's code and nothing else, so
 * the line meets every measured unit to within a few hundred bytes; it is what carries the measured
 * sizes to systems with more operations than the checkout. Throws when the run measured no unit at
 * that size, or only units holding as many functions (no line can be drawn).
 *
 * @example
 * ```ts
 * bundleParts(result); // { businessKiB: 16, baseBytes: 504_000, perOperationBytes: 16_600 }: a unit of 13 operations ships about 703 KiB
 * ```
 */
export function bundleParts(result: EasyDeployResult, businessKiB: number = assumedRealisticKiB): BundleParts {
  const units = result.units.filter((unit) => unit.businessKiB === businessKiB);
  if (units.length === 0) throw new Error(`the run measured no unit with ${businessKiB} KiB of business code per function`);
  const meanOf = (values: readonly number[]) => values.reduce((total, value) => total + value, 0) / values.length;
  const [meanFunctions, meanBytes] = [meanOf(units.map((unit) => unit.functions)), meanOf(units.map((unit) => unit.bundleBytes))];
  const spread = units.reduce((total, unit) => total + (unit.functions - meanFunctions) ** 2, 0);
  if (spread === 0) throw new Error(`every unit measured at ${businessKiB} KiB holds ${meanFunctions} functions: the bundle per operation cannot be told from the rest`);
  const perOperationBytes = units.reduce((total, unit) => total + (unit.functions - meanFunctions) * (unit.bundleBytes - meanBytes), 0) / spread;
  return { businessKiB, baseBytes: meanBytes - perOperationBytes * meanFunctions, perOperationBytes };
}

/** The idle memory of a fleet split into the monolith's one process and what each further process adds. */
export interface FleetMemoryParts {
  /** Business code per function the fleets were measured with, KiB. */
  readonly businessKiB: number;
  /** The monolith's one process, idle (PSS, else RSS), KiB. */
  readonly monolithKiB: number;
  /** What each process beyond the first added to the nanoservice fleet's memory, KiB: mostly a runtime's floor. */
  readonly perExtraProcessKiB: number;
}

/**
 * A fleet's idle memory as the monolith's one process plus what each further process adds, from the
 * fleets measured at `businessKiB`: (the nanoservice fleet − the monolith) ÷ (its processes − 1). A
 * process's floor (the runtime, the framework, their heap) is what each one adds, the operations'
 * own code being a small part of it, so this is what carries the measured memory to a cut of any size.
 * Throws when the run measured no monolith or no nanoservice fleet of more than one process at that size.
 *
 * @example
 * ```ts
 * fleetMemoryParts(result); // { businessKiB: 16, monolithKiB: 34_267, perExtraProcessKiB: 25_278 }: 13 processes hold about 330 MiB
 * ```
 */
export function fleetMemoryParts(result: EasyDeployResult, businessKiB: number = assumedRealisticKiB): FleetMemoryParts {
  const monolith = pickRow(result.fleets, { shape: 'monolith', businessKiB });
  const nano = pickRow(result.fleets, { shape: 'nanoservices', businessKiB });
  if (nano.processes < 2) throw new Error(`the nanoservice fleet measured at ${businessKiB} KiB ran ${nano.processes} process: what a further process adds cannot be told`);
  return { businessKiB, monolithKiB: fleetMemoryKiB(monolith), perExtraProcessKiB: (fleetMemoryKiB(nano) - fleetMemoryKiB(monolith)) / (nano.processes - 1) };
}

/** One cut of one reference system, with the measured bundle carried to its units. */
interface ReferenceBundle {
  readonly system: string;
  readonly title: string;
  readonly cut: string;
  readonly units: number;
  /** The system's operations over the cut's units: what a unit of the cut holds on average. */
  readonly operationsPerUnit: number;
  /** What such a unit ships: the base plus its operations, bytes. */
  readonly unitBundleBytes: number;
  /** What the same system's monolith ships: the base plus every operation, bytes. */
  readonly monolithBundleBytes: number;
  /** The cut's fleet idle: the monolith's process plus each further unit's, KiB. */
  readonly fleetMemoryKiB: number;
  /** The same system's monolith idle, KiB. */
  readonly monolithMemoryKiB: number;
}

/**
 * Every cut of every reference system, its units counted from the system's file, its bundle and its
 * fleet's memory worked out from the measured parts: only the checkout's cuts were bundled and
 * started, so the rest is arithmetic, which the page says. The monolith's memory is the checkout's
 * measured one for every system: a larger system's monolith holds a little more business code, so
 * the ratios lean slightly in the monolith's favour.
 */
function referenceBundles(result: Result): ReferenceBundle[] {
  const parts = bundleParts(result);
  const memory = fleetMemoryParts(result);
  const titleOf = new Map(result.referenceSystems.systems.map((system) => [system.name, system.title]));
  const bundleOf = (operations: number) => parts.baseBytes + operations * parts.perOperationBytes;
  return result.referenceSystems.cuts.map((row) => ({
    system: row.system,
    title: titleOf.get(row.system) ?? row.system,
    cut: row.cut,
    units: row.units,
    operationsPerUnit: row.operations / row.units,
    unitBundleBytes: bundleOf(row.operations / row.units),
    monolithBundleBytes: bundleOf(row.operations),
    fleetMemoryKiB: memory.monolithKiB + (row.units - 1) * memory.perExtraProcessKiB,
    monolithMemoryKiB: memory.monolithKiB,
  }));
}

/**
 * Each reference system's cuts at the assumed realistic business code per function: the processes
 * each cut starts, what a unit holds, its bundle against the same system's monolith, and the idle
 * fleet against the monolith's process. Units and operations are counted from the system's file;
 * the bundle and the memory are arithmetic from the parts measured on the checkout (`bundleParts`,
 * `fleetMemoryParts`), so that a practitioner sees what "a smaller file, more runtimes" means for a
 * system of thirteen or twenty-four operations.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[5];
 * // { system: 'Online Boutique: placing an order', cut: 'nanoservices', units: 13, operationsPerUnit: '1', unitBundleKiB: 508.5, toMonolith: '0.72×', fleetMemoryMiB: 329.7, memoryToMonolith: '9.85×' }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  const parts = bundleParts(result);
  const memory = fleetMemoryParts(result);
  const bundles = referenceBundles(result);
  const table = structureTable(result.referenceSystems, '', []);
  return {
    title:
      `Each reference system’s cuts with ${formatBytes(parts.businessKiB * 1024)} of business code per function: units and operations counted from its file; ` +
      `a unit’s bundle (${formatBytes(parts.baseBytes)} plus ${formatBytes(parts.perOperationBytes)} per operation) and the idle fleet ` +
      `(the monolith’s ${formatBytes(memory.monolithKiB * 1024)} plus ${formatBytes(memory.perExtraProcessKiB * 1024)} per further process) worked out from the measured ones`,
    columns: [
      ...table.columns.map((column) => (column.key === 'units' ? { ...column, label: 'units (processes to start and watch)' } : column)),
      { key: 'operationsPerUnit', label: 'operations per unit (mean)' },
      { key: 'unitBundleKiB', label: 'one unit’s bundle, KiB' },
      { key: 'toMonolith', label: 'one unit’s bundle ÷ that system’s monolith’s' },
      { key: 'fleetMemoryMiB', label: 'idle fleet, MiB (PSS)' },
      { key: 'memoryToMonolith', label: 'idle fleet ÷ the monolith’s' },
    ],
    rows: table.rows.map((row, index) => {
      const bundle = bundles[index] as ReferenceBundle;
      return {
        ...row,
        operationsPerUnit: formatNumber(bundle.operationsPerUnit),
        unitBundleKiB: kib(bundle.unitBundleBytes),
        toMonolith: formatRatio(bundle.unitBundleBytes / bundle.monolithBundleBytes),
        fleetMemoryMiB: mibOf(bundle.fleetMemoryKiB),
        memoryToMonolith: formatRatio(bundle.fleetMemoryKiB / bundle.monolithMemoryKiB),
      };
    }),
  };
}

/** One figure of one cut on every reference system, in a sentence: 'The lab’s checkout … 0.86×, Online Boutique … 0.71× and …'. */
function referenceByCut(result: Result, cut: string, figure: (bundle: ReferenceBundle) => string): string {
  return formatList(referenceBundles(result).filter((bundle) => bundle.cut === cut).map((bundle) => `${bundle.title} ${figure(bundle)}`));
}

/** One bar of the fleet-memory plot: a shape's idle fleet, in PSS where it was read, else RSS. A type, not an interface, so that it fits BarPlot's rows of records. */
export type FleetMemoryBar = {
  readonly shape: ShapeName;
  /** Which measure the bar shows: PSS, or RSS where PSS could not be read. */
  readonly memory: 'PSS' | 'RSS';
  /** The fleet's memory in MiB, to one decimal. */
  readonly MiB: number;
};

/** One bar of the fleet-start plot: a shape's fleet started one way (a type, like `FleetMemoryBar`). */
export type FleetStartBar = {
  readonly shape: ShapeName;
  readonly start: 'one unit after another' | 'all units at once';
  /** Median wall time until every unit answered, in whole ms. */
  readonly ms: number;
};

/** Everything the page prints, read from one run's result and formatted the way the page shows it. */
export interface PageFigures {
  /** Fleet starts per shape behind every median (a count). */
  readonly starts: number;
  /** The map of where the answer flips as business code grows. */
  readonly verdictMap: VerdictMap;
  /** The business code per function the page calls realistic (assumed): '128 KiB'. */
  readonly assumedRealistic: string;
  /** The sizes swept, in words: '0, 32, 128 and 512'. */
  readonly sizesSwept: string;
  /** Where a nanoservice unit's bundle falls to `smallerUnitRatio` of the monolith's: '36 KiB' ('–' if it does not within the sweep). */
  readonly bundleFlipsAt: string;
  /** At the assumed realistic size: a nano unit's bundle, the monolith's, and the ratio. */
  readonly realisticNanoBundle: string;
  readonly realisticMonolithBundle: string;
  readonly realisticBundleRatio: string;
  /** At the assumed realistic size: the time to a first answer and the fleet memory as ratios with intervals ('–' with fewer than five starts). */
  readonly realisticFirstAnswerRatio: string;
  readonly realisticFleetMemoryRatio: string;
  /** The same two at the toy size (0 KiB). */
  readonly toyBundleRatio: string;
  readonly toyFirstAnswerRatio: string;
  readonly toyFleetMemoryRatio: string;
  /** At the largest size swept: the bundle ratio and the fleet memory ratio. */
  readonly largestSize: string;
  readonly largestBundleRatio: string;
  readonly largestFleetMemoryRatio: string;
  /** At the assumed realistic business code (as every unit and fleet figure below): a nanoservice unit's bundle, median over the units: '620.5 KiB'. */
  readonly nanoUnitBundle: string;
  /** A nanoservice unit's time from spawn to its first answer, median over the units: '92 ms'. */
  readonly nanoUnitFirstAnswer: string;
  /** A nanoservice unit's idle resident memory (RSS), median over the units: '62.6 MiB'. */
  readonly nanoUnitRss: string;
  /** The monolith's bundle: '492.1 KiB'. */
  readonly monolithUnitBundle: string;
  /** The monolith's time from spawn to its first answer, a whole checkout: '88 ms'. */
  readonly monolithUnitFirstAnswer: string;
  /** The monolith's idle resident memory (RSS): '63.8 MiB'. */
  readonly monolithUnitRss: string;
  /** The bare node:http server's time from spawn to listening: '27 ms'. */
  readonly baselineListening: string;
  /** The bare node:http server's idle resident memory (RSS): '41 MiB'. */
  readonly baselineRss: string;
  /** Processes in the nanoservice fleet (a count). */
  readonly nanoFleetProcesses: number;
  /** Processes in the monolith's fleet (a count). */
  readonly monolithFleetProcesses: number;
  /** The nanoservice fleet's bundles together: '2.9 MiB'. */
  readonly nanoFleetBundles: string;
  /** The monolith fleet's bundles together: '492.1 KiB'. */
  readonly monolithFleetBundles: string;
  /** The nanoservice fleet's idle memory, PSS (RSS where PSS could not be read): '155.4 MiB'. */
  readonly nanoFleetMemory: string;
  /** The monolith fleet's idle memory, PSS (RSS where PSS could not be read): '32 MiB'. */
  readonly monolithFleetMemory: string;
  /** The nanoservice fleet started one unit after another, until every unit answered, median: '563 ms'. */
  readonly nanoFleetInTurn: string;
  /** The monolith fleet started the same way: '88 ms'. */
  readonly monolithFleetInTurn: string;
  /** The nanoservice fleet started all at once, until it answered one checkout, median: '317 ms'. */
  readonly nanoFleetAtOnce: string;
  /** The monolith fleet started the same way: '89 ms'. */
  readonly monolithFleetAtOnce: string;
  /** Whether every fleet returned the reference receipt, as the page's clause. */
  readonly answersMatch: string;
  /** The titles of the two fleet plots, naming the business code they were measured with. */
  readonly fleetMemoryTitle: string;
  readonly fleetStartTitle: string;
  /** The bars of the fleet-memory plot, one per shape, in MiB. */
  readonly fleetMemoryBars: readonly FleetMemoryBar[];
  /** The bars of the fleet-start plot, two per shape, in ms. */
  readonly fleetStartBars: readonly FleetStartBar[];
  /** What every unit ships before its first operation, from the measured bundles at the assumed realistic size: '492.2 KiB'. */
  readonly referenceBundleBase: string;
  /** What each operation adds to a unit's bundle at that size: '16.2 KiB'. */
  readonly referenceBundlePerOperation: string;
  /** Operations on each reference system, in a sentence (counted from its file): 'The lab’s checkout … 6, Online Boutique … 13 and An Alibaba-like call tree 24'. */
  readonly referenceOperations: string;
  /** A nanoservice unit's bundle over its system's monolith's, on each reference system (arithmetic from the measured parts): '… 0.86×, … 0.71× and … 0.58×'. */
  readonly referenceNanoToMonolith: string;
  /** Operations a microservice holds on average on each reference system: '… 2, … 1.4 and … 3.4'. */
  readonly referenceMicroOperationsPerUnit: string;
  /** A microservice unit's bundle (of that mean size) over its system's monolith's: '… 0.89×, … 0.72× and … 0.62×'. */
  readonly referenceMicroToMonolith: string;
  /** The reference systems on which a nanoservice unit's bundle is at most `smallerUnitRatio` of its monolith's, in a sentence ('none of them' when none). */
  readonly referenceClearlySmaller: string;
  /** `smallerUnitRatio`, the share of the monolith's bundle below which a unit counts as clearly smaller: '0.75×'. */
  readonly smallerUnitThreshold: string;
  /** The processes each reference system's nanoservices start, keep in memory and watch: '… 6, … 13 and … 24'. */
  readonly referenceNanoProcesses: string;
  /** What each process beyond the monolith's one added to the idle fleet, measured at the assumed realistic size (PSS, else RSS): '24.7 MiB'. */
  readonly referenceMemoryPerProcess: string;
  /** The nanoservice fleet's idle memory over its system's monolith's, on each reference system (arithmetic from the measured fleets): '… 4.69×, … 9.85× and … 18.0×'. */
  readonly referenceNanoMemoryRatio: string;
  /** The same for each reference system's own microservices: '… 2.48×, … 6.90× and … 5.43×'. */
  readonly referenceMicroMemoryRatio: string;
}

/** A fleet's memory: PSS, which divides shared pages among the processes, or RSS where PSS could not be read. */
const fleetMemoryKiB = (fleet: FleetRow) => fleet.pssKiB ?? fleet.rssKiB;

/**
 * The figures the page prints, from one run's result: one nanoservice unit (medians over the units)
 * against the monolith's single unit and the bare node:http floor, then the whole fleets, and the
 * rows of the two fleet plots. Throws when the monolith or the nanoservices were not measured.
 *
 * @example
 * ```ts
 * const figures = pageFigures(result);
 * figures.nanoUnitBundle; // '492.3 KiB'
 * figures.nanoFleetMemory; // '155.4 MiB'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  // The unit and fleet figures are quoted at the assumed realistic size; the toy (0 KiB) and the sweep through the comparisons.
  const toy = Math.min(...result.fleets.map((fleet) => fleet.businessKiB));
  const nanoFleet = pickRow(result.fleets, { shape: 'nanoservices', businessKiB: assumedRealisticKiB });
  const monolithFleet = pickRow(result.fleets, { shape: 'monolith', businessKiB: assumedRealisticKiB });
  const monolith = pickRow(result.units, { shape: 'monolith', businessKiB: assumedRealisticKiB });
  const nanoUnits = result.units.filter((unit) => unit.shape === 'nanoservices' && unit.businessKiB === assumedRealisticKiB);
  const comparisons = sizeComparisons(result);
  const at = (businessKiB: number) => {
    const found = comparisons.find((c) => c.businessKiB === businessKiB);
    if (!found) throw new Error(`the page quotes ${businessKiB} KiB of business code per function, and the run did not measure it`);
    return found;
  };
  const [toyComparison, realistic, largest] = [at(toy), at(assumedRealisticKiB), comparisons.at(-1) as SizeComparison];
  const ratioText = (interval: Interval | null) => (interval ? formatRatioInterval(interval) : '–');
  const map = verdictMapOf(result);
  const bundleLine = map.lines.find((line) => line.series.startsWith('bundle'));
  const flip = bundleLine ? crossing(bundleLine.points, map.threshold, map) : null;
  const nanoMedian = (key: 'bundleBytes' | 'firstAnswerMs' | 'rssKiB') => median(nanoUnits.map((unit) => unit[key]));
  const kibAsBytes = (kiB: number) => kiB * 1024;
  return {
    starts: result.starts,
    verdictMap: map,
    assumedRealistic: formatBytes(assumedRealisticKiB * 1024),
    sizesSwept: comparisons.map((c) => String(c.businessKiB)).join(', ').replace(/, (?=[^,]*$)/, ' and '),
    bundleFlipsAt: flip === null ? '–' : formatBytes(flip * 1024),
    realisticNanoBundle: formatBytes(realistic.nanoUnitBundleBytes),
    realisticMonolithBundle: formatBytes(realistic.monolithBundleBytes),
    realisticBundleRatio: formatRatio(realistic.unitBundleRatio),
    realisticFirstAnswerRatio: ratioText(realistic.firstAnswerRatio),
    realisticFleetMemoryRatio: ratioText(realistic.fleetMemoryRatio),
    toyBundleRatio: formatRatio(toyComparison.unitBundleRatio),
    toyFirstAnswerRatio: ratioText(toyComparison.firstAnswerRatio),
    toyFleetMemoryRatio: ratioText(toyComparison.fleetMemoryRatio),
    largestSize: formatBytes(largest.businessKiB * 1024),
    largestBundleRatio: formatRatio(largest.unitBundleRatio),
    largestFleetMemoryRatio: ratioText(largest.fleetMemoryRatio),
    nanoUnitBundle: formatBytes(nanoMedian('bundleBytes')),
    nanoUnitFirstAnswer: formatMs(nanoMedian('firstAnswerMs')),
    nanoUnitRss: formatBytes(kibAsBytes(nanoMedian('rssKiB'))),
    monolithUnitBundle: formatBytes(monolith.bundleBytes),
    monolithUnitFirstAnswer: formatMs(monolith.firstAnswerMs),
    monolithUnitRss: formatBytes(kibAsBytes(monolith.rssKiB)),
    baselineListening: formatMs(result.baseline.listeningMs),
    baselineRss: formatBytes(kibAsBytes(result.baseline.rssKiB)),
    nanoFleetProcesses: nanoFleet.processes,
    monolithFleetProcesses: monolithFleet.processes,
    nanoFleetBundles: formatBytes(nanoFleet.bundleBytes),
    monolithFleetBundles: formatBytes(monolithFleet.bundleBytes),
    nanoFleetMemory: formatBytes(kibAsBytes(fleetMemoryKiB(nanoFleet))),
    monolithFleetMemory: formatBytes(kibAsBytes(fleetMemoryKiB(monolithFleet))),
    nanoFleetInTurn: formatMs(nanoFleet.inTurnStartMs),
    monolithFleetInTurn: formatMs(monolithFleet.inTurnStartMs),
    nanoFleetAtOnce: formatMs(nanoFleet.atOnceStartMs),
    monolithFleetAtOnce: formatMs(monolithFleet.atOnceStartMs),
    answersMatch: result.answersMatch ? 'every fleet did' : 'at least one fleet did not',
    fleetMemoryTitle: `Memory of the whole fleet, idle, per shape, with ${formatBytes(assumedRealisticKiB * 1024)} of business code per function`,
    fleetStartTitle: `Time to start the whole fleet, per shape, with ${formatBytes(assumedRealisticKiB * 1024)} of business code per function: one unit after another, and all at once`,
    fleetMemoryBars: result.fleets.filter((fleet) => fleet.businessKiB === assumedRealisticKiB).map((fleet): FleetMemoryBar => ({ shape: fleet.shape, memory: fleet.pssKiB === null ? 'RSS' : 'PSS', MiB: mibOf(fleetMemoryKiB(fleet)) })),
    fleetStartBars: result.fleets.filter((fleet) => fleet.businessKiB === assumedRealisticKiB).flatMap((fleet): FleetStartBar[] => [
      { shape: fleet.shape, start: 'one unit after another', ms: ms(fleet.inTurnStartMs) },
      { shape: fleet.shape, start: 'all units at once', ms: ms(fleet.atOnceStartMs) },
    ]),
    ...referenceFigures(result),
  };
}

/** The page's figures about the reference systems: the measured bundle parts carried to their cuts. */
function referenceFigures(
  result: Result,
): Pick<
  PageFigures,
  | 'referenceBundleBase'
  | 'referenceBundlePerOperation'
  | 'referenceOperations'
  | 'referenceNanoToMonolith'
  | 'referenceMicroOperationsPerUnit'
  | 'referenceMicroToMonolith'
  | 'referenceClearlySmaller'
  | 'smallerUnitThreshold'
  | 'referenceNanoProcesses'
  | 'referenceMemoryPerProcess'
  | 'referenceNanoMemoryRatio'
  | 'referenceMicroMemoryRatio'
> {
  const parts = bundleParts(result);
  const toMonolith = (bundle: ReferenceBundle) => formatRatio(bundle.unitBundleBytes / bundle.monolithBundleBytes);
  const memoryRatio = (bundle: ReferenceBundle) => formatRatio(bundle.fleetMemoryKiB / bundle.monolithMemoryKiB);
  const bundles = referenceBundles(result);
  return {
    referenceBundleBase: formatBytes(parts.baseBytes),
    referenceBundlePerOperation: formatBytes(parts.perOperationBytes),
    referenceOperations: structureByCut(result.referenceSystems, 'operations', 'monolith'),
    referenceNanoToMonolith: referenceByCut(result, 'nanoservices', toMonolith),
    referenceMicroOperationsPerUnit: referenceByCut(result, 'microservices', (bundle) => formatNumber(bundle.operationsPerUnit)),
    referenceMicroToMonolith: referenceByCut(result, 'microservices', toMonolith),
    referenceClearlySmaller: systemsWhere(result.referenceSystems, (system) => {
      const nano = pickRow(bundles, { system, cut: 'nanoservices' });
      return nano.unitBundleBytes / nano.monolithBundleBytes <= smallerUnitRatio;
    }),
    smallerUnitThreshold: formatRatio(smallerUnitRatio),
    referenceNanoProcesses: structureByCut(result.referenceSystems, 'units', 'nanoservices'),
    referenceMemoryPerProcess: formatBytes(fleetMemoryParts(result).perExtraProcessKiB * 1024),
    referenceNanoMemoryRatio: referenceByCut(result, 'nanoservices', memoryRatio),
    referenceMicroMemoryRatio: referenceByCut(result, 'microservices', memoryRatio),
  };
}

/**
 * What the figures found, in the terms of the one verdict rule. "Easy to deploy", as the lab can test
 * it: every unit of a cut ships as one self-contained file that plain `node` starts to a correct first
 * answer. A cut shows it when every start of every one of its units did, at every size of business
 * code; every cut does, so the rule calls it misattributed. What the cut changes is the sentence's
 * figures, at the assumed realistic size: a nanoservice unit's bundle against the monolith's, and the
 * price, the nanoservice fleet's memory against the monolith's (one ratio per start).
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'nanoservices', shownBy: { monolith: true, microservices: true, nanoservices: true }, cost: { ... }, because: '...' }
 * ```
 */
export function findingFor(result: EasyDeployResult): Finding {
  const cuts = [...new Set(result.units.map((unit) => unit.shape))];
  const started = (shape: ShapeName) => result.answersMatch && result.units.filter((unit) => unit.shape === shape).every((unit) => unit.runsFirstAnswerMs.every(Number.isFinite));
  const shownBy = Object.fromEntries(cuts.map((cut) => [cut, started(cut)]));
  const credited = 'nanoservices';
  if (!(credited in shownBy)) return { credited, shownBy: { ...shownBy, nanoservices: false }, because: 'the run did not deploy the nanoservices' };
  if (!shownBy[credited]) return { credited, shownBy, because: 'a nanoservice fleet did not start to the reference receipt from its bundles' };
  const comparisons = sizeComparisons(result);
  const realistic = comparisons.find((c) => c.businessKiB === assumedRealisticKiB) ?? comparisons.at(-1);
  if (!realistic) return { credited, shownBy, because: 'every cut deployed from one bundle per unit; the run did not compare a nanoservice unit with the monolith' };
  return {
    credited,
    shownBy,
    ...(realistic.fleetMemoryRatio ? { cost: { what: `the nanoservice fleet's idle memory against the monolith's, at ${formatBytes(realistic.businessKiB * 1024)} of business code per function`, ratio: realistic.fleetMemoryRatio } } : {}),
    because:
      `each cut’s units deploy as one file; at ${formatBytes(realistic.businessKiB * 1024)} of business code per function a nano unit ships ${formatRatio(realistic.unitBundleRatio)} the monolith’s bundle, ` +
      `its fleet ${formatRatio(realistic.fleetMemoryRatio?.estimate ?? realistic.fleetMemoryRatioOfMedians)} the memory`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'each cut’s units deploy as one file; ...', rule: 'every cut compared shows it (...)' }
 * ```
 */
export function verdictFor(result: EasyDeployResult): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/nano-easy-deploy.json when the site is built, through
 * examples/claims/key-figures.ts). As the because-sentence, at the assumed realistic business code per
 * function (else the most measured): a nanoservice unit's bundle against the monolith's, and the
 * price, the nanoservice fleet's idle memory against the monolith's, one ratio per start with its 95%
 * interval (the ratio of the medians below five starts), led by the failure when a nanoservice fleet
 * did not start (the verdict then rests on that). Null when the run compared no nanoservice unit with
 * the monolith.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'at 16 KiB of business code per function a nanoservice unit ships 0.23× the monolith’s bundle; its fleet of 6 processes needs 2.45× [2.40–2.51×] the memory'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.units || !result.fleets) return null;
  const comparisons = sizeComparisons(result);
  const realistic = comparisons.find((c) => c.businessKiB === assumedRealisticKiB) ?? comparisons.at(-1);
  const nanoFleet = realistic && result.fleets.find((fleet) => fleet.shape === 'nanoservices' && fleet.businessKiB === realistic.businessKiB);
  if (!realistic || !nanoFleet) return null;
  const memory = realistic.fleetMemoryRatio ? formatRatioInterval(realistic.fleetMemoryRatio) : formatRatio(realistic.fleetMemoryRatioOfMedians);
  const figure =
    `at ${formatBytes(realistic.businessKiB * 1024)} of business code per function a nanoservice unit ships ${formatRatio(realistic.unitBundleRatio)} the monolith’s bundle; ` +
    `its fleet of ${nanoFleet.processes} processes needs ${memory} the memory`;
  return findingFor(result).shownBy.nanoservices ? figure : `a nanoservice fleet did not start to the reference receipt; ${figure}`;
}
