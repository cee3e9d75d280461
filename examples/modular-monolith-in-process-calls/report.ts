import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyAbove, formatInterval, intervalOf, ratioInterval, type Interval } from '../lab/measure/interval.ts';
import type { LatencySummary } from '../lab/measure/measure.ts';
import { median } from '../lab/measure/stats.ts';
import type { TransportName } from '../lab/units/transport.ts';
import { formatList, formatRatio, formatRatioInterval, formatUs } from '../lab/report/format.ts';
import { pickRow } from '../lab/report/pick.ts';
import { structureByCut, structureOf } from '../lab/report/structure-table.ts';
import { sweepRatios } from '../lab/report/sweep-table.ts';
import { crossing, mapMarkers, markersBySide, sideAt, type MapLine, type VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures, SweepResult } from '../lab/system-run/reference-sweep.ts';

/** The shapes compared, in the order they are deployed and shown: the plain monolith is the control. */
export const comparedShapes = ['monolith', 'modular-monolith', 'microservices'] as const;
/** One compared shape. */
export type ComparedShape = (typeof comparedShapes)[number];

/** What a checkout crosses in one shape: counts that are the same on every run and transport. */
interface Crossings {
  readonly units: number;
  /** Business boundaries crossed by a function call (modules of one unit), from the shape. */
  readonly crossedByFunctionCall: number;
  /** Business boundaries crossed over the transport (unit to unit), from the shape. */
  readonly crossedOverNetwork: number;
  /** Calls that crossed the transport for one checkout, the client's included, counted by the units. */
  readonly networkCalls: number;
}

/** One shape on one transport in one independent run: what a checkout crossed and how long it took. */
export interface RunRow extends Crossings {
  /** 1, 2, …: the run, each deploying every shape afresh. */
  readonly run: number;
  readonly transport: TransportName;
  readonly shape: ComparedShape;
  /** Checkouts recorded in this run. */
  readonly iterations: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
}

/** One shape on one transport over all the runs: the percentiles are the medians of the runs'. */
export interface ShapeRow extends Crossings {
  readonly transport: TransportName;
  readonly shape: ComparedShape;
  /** Checkouts recorded over all runs. */
  readonly iterations: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
}

/** Microservices against the modular monolith on one transport, with the plain monolith as control: one ratio per run. */
export interface TransportComparison {
  readonly transport: TransportName;
  /** Medians over the runs, µs. */
  readonly microservicesP50Us: number;
  readonly modularP50Us: number;
  readonly monolithP50Us: number;
  readonly microservicesP99Us: number;
  readonly modularP99Us: number;
  /** Microservices p50 ÷ modular monolith p50, the median of the runs' ratios: above 1, the split modules answer slower. */
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  /** Modular monolith p50 ÷ plain monolith p50: the same code at run time, so its distance from 1 is noise. */
  readonly controlRatio: number;
  /** (microservices p50 − modular p50) per boundary that became a network call, median of the runs, µs. */
  readonly perNetworkCrossingUs: number;
  /** The same figures with their 95% intervals over the runs, and the microservices against the plain monolith. */
  readonly intervals: {
    readonly p50Ratio: Interval;
    readonly p99Ratio: Interval;
    readonly controlRatio: Interval;
    readonly monolithP50Ratio: Interval;
    readonly perNetworkCrossingUs: Interval;
  };
}

/** One shape in one run of the work sweep (http transport): each module given `addedWorkUs` of CPU per checkout. */
export interface WorkRunRow {
  readonly run: number;
  readonly addedWorkUs: number;
  readonly shape: ComparedShape;
  readonly iterations: number;
  readonly p50Us: number;
}

/** The work sweep behind the verdict map. */
export interface WorkPerCall {
  /** The checkout's own work per module, µs: the six functions in one call stack ÷ the modules. */
  readonly naturalUs: number;
  /** Business modules per checkout: each microservice receives one call per checkout. */
  readonly modules: number;
  readonly rows: readonly WorkRunRow[];
}

