import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { ratioInterval, type Interval } from '../lab/measure/interval.ts';
import { median } from '../lab/measure/stats.ts';
import { formatBytes, formatMs, formatRatio, formatRatioInterval } from '../lab/report/format.ts';
import { assumedBusinessKiBPerFunction } from '../lab/report/canonical.ts';
import { pickRow } from '../lab/report/pick.ts';
import { crossing, type VerdictMap } from '../lab/report/verdict-map.ts';

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