/** The result of a run: plain JSON, read by the CLI, the tests, the evidence file and the page. */
export interface Result {
  /** Independent runs. */
  readonly runs: number;
  readonly runRows: readonly RunRow[];
  /** Every shape on every transport over all runs (medians). */
  readonly rows: readonly ShapeRow[];
  readonly comparisons: readonly TransportComparison[];
  /** The six functions in one call stack, no server: the work every shape does. */
  readonly inProcessCheckout: LatencySummary;
  readonly workPerCall: WorkPerCall;
  /** Every shape on every transport (and with every work size) returned exactly what the functions return in one call stack. */
  readonly sameAnswers: boolean;
  /** The calls each cut of the reference systems makes over the network and in process, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;
const transportsOf = (rows: readonly RunRow[]) => [...new Set(rows.map((row) => row.transport))];
const runsOf = (rows: readonly { readonly run: number }[]) => [...new Set(rows.map((row) => row.run))];

/**
 * Every shape on every transport over all runs: the counts of the first run (they do not vary), the
 * checkouts summed, each percentile the median of the runs'.
 *
 * @example
 * ```ts
 * summariseRows(runRows)[0]; // { transport: 'process', shape: 'monolith', networkCalls: 1, iterations: 3000, p50Us: 374, ... }
 * ```
 */
export function summariseRows(runRows: readonly RunRow[]): ShapeRow[] {
  return transportsOf(runRows).flatMap((transport) =>
    comparedShapes.flatMap((shape) => {
      const rows = runRows.filter((row) => row.transport === transport && row.shape === shape);
      const first = rows[0];
      if (!first) return [];
      const med = (pick: (row: RunRow) => number) => round1(median(rows.map(pick)));
      return [
        {
          transport,
          shape,
          units: first.units,
          crossedByFunctionCall: first.crossedByFunctionCall,
          crossedOverNetwork: first.crossedOverNetwork,
          networkCalls: first.networkCalls,
          iterations: rows.reduce((total, row) => total + row.iterations, 0),
          p50Us: med((row) => row.p50Us),
          p90Us: med((row) => row.p90Us),
          p99Us: med((row) => row.p99Us),
        },
      ];
    }),
  );
}

/**
 * Puts the microservices beside the modular monolith on every transport measured, one ratio per run
 * (the three shapes of a run were measured side by side), each with its 95% interval over the runs.
 * Throws below five runs.
 *
 * @example
 * ```ts
 * compareShapes(runRows)[0]; // { transport: 'process', p50Ratio: 3.06, intervals: { p50Ratio: { estimate: 3.06, low: 2.9, high: 3.2, runs: 5 }, ... }, ... }
 * ```
 */
export function compareShapes(runRows: readonly RunRow[]): TransportComparison[] {
  return transportsOf(runRows).flatMap((transport) => {
    const runs = runsOf(runRows.filter((row) => row.transport === transport));
    const rowsOf = (shape: ComparedShape) => runs.map((run) => runRows.find((row) => row.transport === transport && row.shape === shape && row.run === run));
    const [mono, modular, micro] = [rowsOf('monolith'), rowsOf('modular-monolith'), rowsOf('microservices')];
    if ([...mono, ...modular, ...micro].some((row) => row === undefined)) return [];
    const p50 = (rows: ReadonlyArray<RunRow | undefined>) => rows.map((row) => (row as RunRow).p50Us);
    const p99 = (rows: ReadonlyArray<RunRow | undefined>) => rows.map((row) => (row as RunRow).p99Us);
    const extraCrossings = Math.max(1, (micro[0] as RunRow).crossedOverNetwork - (modular[0] as RunRow).crossedOverNetwork);
    const intervals = {
      p50Ratio: ratioInterval(p50(micro), p50(modular)),
      p99Ratio: ratioInterval(p99(micro), p99(modular)),
      controlRatio: ratioInterval(p50(modular), p50(mono)),
      monolithP50Ratio: ratioInterval(p50(micro), p50(mono)),
      perNetworkCrossingUs: intervalOf(p50(micro).map((us, index) => (us - (p50(modular)[index] as number)) / extraCrossings)),
    };
    return [
      {
        transport,
        microservicesP50Us: round1(median(p50(micro))),
        modularP50Us: round1(median(p50(modular))),
        monolithP50Us: round1(median(p50(mono))),
        microservicesP99Us: round1(median(p99(micro))),
        modularP99Us: round1(median(p99(modular))),
        p50Ratio: round2(intervals.p50Ratio.estimate),
        p99Ratio: round2(intervals.p99Ratio.estimate),
        controlRatio: round2(intervals.controlRatio.estimate),
        perNetworkCrossingUs: round1(intervals.perNetworkCrossingUs.estimate),
        intervals,
      },
    ];
  });
}

const ratioText = (interval: Interval) => formatInterval(interval, 2, '×');
const usText = (interval: Interval) => formatInterval(interval, 0, ' µs');

/**
 * The side-by-side comparison per transport, for the page's first table: medians over the runs, and
 * each ratio with its 95% interval.
 *
 * @example
 * ```ts
 * comparisonTable(result).rows[0]; // { transport: 'process', microservicesP50Us: 1130, modularP50Us: 369, p50Ratio: '3.06× [2.95–3.18×]', ... }
 * ```
 */
export function comparisonTable(result: Result): ResultTable {
  return {
    title: `Microservices ÷ modular monolith, per transport (the plain monolith as control; medians and 95% intervals over ${result.runs} runs)`,
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'microservicesP50Us', label: 'microservices p50 µs' },
      { key: 'modularP50Us', label: 'modular monolith p50 µs' },
      { key: 'p50Ratio', label: 'p50 ratio' },
      { key: 'microservicesP99Us', label: 'microservices p99 µs' },
      { key: 'modularP99Us', label: 'modular monolith p99 µs' },
      { key: 'p99Ratio', label: 'p99 ratio' },
      { key: 'perNetworkCrossing', label: 'per boundary over the network (p50)' },
      { key: 'monolithP50Us', label: 'plain monolith p50 µs' },
      { key: 'controlRatio', label: 'modular ÷ plain monolith (p50)' },
    ],
    rows: result.comparisons.map((c) => ({
      transport: c.transport,
      microservicesP50Us: c.microservicesP50Us,
      modularP50Us: c.modularP50Us,
      p50Ratio: ratioText(c.intervals.p50Ratio),
      microservicesP99Us: c.microservicesP99Us,
      modularP99Us: c.modularP99Us,
      p99Ratio: ratioText(c.intervals.p99Ratio),
      perNetworkCrossing: usText(c.intervals.perNetworkCrossingUs),
      monolithP50Us: c.monolithP50Us,
      controlRatio: ratioText(c.intervals.controlRatio),
    })),
  };
}

/**
 * Every shape on every transport, with all the percentiles recorded (medians over the runs).
 *
 * @example
 * ```ts
 * latencyTable(result).rows[0]; // { transport: 'process', shape: 'monolith', networkCalls: 1, p50Us: 374, ... }
 * ```
 */
export function latencyTable(result: Result): ResultTable {
  return {
    title: `Checkout latency per shape and transport (medians of ${result.runs} runs)`,
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'networkCalls', label: 'network calls per checkout' },
      { key: 'iterations', label: 'checkouts recorded' },
      { key: 'p50Us', label: 'p50 µs' },
      { key: 'p90Us', label: 'p90 µs' },
      { key: 'p99Us', label: 'p99 µs' },
    ],
    rows: result.rows.map((row) => ({
      transport: row.transport,
      shape: row.shape,
      units: row.units,
      networkCalls: row.networkCalls,
      iterations: row.iterations,
      p50Us: row.p50Us,
      p90Us: row.p90Us,
      p99Us: row.p99Us,
    })),
  };
}

/**
 * The business boundaries one checkout crosses per shape, and how: the same two boundaries, crossed by
 * a function call in the modular monolith and over the network by the microservices. Read from the
 * first transport's rows; the counts do not depend on the transport.
 *
 * @example
 * ```ts
 * boundariesTable(result).rows[1]; // { shape: 'modular-monolith', units: 1, crossedByFunctionCall: 2, crossedOverNetwork: 0, networkCalls: 1 }
 * ```
 */
export function boundariesTable(result: Result): ResultTable {
  const first = result.rows[0]?.transport;
  return {
    title: 'Boundaries crossed per checkout',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'deploy units' },
      { key: 'crossedByFunctionCall', label: 'boundaries crossed by a function call' },
      { key: 'crossedOverNetwork', label: 'boundaries crossed over the network' },
      { key: 'networkCalls', label: 'network calls per checkout (client’s included)' },
    ],
    rows: result.rows
      .filter((row) => row.transport === first)
      .map((row) => ({
        shape: row.shape,
        units: row.units,
        crossedByFunctionCall: row.crossedByFunctionCall,
        crossedOverNetwork: row.crossedOverNetwork,
        networkCalls: row.networkCalls,
      })),
  };
}

/** The p50s of one shape per run, for one work size of the sweep, in run order. */
const workP50s = (result: Result, addedWorkUs: number, shape: ComparedShape) =>
  runsOf(result.workPerCall.rows).map((run) => pickRow(result.workPerCall.rows, { run, addedWorkUs, shape }).p50Us);
/** The p50s of one shape per run on one transport of the main measurement, in run order. */
const transportP50s = (result: Result, transport: TransportName, shape: ComparedShape) =>
  runsOf(result.runRows).map((run) => pickRow(result.runRows, { run, transport, shape }).p50Us);
/** The work sizes of the sweep, in increasing order. */
const workSizes = (result: Result) => [...new Set(result.workPerCall.rows.map((row) => row.addedWorkUs))].sort((a, b) => a - b);

/**
 * The work sweep as a table: per work size, each shape's median checkout (median of the runs) and the
 * microservices' ratio to the modular monolith with its 95% interval.
 *
 * @example
 * ```ts
 * workTable(result).rows[1]; // { workPerCallUs: 1018, microservicesP50Us: 3490, modularP50Us: 3255, ratio: '1.07× [1.05–1.09×]' }
 * ```
 */
export function workTable(result: Result): ResultTable {
  const { naturalUs } = result.workPerCall;
  const med = (values: readonly number[]) => round1(median(values));
  return {
    title: `Each module given CPU work per checkout, over http: the microservices ÷ the modular monolith (${result.runs} runs)`,
    columns: [
      { key: 'workPerCallUs', label: 'work per service call, µs' },
      { key: 'monolithP50Us', label: 'plain monolith p50 µs' },
      { key: 'modularP50Us', label: 'modular monolith p50 µs' },
      { key: 'microservicesP50Us', label: 'microservices p50 µs' },
      { key: 'ratio', label: 'microservices ÷ modular monolith (95% interval)' },
    ],
    rows: workSizes(result).map((addedWorkUs) => ({
      workPerCallUs: Math.round(naturalUs + addedWorkUs),
      monolithP50Us: med(workP50s(result, addedWorkUs, 'monolith')),
      modularP50Us: med(workP50s(result, addedWorkUs, 'modular-monolith')),
      microservicesP50Us: med(workP50s(result, addedWorkUs, 'microservices')),
      ratio: ratioText(ratioInterval(workP50s(result, addedWorkUs, 'microservices'), workP50s(result, addedWorkUs, 'modular-monolith'))),
    })),
  };
}

/**
 * The calls one request makes in process in a cut: the nanoservices put every call of the tree on
 * the network, so what a coarser cut does not put there it makes as a function call.
 */
const inProcessCalls = (structures: ReferenceStructures, system: string, cut: string) =>
  structureOf(structures, system, 'nanoservices').networkCallsPerRequest - structureOf(structures, system, cut).networkCallsPerRequest;

/**
 * The reference systems' cuts beside one another: per request, the calls that cross the network and
 * those made in process (counted from each system's file, exact since every request makes every
 * call), and the median request against the monolith's as nano-anti-pattern measured it. The
 * monolith cut runs every operation in one process, as a modular monolith does at run time.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result, antiPatternEvidence.result.systems).rows[1];
 * // { system: 'The lab’s checkout: six functions in a chain', cut: 'microservices', units: 3, networkCalls: 3, inProcessCalls: 3, p50Ratio: '1.99× [1.85–2.19×]' }
 * ```
 */
export function referenceSystemsTable(result: Result, sweep: SweepResult): ResultTable {
  const structures = result.referenceSystems;
  const titleOf = new Map(structures.systems.map((system) => [system.name, system.title]));
  return {
    title: 'Calls per request over the network and in process on each reference system (counted from its file), and its median request against the monolith’s (measured by nano-anti-pattern)',
    columns: [
      { key: 'system', label: 'system' },
      { key: 'cut', label: 'cut' },
      { key: 'units', label: 'deploy units' },
      { key: 'networkCalls', label: 'calls over the network per request (the client’s included)' },
      { key: 'inProcessCalls', label: 'calls made in process per request (function calls)' },
      { key: 'p50Ratio', label: `median latency ÷ monolith, measured over ${sweep.transport} [95% interval]` },
    ],
    rows: structures.cuts.map((row) => {
      const measured = sweep.cuts.find((cut) => cut.system === row.system && cut.cut === row.cut);
      return {
        system: titleOf.get(row.system) ?? row.system,
        cut: row.cut,
        units: row.units,
        networkCalls: row.networkCallsPerRequest,
        inProcessCalls: inProcessCalls(structures, row.system, row.cut),
        p50Ratio: measured ? formatRatioInterval(measured.p50RatioToMonolith) : '–',
      };
    }),
  };
}

const point = (x: number, interval: Interval) => ({ x: Math.round(x), estimate: round3(interval.estimate), low: round3(interval.low), high: round3(interval.high) });

/**
 * The work added to each module, µs, at which the map's arithmetic line is drawn: from the lab's own
 * checkout to past every published figure of work per call (Azure Functions' median execution,
 * 0.68 s), so that no published figure falls beyond the line's end.
 */
export const arithmeticWorkUs: readonly number[] = [0, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000, 1_000_000];

/** The series names of the verdict map's lines. */
export const mapSeries = { http: 'http, measured', process: 'process, arithmetic from its measured hops' } as const;

/**
 * The verdict map: the microservices' median checkout ÷ the modular monolith's, against the work each
 * service call does (µs), with the published figures of work per call marked. The http line is
 * measured at every point: the lab's own checkout, then each module given more CPU work. The process
 * line is arithmetic from its measured runs: per run, (microservices' p50 + n·W) ÷ (modular
 * monolith's p50 + n·W) for n modules given W each, since work added to every module adds the same to
 * both shapes while the hops stay what they cost. The threshold is the verdict rule's: a difference
 * inside it is not called one.
 *
 * @example
 * ```ts
 * verdictMapOf(result).lines[0]; // { series: 'http, measured', points: [{ x: 18, estimate: 2.06, ... }, { x: 118, ... }, ...] }
 * ```
 */
export function verdictMapOf(result: Result): VerdictMap {
  const { naturalUs, modules } = result.workPerCall;
  const sizes = workSizes(result);
  const transports = result.comparisons.map((c) => c.transport);
  const lines: MapLine[] = [];
  if (transports.includes('http') && sizes.length > 0) {
    const measured = [
      point(naturalUs, ratioInterval(transportP50s(result, 'http', 'microservices'), transportP50s(result, 'http', 'modular-monolith'))),
      ...sizes.map((added) => point(naturalUs + added, ratioInterval(workP50s(result, added, 'microservices'), workP50s(result, added, 'modular-monolith')))),
    ];
    lines.push({ series: mapSeries.http, points: measured });
  }
  if (transports.includes('process')) {
    // Arithmetic, so drawn well past the measured sizes: every published figure falls on the line.
    const [micro, modular] = [transportP50s(result, 'process', 'microservices'), transportP50s(result, 'process', 'modular-monolith')];
    const withWork = (added: number) => ratioInterval(micro.map((us) => us + modules * added), modular.map((us) => us + modules * added));
    lines.push({ series: mapSeries.process, points: arithmeticWorkUs.map((added) => point(naturalUs + added, withWork(added))) });
  }
  return {
    title: 'The microservices’ median checkout ÷ the modular monolith’s, as each service call does more work',
    xLabel: 'work per service call, µs',
    yLabel: 'microservices ÷ modular monolith (p50)',
    logX: true,
    logY: true,
    threshold: costThreshold,
    aboveThreshold: `the microservices answer more than ${Math.round((costThreshold - 1) * 100)}% slower: the hops outweigh the work`,
    belowThreshold: `within ${Math.round((costThreshold - 1) * 100)}%: the work per call hides the hops`,
    lines,
    markers: mapMarkers('workPerCallUs'),
  };
}

/** Work in µs as a reader takes it in: '730 µs', '2.4 ms'. */
const formatWork = (us: number) => (us < 1000 ? `${Math.round(us)} µs` : `${round1(us / 1000)} ms`);

/** Where one line of the map crosses the threshold, in words, or that it does not within what was measured. */
const crossingText = (line: MapLine | undefined, map: VerdictMap) => {
  if (!line) return 'not measured';
  const at = crossing(line.points, map.threshold, map);
  return at === null ? `not within ${formatWork(Math.max(...line.points.map((p) => p.x)))}` : `about ${formatWork(at)}`;
};

/**
 * How far the arithmetic (the lab's own checkout plus n·W on both sides) lands from what the http
 * sweep measured, at the work sizes measured: the largest difference between the two ratios,
 * relative to the measured one. Small, it is what lets the page carry the process transport's
 * measured hops to heavier calls by arithmetic.
 *
 * @example
 * ```ts
 * arithmeticGap(result); // 0.02: the arithmetic lands within 2% of the measured ratio
 * ```
 */
export function arithmeticGap(result: Result): number | null {
  const { modules } = result.workPerCall;
  const sizes = workSizes(result);
  if (!result.comparisons.some((c) => c.transport === 'http') || sizes.length === 0) return null;
  const [micro, modular] = [median(transportP50s(result, 'http', 'microservices')), median(transportP50s(result, 'http', 'modular-monolith'))];
  return Math.max(
    ...sizes.map((added) => {
      const measured = median(workP50s(result, added, 'microservices')) / median(workP50s(result, added, 'modular-monolith'));
      const predicted = (micro + modules * added) / (modular + modules * added);
      return Math.abs(predicted - measured) / measured;
    }),
  );
}

/** The comparison the verdict reads first: the process transport (the nearest a real deployment), else the first. */
const headline = (result: Result) => result.comparisons.find((c) => c.transport === 'process') ?? result.comparisons[0];

/**
 * What the figures found, in the terms of the one verdict rule. The benefit the claim names: the same
 * modules answer faster when their boundaries are function calls than when they are network calls —
 * by more than the rule's threshold, on the whole 95% interval of the median-latency ratio, on every
 * transport. The plain monolith is compared too: if it answers as fast, the benefit comes from being
 * one process, which is what a modular monolith is (the page says why that is not a definition). The
 * microservices are the cut compared against. The verdict map carries the ratio to heavier calls: where
 * published figures of work per call fall on both sides of where it drops under the threshold, the
 * benefit flips within the realistic region. The price the modular monolith pays for its modules is
 * its latency over the plain monolith's. Throws when the shapes answered differently (their times would
 * not compare) or no transport measured all three.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'modular-monolith', shownBy: { monolith: true, 'modular-monolith': true, microservices: false },
 * //   flipsWithinRealisticRegion: '…', cost: { what: '…', ratio: { estimate: 0.99, ... } }, because: 'Split into microservices, …' }
 * ```
 */
export function findingFor(result: Result): Finding {
  if (!result.sameAnswers) throw new Error('the shapes did not all return the receipt the functions return in one call stack, so their times do not compare');
  const first = headline(result);
  if (!first) throw new Error('no transport measured all three shapes: nothing to decide from');
  const fasterThanMicroservices = (pick: (c: TransportComparison) => Interval) => result.comparisons.every((c) => clearlyAbove(pick(c), costThreshold));
  const map = verdictMapOf(result);
  // The line nearest a real deployment decides where it flips: the process transport's, else http's.
  const line = map.lines.find((l) => l.series === mapSeries.process) ?? map.lines[0];
  const sides = line ? markersBySide(line, map) : { above: [], below: [] };
  const at = line ? crossing(line.points, map.threshold, map) : null;
  const gap = `${Math.round((costThreshold - 1) * 100)}%`;
  const flips = at !== null && sides.above.length > 0 && sides.below.length > 0;
  const where = first.transport === 'process' ? 'between processes' : 'over http';
  const hop = Math.round(first.intervals.perNetworkCrossingUs.estimate);
  return {
    credited: 'modular-monolith',
    shownBy: {
      monolith: fasterThanMicroservices((c) => c.intervals.monolithP50Ratio),
      'modular-monolith': fasterThanMicroservices((c) => c.intervals.p50Ratio),
      microservices: false,
    },
    ...(flips
      ? {
          flipsWithinRealisticRegion: `the microservices answer more than ${gap} slower only below about ${formatWork(at)} of work per service call (${line?.series}); below it: ${formatList(sides.above)}; above: ${formatList(sides.below)}`,
        }
      : {}),
    cost: { what: `the latency its module boundaries add over a plain monolith, ${where}`, ratio: first.intervals.controlRatio },
    because:
      `Split into microservices, the checkout answered ${formatRatio(first.intervals.p50Ratio.estimate)} slower ${where}, yet each hop is a fixed ~${hop} µs: ` +
      (at === null ? `still over ${gap} slower at ${formatWork(Math.max(...(line?.points ?? []).map((p) => p.x)))} of work per call` : `past ~${formatWork(at)} of work per call, under ${gap} slower`),
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'conditional', because: 'Split into microservices, …', rule: 'it flips within the realistic region: …' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

const transportPhrase: Readonly<Record<TransportName, string>> = {
  process: 'with a process per unit',
  http: 'with every unit a server in one process',
  memory: 'in memory',
};

/**
 * The one figure that matters, read from the process transport when it ran (the closest to a real
 * deployment), else from the first transport; null for a result that measured nothing.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'microservices 3.06× slower per checkout with a process per unit (p50 1131 vs 369 µs), 3 network calls vs 1'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const c = result.comparisons?.find((comparison) => comparison.transport === 'process') ?? result.comparisons?.[0];
  if (!c) return null;
  const calls = (shape: ComparedShape) => result.rows.find((row) => row.transport === c.transport && row.shape === shape)?.networkCalls;
  return `microservices ${c.p50Ratio}× slower per checkout ${transportPhrase[c.transport]} (p50 ${c.microservicesP50Us} vs ${c.modularP50Us} µs), ${calls('microservices')} network calls vs ${calls('modular-monolith')}`;
}

/** The figures the page prints for one transport, formatted as it prints them. */
export interface TransportFigures {
  /** Median checkout of the microservices, median of the runs, in µs ('1,131 µs'). */
  readonly microservicesP50: string;
  /** Median checkout of the modular monolith, in µs. */
  readonly modularP50: string;
  /** Median checkout of the plain monolith (the control), in µs. */
  readonly monolithP50: string;
  /** 99th percentile checkout of the microservices, in µs. */
  readonly microservicesP99: string;
  /** 99th percentile checkout of the modular monolith, in µs. */
  readonly modularP99: string;
  /** Microservices p50 ÷ modular monolith p50, with its 95% interval ('3.06× [2.95–3.18×]'). */
  readonly p50Ratio: string;
  /** Microservices p99 ÷ modular monolith p99, with its 95% interval. */
  readonly p99Ratio: string;
  /** Microservices p50 ÷ plain monolith p50, with its 95% interval. */
  readonly monolithP50Ratio: string;
  /** What each boundary that became a network call added to the median, with its 95% interval, in µs. */
  readonly perNetworkCrossing: string;
  /** Modular monolith p50 ÷ plain monolith p50, with its 95% interval: the price of the modules, in process. */
  readonly controlRatio: string;
}

/** What the page says of the reference systems: the calls each cut makes (counted) and the price of the split (measured by nano-anti-pattern). */
export interface ReferenceFigures {
  /** Calls over the network per request in each cut, on every system, the client's included ('The lab's checkout: … 3, Online Boutique: … 23 and …'). */
  readonly networkCalls: { readonly monolith: string; readonly microservices: string; readonly nanoservices: string };
  /** Calls per request each system's microservices still make in process, in a sentence ('… 3, … 0 and … 17'). */
  readonly microservicesInProcessCalls: string;
  /** The microservices' median request ÷ the monolith's on every system, with 95% intervals, as nano-anti-pattern measured it ('… 1.99× [1.85–2.19×], …'). */
  readonly microservicesRatios: string;
  /** The transport the sweep measured on ('http'). */
  readonly sweepTransport: string;
  /** Each system's work per service call: the monolith's measured median ÷ the calls its microservices make over the network ('… 46 µs, … 170 µs and … 3 ms'). */
  readonly workPerCall: string;
  /** The systems on each side of the http line at their work per call: above, the split is predicted more than the threshold slower ('none' for an empty side). */
  readonly httpSides: { readonly above: string; readonly below: string };
  /** The same against the process line, whose crossing is the page's headline flip. */
  readonly processSides: { readonly above: string; readonly below: string };
  /** The systems whose measured ratio is above the threshold on its whole 95% interval ('none' when none). */
  readonly clearlySlower: string;
  /** The systems whose measured ratio is not ('none' when every one is). */
  readonly notClearlySlower: string;
  /** The sentence saying whether every system's measured ratio lies on the side of the http flip its work per call predicts. */
  readonly agreesWithFlip: string;
}

/** Everything the claim's page prints from a result, formatted as the page shows it. */
export interface PageFigures {
  /** Independent runs (a count). */
  readonly runs: number;
  /** Business boundaries a checkout crosses by function call in the modular monolith (a count). */
  readonly modularCrossedByFunctionCall: number;
  /** Business boundaries a checkout crosses over the network across the microservices (a count). */
  readonly microservicesCrossedOverNetwork: number;
  /** Network calls one checkout made in the modular monolith, the client's included (a count). */
  readonly modularNetworkCalls: number;
  /** Network calls one checkout made across the microservices, the client's included (a count). */
  readonly microservicesNetworkCalls: number;
  /** The sentence saying whether the microservices were clearly slower on every transport measured. */
  readonly slowerEverywhere: string;
  /** The sentence saying whether the plain monolith was as clearly faster than the microservices. */
  readonly monolithToo: string;
  /** The process transport: every unit its own Node process. */
  readonly process: TransportFigures;
  /** The http transport: every unit a server inside one process. */
  readonly http: TransportFigures;
  /** The six checkout functions in one call stack, median, in µs. */
  readonly inProcessCheckoutP50: string;
  /** The checkout's own work per service call (the in-process checkout ÷ the modules), in µs. */
  readonly naturalWorkPerCall: string;
  /** The sentence saying whether one network hop cost more than the whole checkout's work on every transport. */
  readonly hopOutweighsWork: string;
  /** Whether every shape returned the receipt of the functions in one call stack, as the page's parenthesis says it. */
  readonly sameAnswers: string;
  /** The verdict rule's threshold, as a ratio ('1.10×'), and as a percentage slower ('10%'). */
  readonly threshold: { readonly ratio: string; readonly percent: string };
  /** The work added to each module in the sweep, in words ('100 µs, 1 ms and 10 ms'). */
  readonly workSizes: string;
  /** The verdict map. */
  readonly verdictMap: VerdictMap;
  /** Where each line of the map crosses the threshold, as work per service call ('about 730 µs'). */
  readonly crossesAt: { readonly http: string; readonly process: string };
  /** The published figures on each side of the process line's crossing ('µSuite: sub-ms medians'; 'none'). */
  readonly markers: { readonly above: string; readonly below: string };
  /** How far the arithmetic lands from the measured http sweep, at most, as a percentage ('2%', 'under 1%'). */
  readonly arithmeticGap: string;
  /** Every shape on every transport, for the latency bar charts (p50Us and p99Us by transport and shape). */
  readonly latencyBars: readonly ShapeRow[];
  /** The reference systems: calls per cut counted from their files, the split's price measured by nano-anti-pattern. */
  readonly reference: ReferenceFigures;
}

/** One reference system as nano-anti-pattern's sweep measured it. */
interface ReferencePlacement {
  readonly title: string;
  /** The monolith's median request ÷ the calls its microservices make over the network, µs. */
  readonly workPerCallUs: number;
  /** The microservices' median ÷ the monolith's, per interleaved round. */
  readonly ratio: Interval;
}

/**
 * Each reference system's work per service call and its measured price of the split. Work per call
 * is read as the map reads the checkout's: a request's time without a hop inside it (the monolith's
 * median, the client's call included) shared among the calls the microservices make over the network.
 */
function referencePlacements(result: Result, sweep: SweepResult): ReferencePlacement[] {
  return result.referenceSystems.systems.map((system) => {
    const monolith = pickRow(sweep.cuts, { system: system.name, cut: 'monolith' });
    const micro = pickRow(sweep.cuts, { system: system.name, cut: 'microservices' });
    const calls = structureOf(result.referenceSystems, system.name, 'microservices').networkCallsPerRequest;
    return { title: system.title, workPerCallUs: monolith.p50Us / calls, ratio: micro.p50RatioToMonolith };
  });
}

/** The systems on each side of one line of the map at their work per call: above, the split is predicted more than the threshold slower. */
function placementSides(placements: readonly ReferencePlacement[], line: MapLine | undefined, map: VerdictMap): { readonly above: string; readonly below: string } {
  if (!line) return { above: 'not measured', below: 'not measured' };
  const sides = placements.map((placement) => ({ title: placement.title, side: sideAt(line.points, map.threshold, placement.workPerCallUs, map).side }));
  const named = (side: 'above' | 'below') => formatList(sides.filter((s) => s.side === side).map((s) => s.title)) || 'none';
  return { above: named('above'), below: named('below') };
}

/** One transport's comparison as the page prints it. */
function transportFigures(comparison: TransportComparison): TransportFigures {
  return {
    microservicesP50: formatUs(comparison.microservicesP50Us),
    modularP50: formatUs(comparison.modularP50Us),
    monolithP50: formatUs(comparison.monolithP50Us),
    microservicesP99: formatUs(comparison.microservicesP99Us),
    modularP99: formatUs(comparison.modularP99Us),
    p50Ratio: ratioText(comparison.intervals.p50Ratio),
    p99Ratio: ratioText(comparison.intervals.p99Ratio),
    monolithP50Ratio: ratioText(comparison.intervals.monolithP50Ratio),
    perNetworkCrossing: usText(comparison.intervals.perNetworkCrossingUs),
    controlRatio: ratioText(comparison.intervals.controlRatio),
  };
}

/**
 * What the page says of the reference systems: the calls each cut makes, counted from this result's
 * structures, and the split's price on each, read from nano-anti-pattern's sweep (one quantity, one
 * measurement on the site), placed against this page's map by the work each service call does.
 *
 * @example
 * ```ts
 * referenceFigures(result, antiPatternEvidence.result.systems, verdictMapOf(result)).httpSides;
 * // { above: 'The lab’s checkout: … and Online Boutique: placing an order', below: 'An Alibaba-like call tree' }
 * ```
 */
export function referenceFigures(result: Result, sweep: SweepResult, map: VerdictMap): ReferenceFigures {
  const structures = result.referenceSystems;
  const placements = referencePlacements(result, sweep);
  const httpLine = map.lines.find((line) => line.series === mapSeries.http);
  const slower = placements.filter((placement) => clearlyAbove(placement.ratio, costThreshold));
  const notSlower = placements.filter((placement) => !clearlyAbove(placement.ratio, costThreshold));
  // The sweep ran every unit as a server in one process, as the http line did: that line is the one it tests.
  const misplaced = httpLine
    ? placements.filter((placement) => (sideAt(httpLine.points, map.threshold, placement.workPerCallUs, map).side === 'above') !== clearlyAbove(placement.ratio, costThreshold))
    : placements;
  return {
    networkCalls: {
      monolith: structureByCut(structures, 'networkCallsPerRequest', 'monolith'),
      microservices: structureByCut(structures, 'networkCallsPerRequest', 'microservices'),
      nanoservices: structureByCut(structures, 'networkCallsPerRequest', 'nanoservices'),
    },
    microservicesInProcessCalls: formatList(structures.systems.map((system) => `${system.title} ${inProcessCalls(structures, system.name, 'microservices')}`)),
    microservicesRatios: sweepRatios(sweep, 'microservices'),
    sweepTransport: sweep.transport,
    workPerCall: formatList(placements.map((placement) => `${placement.title} ${formatWork(placement.workPerCallUs)}`)),
    httpSides: placementSides(placements, httpLine, map),
    processSides: placementSides(placements, map.lines.find((line) => line.series === mapSeries.process), map),
    clearlySlower: formatList(slower.map((placement) => placement.title)) || 'none',
    notClearlySlower: formatList(notSlower.map((placement) => placement.title)) || 'none',
    agreesWithFlip:
      misplaced.length === 0
        ? 'On every system the measured price lies on the side of the http flip that its work per call predicts.'
        : `Not every system’s measured price lies on the side of the http flip its work per call predicts: ${formatList(misplaced.map((placement) => placement.title))}.`,
  };
}

/**
 * Everything the page prints, read from a result that measured the process and http transports (it
 * throws, naming the missing row, for a run that left one out), with the reference systems' sweep that
 * nano-anti-pattern measured (it throws for a sweep without a system's monolith or microservices).
 *
 * @example
 * ```ts
 * const figures = pageFigures(evidence.result, antiPatternEvidence.result.systems);
 * figures.process.p50Ratio; // '3.06× [2.95–3.18×]'
 * figures.crossesAt.process; // 'about 2.4 ms'
 * figures.reference.microservicesRatios; // 'The lab’s checkout: … 1.99× [1.85–2.19×], …'
 * ```
 */
export function pageFigures(result: Result, sweep: SweepResult): PageFigures {
  const modular = pickRow(result.rows, { transport: 'process', shape: 'modular-monolith' });
  const micro = pickRow(result.rows, { transport: 'process', shape: 'microservices' });
  const slowerEverywhere = result.comparisons.every((c) => clearlyAbove(c.intervals.p50Ratio, costThreshold));
  const monolithToo = result.comparisons.every((c) => clearlyAbove(c.intervals.monolithP50Ratio, costThreshold));
  const hopOutweighsWork = result.comparisons.every((c) => c.intervals.perNetworkCrossingUs.estimate > result.inProcessCheckout.p50Us);
  const map = verdictMapOf(result);
  const processLine = map.lines.find((line) => line.series === mapSeries.process);
  const sides = processLine ? markersBySide(processLine, map) : { above: [], below: [] };
  const gap = arithmeticGap(result);
  const percent = `${Math.round((costThreshold - 1) * 100)}%`;
  return {
    runs: result.runs,
    modularCrossedByFunctionCall: modular.crossedByFunctionCall,
    microservicesCrossedOverNetwork: micro.crossedOverNetwork,
    modularNetworkCalls: modular.networkCalls,
    microservicesNetworkCalls: micro.networkCalls,
    slowerEverywhere: slowerEverywhere
      ? `The microservices were more than ${percent} slower on both transports the lab has with a real network stack, on the whole 95% interval.`
      : `The microservices were not clearly more than ${percent} slower on every transport.`,
    monolithToo: monolithToo ? 'So was the plain monolith: every in-process cut shares the benefit.' : 'The plain monolith was not clearly as fast on every transport.',
    process: transportFigures(pickRow(result.comparisons, { transport: 'process' })),
    http: transportFigures(pickRow(result.comparisons, { transport: 'http' })),
    inProcessCheckoutP50: formatUs(result.inProcessCheckout.p50Us),
    naturalWorkPerCall: formatUs(result.workPerCall.naturalUs),
    hopOutweighsWork: hopOutweighsWork
      ? 'On every transport one hop cost more than the whole checkout’s work.'
      : 'One hop did not always cost more than the whole checkout’s work.',
    sameAnswers: result.sameAnswers ? 'all identical' : 'this run found a difference',
    threshold: { ratio: formatRatio(costThreshold), percent },
    workSizes: formatList(workSizes(result).map(formatWork)),
    verdictMap: map,
    crossesAt: { http: crossingText(map.lines.find((line) => line.series === mapSeries.http), map), process: crossingText(processLine, map) },
    markers: { above: sides.above.length ? formatList(sides.above) : 'none', below: sides.below.length ? formatList(sides.below) : 'none' },
    arithmeticGap: gap === null ? '–' : gap < 0.01 ? 'under 1%' : `${Math.round(gap * 100)}%`,
    latencyBars: result.rows,
    reference: referenceFigures(result, sweep, map),
  };
}
