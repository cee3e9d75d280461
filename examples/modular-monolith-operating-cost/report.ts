import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyAbove, formatInterval, intervalOf, minimumRuns, ratioInterval, type Interval } from '../lab/measure/interval.ts';
import { median } from '../lab/measure/stats.ts';
import { formatBytes, formatList, formatMs, formatRatio } from '../lab/report/format.ts';
import { pickRow } from '../lab/report/pick.ts';
import { structureByCut, structureTable } from '../lab/report/structure-table.ts';
import { crossing, markersBySide, type MapLine, type MapMarker, type VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/** The two shapes compared: the same three business modules, in one process or in three. */
export type ComparedShape = 'modular-monolith' | 'microservices';

/** One unit process of a shape, as /proc saw it (memory) over the run (CPU). */
export interface UnitCost {
  readonly shape: ComparedShape;
  /** The unit the process serves, read from its own environment (LAB_UNIT). */
  readonly unit: string;
  /** Memory after the whole load, in KiB. */
  readonly rssKiB: number;
  readonly pssKiB: number;
  readonly ussKiB: number;
  /** CPU time (utime + stime, all threads) the process spent during the measured rounds. */
  readonly cpuMs: number;
}

/** One shape: its processes, what they held and spent, and what they delivered. */
export interface ShapeCost {
  readonly shape: ComparedShape;
  /** Deploy units the shape describes. */
  readonly plannedUnits: number;
  /** Unit processes the process transport started for the shape (one per deploy unit). */
  readonly processes: number;
  readonly units: readonly UnitCost[];
  /** Network calls one checkout took, as the units counted them: the client's call plus each hop between units. */
  readonly networkCallsPerCheckout: number;
  /** Checkouts completed in the measured rounds (warm-up excluded). */
  readonly checkouts: number;
  /** Checkouts whose receipt differed from the functions run in one call stack. */
  readonly wrongAnswers: number;
  /** Completed checkouts per second in each round, under the same bounded concurrent load. */
  readonly throughputPerRound: readonly number[];
}

/** One independent run: both shapes deployed afresh, warmed up, measured under the same load, stopped. */
export interface RunCost {
  /** 1, 2, …: the order of the runs. */
  readonly run: number;
  readonly shapes: readonly ShapeCost[];
}

/** The whole result: every independent run, and the load each took. Plain JSON. */
export interface OperatingCostResult {
  readonly runs: readonly RunCost[];
  /**
   * Each shape over all the runs (`summariseRuns`): each unit's memory the median of the runs, its
   * CPU, the checkouts and the wrong answers summed, every round's throughput; for readers of the
   * evidence that want one figure per shape (the decision guide). Ratios come from `runs`, one per run.
   */
  readonly shapes: readonly ShapeCost[];
  /** Interleaved rounds per run. */
  readonly rounds: number;
  readonly checkoutsPerRound: number;
  readonly concurrency: number;
  /** Checkouts per shape thrown away at the start of every run. */
  readonly warmup: number;
  /** The units of the reference systems' cuts, counted from their files: the processes the measured memory per process is multiplied by. */
  readonly referenceSystems: ReferenceStructures;
}

/** Shorter alias the scaffold and the page use. */
export type Result = OperatingCostResult;

/** Microservices ÷ modular monolith: processes (a count, the same in every run) and, one ratio per run, every measured figure. */
export interface CostRatios {
  readonly processes: number;
  readonly rss: Interval;
  readonly pss: Interval;
  readonly uss: Interval;
  /** CPU per checkout. */
  readonly cpu: Interval;
  /** Median throughput over a run's rounds. */
  readonly throughput: Interval;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mib = (kiB: number) => round(kiB / 1024);
const plural = (count: number) => `${count} process${count === 1 ? '' : 'es'}`;

/** The totals of one shape in one run. */
export interface ShapeTotals {
  readonly rssKiB: number;
  readonly pssKiB: number;
  readonly ussKiB: number;
  readonly cpuMs: number;
  readonly cpuMsPer1000: number;
  readonly medianThroughput: number;
}

/**
 * The totals of one shape in one run: memory summed over its processes, CPU per 1000 checkouts, median throughput.
 *
 * @example
 * ```ts
 * shapeTotals(result.runs[0].shapes[0]); // { rssKiB: 128000, pssKiB: 86000, ussKiB: 80000, cpuMs: 2900, cpuMsPer1000: 360, medianThroughput: 1500 }
 * ```
 */
export function shapeTotals(shape: ShapeCost): ShapeTotals {
  const cpuMs = sum(shape.units.map((unit) => unit.cpuMs));
  return {
    rssKiB: sum(shape.units.map((unit) => unit.rssKiB)),
    pssKiB: sum(shape.units.map((unit) => unit.pssKiB)),
    ussKiB: sum(shape.units.map((unit) => unit.ussKiB)),
    cpuMs,
    cpuMsPer1000: shape.checkouts > 0 ? round((cpuMs / shape.checkouts) * 1000) : 0,
    medianThroughput: shape.throughputPerRound.length ? Math.round(median(shape.throughputPerRound)) : 0,
  };
}

/**
 * Each shape over all the runs: per unit, the median of the runs' memory (RSS, PSS, USS) and the CPU
 * summed; the checkouts and wrong answers summed; every round's throughput in run order. Throws for
 * runs without both shapes.
 *
 * @example
 * ```ts
 * summariseRuns(runs)[1]; // { shape: 'microservices', processes: 3, units: [{ unit: 'cart', pssKiB: 92072, cpuMs: 8650, ... }, ...], checkouts: 20000, ... }
 * ```
 */
export function summariseRuns(runs: readonly RunCost[]): ShapeCost[] {
  const first = runs[0];
  if (!first) throw new Error('no run to summarise');
  return first.shapes.map((firstShape) => {
    const shapes = runs.map((run) => pickRow(run.shapes, { shape: firstShape.shape }));
    const units = firstShape.units.map((firstUnit) => {
      const measured = shapes.map((shape) => pickRow(shape.units, { unit: firstUnit.unit }));
      const medianKiB = (pick: (unit: UnitCost) => number) => median(measured.map(pick));
      return { shape: firstShape.shape, unit: firstUnit.unit, rssKiB: medianKiB((u) => u.rssKiB), pssKiB: medianKiB((u) => u.pssKiB), ussKiB: medianKiB((u) => u.ussKiB), cpuMs: sum(measured.map((u) => u.cpuMs)) };
    });
    return {
      ...firstShape,
      units,
      checkouts: sum(shapes.map((shape) => shape.checkouts)),
      wrongAnswers: sum(shapes.map((shape) => shape.wrongAnswers)),
      throughputPerRound: shapes.flatMap((shape) => shape.throughputPerRound),
    };
  });
}

/** One shape in one run; throws, naming it, when the run lacks it. */
const shapeIn = (run: RunCost, shape: ComparedShape) => pickRow(run.shapes, { shape });
/** One figure of a shape's totals, in every run, in run order. */
const perRun = (result: Result, shape: ComparedShape, pick: (totals: ShapeTotals) => number) => result.runs.map((run) => pick(shapeTotals(shapeIn(run, shape))));
/** The median over runs of one figure of a shape's totals. */
const medianOf = (result: Result, shape: ComparedShape, pick: (totals: ShapeTotals) => number) => median(perRun(result, shape, pick));

/**
 * Microservices ÷ modular monolith for every figure, one ratio per run with its 95% interval (above
 * 1, the microservices need more of it); processes as a count. Throws below five runs, or for a run
 * without both shapes.
 *
 * @example
 * ```ts
 * costRatios(result); // { processes: 3, rss: { estimate: 2.7, ... }, pss: { estimate: 2.58, low: 2.5, high: 2.63, runs: 5 }, cpu: ..., throughput: ... }
 * ```
 */
export function costRatios(result: Result): CostRatios {
  const ratio = (pick: (totals: ShapeTotals) => number) => ratioInterval(perRun(result, 'microservices', pick), perRun(result, 'modular-monolith', pick));
  const first = result.runs[0];
  if (!first) throw new Error('the run measured nothing');
  return {
    processes: shapeIn(first, 'microservices').processes / shapeIn(first, 'modular-monolith').processes,
    rss: ratio((t) => t.rssKiB),
    pss: ratio((t) => t.pssKiB),
    uss: ratio((t) => t.ussKiB),
    cpu: ratio((t) => t.cpuMsPer1000),
    throughput: ratio((t) => t.medianThroughput),
  };
}

/**
 * Throws, naming the run and the shape, unless every run found every unit process of both shapes,
 * measured each (memory above zero) and had every checkout answered with the reference receipt:
 * otherwise the totals are not the shapes' for the same checkouts.
 */
function checkRuns(result: Result): void {
  if (result.runs.length === 0) throw new Error('the run measured nothing');
  for (const run of result.runs) {
    for (const name of ['modular-monolith', 'microservices'] as const) {
      const shape = shapeIn(run, name);
      if (shape.processes !== shape.plannedUnits || shape.units.length !== shape.plannedUnits) {
        throw new Error(`run ${run.run}, ${name}: found ${shape.processes} unit processes for ${shape.plannedUnits} deploy units, so the totals would not be the shape's`);
      }
      if (shape.units.some((unit) => unit.pssKiB <= 0 || unit.rssKiB <= 0)) throw new Error(`run ${run.run}, ${name}: a unit process could not be measured`);
      if (shape.checkouts === 0 || shape.wrongAnswers > 0) {
        throw new Error(`run ${run.run}, ${name}: ${shape.wrongAnswers} of ${shape.checkouts} checkouts returned a wrong receipt, so its costs are not for the same checkouts`);
      }
    }
  }
}

const intervalText = (interval: Interval) => formatInterval(interval, 2, '×');

/**
 * Per shape: processes, memory after the load, CPU per 1000 checkouts and throughput, medians over
 * the runs, with the ratio row (median and 95% interval over the runs).
 *
 * @example
 * ```ts
 * costTable(result).rows[2]; // { shape: 'microservices ÷ modular monolith', processes: 3, pssMiB: '2.58× [2.51–2.63×]', ... }
 * ```
 */
export function costTable(result: Result): ResultTable {
  const ratios = costRatios(result);
  const shapes: readonly ComparedShape[] = ['modular-monolith', 'microservices'];
  return {
    title: `What each shape costs for the same checkouts: medians of ${result.runs.length} independent runs, each ${result.rounds} interleaved rounds of ${result.checkoutsPerRound}, ${result.concurrency} in flight`,
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'processes', label: 'processes' },
      { key: 'networkCalls', label: 'network calls per checkout' },
      { key: 'rssMiB', label: 'RSS, MiB' },
      { key: 'pssMiB', label: 'PSS, MiB' },
      { key: 'ussMiB', label: 'USS, MiB' },
      { key: 'cpuMsPer1000', label: 'CPU ms per 1000 checkouts' },
      { key: 'throughput', label: 'checkouts/s (median round)' },
    ],
    rows: [
      ...shapes.map((name) => {
        const first = shapeIn(result.runs[0] as RunCost, name);
        return {
          shape: name,
          processes: first.processes,
          networkCalls: first.networkCallsPerCheckout,
          rssMiB: mib(medianOf(result, name, (t) => t.rssKiB)),
          pssMiB: mib(medianOf(result, name, (t) => t.pssKiB)),
          ussMiB: mib(medianOf(result, name, (t) => t.ussKiB)),
          cpuMsPer1000: round(medianOf(result, name, (t) => t.cpuMsPer1000)),
          throughput: Math.round(medianOf(result, name, (t) => t.medianThroughput)),
        };
      }),
      {
        shape: 'microservices ÷ modular monolith',
        processes: ratios.processes,
        networkCalls: null,
        rssMiB: intervalText(ratios.rss),
        pssMiB: intervalText(ratios.pss),
        ussMiB: intervalText(ratios.uss),
        cpuMsPer1000: intervalText(ratios.cpu),
        throughput: intervalText(ratios.throughput),
      },
    ],
  };
}

/** The units of a shape, in the order the first run found them. */
const unitNames = (result: Result, shape: ComparedShape) => shapeIn(result.runs[0] as RunCost, shape).units.map((unit) => unit.unit);
/** The median over runs of one figure of one unit process. */
const unitMedian = (result: Result, shape: ComparedShape, unit: string, pick: (unit: UnitCost, shape: ShapeCost) => number) =>
  median(result.runs.map((run) => {
    const ofShape = shapeIn(run, shape);
    return pick(pickRow(ofShape.units, { unit }), ofShape);
  }));
const cpuPer1000 = (unit: UnitCost, shape: ShapeCost) => (shape.checkouts > 0 ? (unit.cpuMs / shape.checkouts) * 1000 : 0);

/**
 * Every unit process: where the memory and the CPU went, medians over the runs.
 *
 * @example
 * ```ts
 * unitTable(result).rows; // [{ shape: 'modular-monolith', unit: 'checkout', rssMiB: 138, ... }, { shape: 'microservices', unit: 'cart', ... }, ...]
 * ```
 */
export function unitTable(result: Result): ResultTable {
  const shapes: readonly ComparedShape[] = ['modular-monolith', 'microservices'];
  return {
    title: `Every unit process after the load (medians of ${result.runs.length} runs)`,
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'unit', label: 'unit process' },
      { key: 'rssMiB', label: 'RSS, MiB' },
      { key: 'pssMiB', label: 'PSS, MiB' },
      { key: 'ussMiB', label: 'USS, MiB' },
      { key: 'cpuMsPer1000', label: 'CPU ms per 1000 checkouts' },
    ],
    rows: shapes.flatMap((shape) =>
      unitNames(result, shape).map((unit) => ({
        shape,
        unit,
        rssMiB: mib(unitMedian(result, shape, unit, (u) => u.rssKiB)),
        pssMiB: mib(unitMedian(result, shape, unit, (u) => u.pssKiB)),
        ussMiB: mib(unitMedian(result, shape, unit, (u) => u.ussKiB)),
        cpuMsPer1000: round(unitMedian(result, shape, unit, cpuPer1000)),
      })),
    ),
  };
}

/**
 * Every run side by side, so that a reader sees how much a shared machine moved each figure.
 *
 * @example
 * ```ts
 * runsTable(result).rows[0]; // { run: 1, monolithThroughput: 7800, microservicesThroughput: 3200, pssRatio: 2.58, cpuRatio: 3.7 }
 * ```
 */
export function runsTable(result: Result): ResultTable {
  return {
    title: 'Each independent run: throughput (median round), memory (PSS) and the ratios taken from that run',
    columns: [
      { key: 'run', label: 'run' },
      { key: 'monolithThroughput', label: 'modular monolith, checkouts/s' },
      { key: 'microservicesThroughput', label: 'microservices, checkouts/s' },
      { key: 'monolithPssMiB', label: 'modular monolith PSS, MiB' },
      { key: 'microservicesPssMiB', label: 'microservices PSS, MiB' },
      { key: 'pssRatio', label: 'PSS ratio' },
      { key: 'cpuRatio', label: 'CPU per checkout ratio' },
    ],
    rows: result.runs.map((run) => {
      const [mono, micro] = [shapeTotals(shapeIn(run, 'modular-monolith')), shapeTotals(shapeIn(run, 'microservices'))];
      return {
        run: run.run,
        monolithThroughput: mono.medianThroughput,
        microservicesThroughput: micro.medianThroughput,
        monolithPssMiB: mib(mono.pssKiB),
        microservicesPssMiB: mib(micro.pssKiB),
        pssRatio: round(micro.pssKiB / mono.pssKiB, 2),
        cpuRatio: mono.cpuMsPer1000 > 0 ? round(micro.cpuMsPer1000 / mono.cpuMsPer1000, 2) : null,
      };
    }),
  };
}

/**
 * PSS per unit process (medians over the runs), for a stacked bar per shape.
 *
 * @example
 * ```ts
 * memoryBars(result); // [{ shape: 'modular-monolith', unit: 'checkout', MiB: 98.6 }, { shape: 'microservices', unit: 'cart', MiB: 89.9 }, ...]
 * ```
 */
export function memoryBars(result: Result): Array<{ shape: string; unit: string; MiB: number }> {
  const shapes: readonly ComparedShape[] = ['modular-monolith', 'microservices'];
  return shapes.flatMap((shape) => unitNames(result, shape).map((unit) => ({ shape, unit, MiB: mib(unitMedian(result, shape, unit, (u) => u.pssKiB)) })));
}

/**
 * Microservices need clearly more memory than the modular monolith when their PSS exceeds its by more
 * than this factor: assumed (not measured, not published), chosen before the figures as the saving at
 * which consolidating processes is worth a thought. The page shows where the verdict would flip at the
 * verdict rule's own 1.1× instead.
 */
export const costlierMemoryRatio = 1.25;

/**
 * Memory each business module holds of its own (its data, caches, connections: what neither shape
 * duplicates), in MiB, for the verdict map: none (the lab's checkout holds next to nothing), then
 * sizes up to a data-heavy service. Chosen, not measured: the map is arithmetic from the measured
 * per-process memory, and says so.
 */
export const ownMemoryPerModuleMiB: readonly number[] = [0, 16, 32, 64, 128, 256, 512, 1024, 2048];

const mibOfMegabytes = (megabytes: number) => round((megabytes * 1e6) / 2 ** 20);

/**
 * The published figures of memory per unit that the map marks: Azure Functions' memory allocated per
 * application (runtime included), the nearest published figure of how much memory one small deployed
 * unit holds.
 */
export const publishedMemoryMarkers: readonly MapMarker[] = [
  { label: 'Azure Functions’ median app (170 MB)', x: mibOfMegabytes(170), source: 'Shahrad et al., Serverless in the Wild, USENIX ATC 2020: 50% of applications allocate at most 170 MB' },
  { label: 'Azure Functions’ 90th-percentile app (400 MB)', x: mibOfMegabytes(400), source: 'Shahrad et al., Serverless in the Wild, USENIX ATC 2020: 90% of applications allocate at most 400 MB' },
];

/**
 * Per run: the microservices' PSS and the modular monolith's, in MiB, and the modules (one per
 * microservice process).
 */
const memoryParts = (result: Result) =>
  result.runs.map((run) => {
    const micro = shapeIn(run, 'microservices');
    return { micro: shapeTotals(micro).pssKiB / 1024, mono: shapeTotals(shapeIn(run, 'modular-monolith')).pssKiB / 1024, modules: micro.processes };
  });

/**
 * The memory each microservice process held, median over the runs, in MiB: the Node runtime, the
 * lab's framework and heap, and next to no business data — the per-process floor.
 *
 * @example
 * ```ts
 * floorPerProcessMiB(result); // 84.9
 * ```
 */
export function floorPerProcessMiB(result: Result): number {
  return round(median(memoryParts(result).map((part) => part.micro / part.modules)));
}

/**
 * The verdict map: the memory ratio (microservices ÷ modular monolith, PSS) as each module holds more
 * memory of its own, against the memory of one service process (the measured floor plus that own
 * memory). Arithmetic from measured parts, per run: (microservices' PSS + n·M) ÷ (modular monolith's
 * PSS + n·M) for n modules holding M MiB each, since a module's own memory is held once in either
 * shape while the floor is paid once per process; each point is the median of the runs' ratios with
 * its 95% interval. Markers: Azure Functions' memory per application.
 *
 * @example
 * ```ts
 * memoryMapOf(result).lines[0].points[0]; // { x: 84.9, estimate: 2.58, low: 2.51, high: 2.63 }
 * ```
 */
export function memoryMapOf(result: Result): VerdictMap {
  const parts = memoryParts(result);
  const floor = floorPerProcessMiB(result);
  return {
    title: 'Memory of the microservices ÷ the modular monolith, as each module holds more memory of its own (arithmetic from the measured per-process memory)',
    xLabel: 'memory of one service process, MiB (measured floor + the module’s own)',
    yLabel: 'PSS, microservices ÷ modular monolith',
    logX: true,
    logY: false,
    threshold: costlierMemoryRatio,
    aboveThreshold: 'the microservices need clearly more memory (the per-process floor dominates)',
    belowThreshold: 'the saving is under the threshold: the modules’ own memory dominates',
    lines: [
      {
        series: 'PSS ratio (measured at the floor, arithmetic above it)',
        points: ownMemoryPerModuleMiB.map((own) => {
          const ratio = intervalOf(parts.map((part) => (part.micro + part.modules * own) / (part.mono + part.modules * own)));
          return { x: round(floor + own), estimate: round(ratio.estimate, 3), low: round(ratio.low, 3), high: round(ratio.high, 3) };
        }),
      },
    ],
    markers: publishedMemoryMarkers,
  };
}

/**
 * Where the memory ratio crosses a threshold, as the memory of one service process in MiB (null when
 * it stays above it across the map).
 *
 * @example
 * ```ts
 * memoryCrossingMiB(result); // 260 at 1.25×
 * memoryCrossingMiB(result, 1.1); // 572
 * ```
 */
export function memoryCrossingMiB(result: Result, threshold = costlierMemoryRatio): number | null {
  const map = memoryMapOf(result);
  const line = map.lines[0] as MapLine;
  return crossing(line.points, threshold, map);
}

/**
 * The points of the verdict map as a table, for the command line and for readers who want the figures.
 *
 * @example
 * ```ts
 * memoryMapTable(result).rows[0]; // { ownMiB: 0, perProcessMiB: 84.9, ratio: '2.58× [2.51–2.63×]' }
 * ```
 */
export function memoryMapTable(result: Result): ResultTable {
  const line = memoryMapOf(result).lines[0] as MapLine;
  return {
    title: `If each module held memory of its own: the PSS ratio (arithmetic from the measured parts; ${formatRatio(costlierMemoryRatio)} is the threshold)`,
    columns: [
      { key: 'ownMiB', label: 'each module’s own memory, MiB (assumed)' },
      { key: 'perProcessMiB', label: 'one service process, MiB' },
      { key: 'ratio', label: 'microservices ÷ modular monolith (95% interval)' },
    ],
    rows: line.points.map((point, index) => ({
      ownMiB: ownMemoryPerModuleMiB[index] ?? null,
      perProcessMiB: point.x,
      ratio: formatInterval({ estimate: point.estimate, low: point.low ?? point.estimate, high: point.high ?? point.estimate, runs: result.runs.length }, 2, '×'),
    })),
  };
}

/**
 * The map's line for a fleet of `processes` service processes against one process holding the same
 * modules: per run, the microservices' measured memory per process times `processes`, plus each
 * module's own memory, over the modular monolith's measured memory plus the same modules' own. At the
 * measured count of processes it is the verdict map's line; at another count it is what the measured
 * floor means for a system cut into that many services.
 */
function fleetRatioLine(result: Result, processes: number): MapLine {
  const parts = memoryParts(result);
  const floor = floorPerProcessMiB(result);
  return {
    series: `${processes} service processes ÷ one`,
    points: ownMemoryPerModuleMiB.map((own) => {
      const ratio = intervalOf(parts.map((part) => ((part.micro / part.modules) * processes + processes * own) / (part.mono + processes * own)));
      return { x: round(floor + own), estimate: round(ratio.estimate, 3), low: round(ratio.low, 3), high: round(ratio.high, 3) };
    }),
  };
}

/** One cut of one reference system, with the measured memory carried to its processes. */
interface ReferenceFleet {
  readonly title: string;
  readonly cut: string;
  readonly processes: number;
  /** The monolith as measured; every other cut its processes × the measured memory of one service process, MiB. */
  readonly memoryMiB: number;
  /** The modular monolith as measured, MiB. */
  readonly monolithMiB: number;
  /** Where the saving falls under `costlierMemoryRatio`, as the memory of one service process (MiB); null for the monolith, or past the map. */
  readonly savingHoldsUnderMiB: number | null;
  /** The published markers on each side of that crossing. */
  readonly markers: { readonly above: readonly string[]; readonly below: readonly string[] };
}

/**
 * Every cut of every reference system, its processes counted from the system's file, its memory
 * arithmetic from the measured per-process memory: the monolith is the modular monolith as measured
 * (its modules' own code is a few KiB, so a system's more operations change it little), every other
 * cut holds one measured service process per unit.
 */
function referenceFleets(result: Result): ReferenceFleet[] {
  const floor = floorPerProcessMiB(result);
  const monolithMiB = medianOf(result, 'modular-monolith', (t) => t.pssKiB) / 1024;
  const map = memoryMapOf(result);
  const titleOf = new Map(result.referenceSystems.systems.map((system) => [system.name, system.title]));
  return result.referenceSystems.cuts.map((row) => {
    const line = row.units > 1 ? fleetRatioLine(result, row.units) : null;
    return {
      title: titleOf.get(row.system) ?? row.system,
      cut: row.cut,
      processes: row.units,
      memoryMiB: row.units > 1 ? row.units * floor : monolithMiB,
      monolithMiB,
      savingHoldsUnderMiB: line ? crossing(line.points, costlierMemoryRatio, map) : null,
      markers: line ? markersBySide(line, map) : { above: [], below: [] },
    };
  });
}

/**
 * Each reference system's cuts: the processes each runs (counted from its file), their memory as
 * the measured memory of one service process times the processes (the monolith as measured), that
 * against the monolith's, and where the saving would fall under the assumed threshold as each
 * module holds memory of its own (the verdict map's crossing, for that many processes).
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[4];
 * // { system: 'Online Boutique: placing an order', cut: 'microservices', units: 9, memoryMiB: 742.5, toMonolith: '7.75×', savingHoldsUnderMiB: 367 }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  const fleets = referenceFleets(result);
  const table = structureTable(result.referenceSystems, '', []);
  return {
    title:
      `Each reference system’s cuts as processes (counted from its file), each holding what one measured service process held (${formatBytes(floorPerProcessMiB(result) * 2 ** 20)}, PSS after the load); ` +
      `the monolith as the modular monolith measured (arithmetic, not a measurement)`,
    columns: [
      ...table.columns.map((column) => (column.key === 'units' ? { ...column, label: 'processes' } : column)),
      { key: 'memoryMiB', label: 'memory, MiB (PSS)' },
      { key: 'toMonolith', label: '÷ the monolith' },
      { key: 'savingHoldsUnderMiB', label: `saving at least ${formatRatio(costlierMemoryRatio)} while one service process holds under, MiB` },
    ],
    rows: table.rows.map((row, index) => {
      const fleet = fleets[index] as ReferenceFleet;
      return {
        ...row,
        memoryMiB: round(fleet.memoryMiB),
        toMonolith: formatRatio(fleet.memoryMiB / fleet.monolithMiB),
        savingHoldsUnderMiB: fleet.savingHoldsUnderMiB === null ? null : Math.round(fleet.savingHoldsUnderMiB),
      };
    }),
  };
}

/** One figure of one cut on every reference system, in a sentence: 'The lab’s checkout … 2.58×, Online Boutique … 7.75× and …'. */
function referenceByCut(result: Result, cut: string, figure: (fleet: ReferenceFleet) => string): string {
  return formatList(referenceFleets(result).filter((fleet) => fleet.cut === cut).map((fleet) => `${fleet.title} ${figure(fleet)}`));
}

/** Where a cut's saving falls under the threshold, as a page says it. */
const savingLimit = (fleet: ReferenceFleet) => (fleet.savingHoldsUnderMiB === null ? 'beyond the map' : `about ${Math.round(fleet.savingHoldsUnderMiB)} MiB`);

/**
 * Where one cut's crossings fall against the published figures, in words: between them on every
 * system (the verdict's condition holds there too), or, system by system, between them, past both
 * (the saving holds at both) or short of both (it holds at neither).
 *
 * @example
 * ```ts
 * crossingsAgainstMarkers(result, 'nanoservices');
 * // 'between the two published figures on The lab’s checkout …; past both, so that the saving holds at both, on Online Boutique … and An Alibaba-like call tree'
 * ```
 */
function crossingsAgainstMarkers(result: Result, cut: string): string {
  const fleets = referenceFleets(result).filter((fleet) => fleet.cut === cut);
  const where = (fleet: ReferenceFleet) => {
    if (fleet.markers.below.length === 0) return 'past both, so that the saving holds at both,';
    if (fleet.markers.above.length === 0) return 'short of both, so that the saving holds at neither,';
    return 'between the two published figures';
  };
  if (fleets.every((fleet) => where(fleet) === 'between the two published figures')) return 'between the two published figures on every one of them, so that the verdict would be conditional on each';
  const groups = [...new Set(fleets.map(where))];
  return groups.map((group) => `${group} on ${formatList(fleets.filter((fleet) => where(fleet) === group).map((fleet) => fleet.title))}`).join('; ');
}

/**
 * What the figures found, in the terms of the one verdict rule. The benefit the claim names: the
 * modular monolith needs fewer processes and clearly less memory (PSS) for the same checkouts, more
 * than `costlierMemoryRatio` less, on the whole 95% interval. Fewer processes is what one deploy unit
 * is; the memory is measured, and most of it is the runtime floor every process pays. The verdict map
 * carries that to units holding memory of their own: where Azure Functions' applications fall on both
 * sides of the point where the saving drops under the threshold, it flips within the realistic region.
 * The microservices are the cut compared against, so they do not show it. Throws for a run that did not
 * measure every unit process, or got a wrong receipt.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'modular-monolith', shownBy: { 'modular-monolith': true, microservices: false },
 * //   flipsWithinRealisticRegion: 'the saving is at least 1.25× only while one service process holds under about 260 MiB …', because: '…' }
 * ```
 */
export function findingFor(result: Result): Finding {
  checkRuns(result);
  const ratios = costRatios(result);
  const map = memoryMapOf(result);
  const line = map.lines[0] as MapLine;
  const sides = markersBySide(line, map);
  const at = crossing(line.points, map.threshold, map);
  const measured = ratios.processes > 1 && clearlyAbove(ratios.pss, costlierMemoryRatio);
  const flips = at !== null && sides.above.length > 0 && sides.below.length > 0;
  const floor = floorPerProcessMiB(result);
  const limit = at === null ? `it stays above ${formatRatio(costlierMemoryRatio)} up to ${formatBytes((floor + (ownMemoryPerModuleMiB.at(-1) ?? 0)) * 2 ** 20)} per service` : `past ${Math.round(at)} MiB per service the saving falls under ${formatRatio(costlierMemoryRatio)}`;
  return {
    credited: 'modular-monolith',
    // At realistic memory per unit: shown only if some published unit falls where the saving is above the threshold.
    shownBy: { 'modular-monolith': measured && (map.markers.length === 0 || sides.above.length > 0), microservices: false },
    ...(flips
      ? { flipsWithinRealisticRegion: `the saving is at least ${formatRatio(costlierMemoryRatio)} only while one service process holds under about ${Math.round(at)} MiB; below it: ${formatList(sides.above)}; above: ${formatList(sides.below)}` }
      : {}),
    because: `the microservices' ${ratios.processes * shapeIn(result.runs[0] as RunCost, 'modular-monolith').processes} processes held ${formatRatio(ratios.pss.estimate)} the modular monolith's memory, mostly Node's floor (${Math.round(floor)} MiB each); ${limit}`,
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

/**
 * The one figure that matters (null for a result without runs of both shapes, as an older evidence
 * file): processes and memory (PSS) per shape, medians over the runs, and the CPU ratio.
 *
 * @example
 * ```ts
 * keyFigure(result); // '1 process, 98.6 MiB vs 3 processes, 254.6 MiB (2.58×); 3.74× the CPU per checkout'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const runs = result.runs ?? [];
  if (runs.length < minimumRuns || !runs.every((run) => run.shapes?.some((s) => s.shape === 'modular-monolith') && run.shapes.some((s) => s.shape === 'microservices'))) return null;
  const ratios = costRatios(result);
  const first = runs[0] as RunCost;
  const pss = (shape: ComparedShape) => mib(medianOf(result, shape, (t) => t.pssKiB));
  return `${plural(shapeIn(first, 'modular-monolith').processes)}, ${pss('modular-monolith')} MiB vs ${plural(shapeIn(first, 'microservices').processes)}, ${pss('microservices')} MiB (${formatRatio(ratios.pss.estimate)}); ${formatRatio(ratios.cpu.estimate)} the CPU per checkout`;
}

/** The figures the page prints for one shape, medians over the runs, formatted as it prints them. */
export interface ShapeFigures {
  /** Unit processes the shape ran (a count). */
  readonly processes: number;
  /** Checkouts completed in the measured rounds of all runs (a count). */
  readonly checkouts: number;
  /** Checkouts whose receipt was wrong, over all runs (a count). */
  readonly wrongAnswers: number;
  /** Network calls one checkout took, the client's included (a count). */
  readonly networkCallsPerCheckout: number;
  /** Resident memory of all its processes after the load, in MiB ('138.1 MiB'). */
  readonly rss: string;
  /** Proportional memory of all its processes after the load, in MiB. */
  readonly pss: string;
  /** Memory private to its processes after the load, in MiB. */
  readonly uss: string;
  /** CPU its processes spent per 1000 checkouts, in ms ('151 ms'). */
  readonly cpuPer1000: string;
  /** Checkouts per second in the median round of the median run (a rate, rounded to a whole checkout). */
  readonly medianThroughput: number;
}

/** Everything the claim's page prints from a result, formatted as the page shows it. */
export interface PageFigures {
  /** Independent runs (a count). */
  readonly runs: number;
  /** Warm-up checkouts per shape at the start of every run (a count). */
  readonly warmup: number;
  /** Interleaved rounds per run (a count). */
  readonly rounds: number;
  /** Checkouts each shape took per round (a count). */
  readonly checkoutsPerRound: number;
  /** Checkouts in flight at a time (a count). */
  readonly concurrency: number;
  /** The modular monolith's figures. */
  readonly monolith: ShapeFigures;
  /** The microservices' figures. */
  readonly microservices: ShapeFigures;
  /** Microservices ÷ modular monolith for each figure, median and 95% interval over the runs ('2.58× [2.51–2.63×]'). */
  readonly ratios: { readonly rss: string; readonly pss: string; readonly uss: string; readonly cpu: string; readonly throughput: string };
  /** How many fewer processes the modular monolith runs: 'as many', or the microservices' multiple ('3× fewer'). */
  readonly fewerProcesses: string;
  /** The PSS of each microservice process after the load, medians, in unit order ('89.9 MiB, 95.7 MiB, 69 MiB'). */
  readonly microservicesUnitPss: string;
  /** CPU per 1000 checkouts of the microservices' cart, billing and receipts processes and of the modular monolith's one process, in ms. */
  readonly cpuPer1000: { readonly cart: string; readonly billing: string; readonly receipts: string; readonly checkout: string };
  /** The memory ratio above which the microservices count as needing clearly more (assumed), as a ratio ('1.25×'). */
  readonly costlierMemoryRatio: string;
  /** The verdict rule's threshold, as a ratio ('1.10×'). */
  readonly ruleThreshold: string;
  /** The memory one microservice process held, median (the per-process floor), in MiB. */
  readonly floorPerProcess: string;
  /** The verdict map: the memory ratio as each module holds memory of its own. */
  readonly memoryMap: VerdictMap;
  /** Where the map crosses the assumed threshold and the rule's, as the memory of one service process ('about 260 MiB'; 'beyond the map' when it does not). */
  readonly crossesAt: { readonly assumed: string; readonly rule: string };
  /** The published markers on each side of the assumed threshold's crossing ('Azure Functions: …'; 'none'). */
  readonly markers: { readonly above: string; readonly below: string };
  /** What the verdict would be at the rule's own threshold, in words ('above both published figures, and the claim would hold'). */
  readonly atRuleThreshold: string;
  /** The processes of each reference system's own microservices, in a sentence (counted from its file): 'The lab’s checkout … 3, Online Boutique … 9 and … 7'. */
  readonly referenceMicroProcesses: string;
  /** Their memory, as that many measured service processes: '… 247.5 MiB, … 742.5 MiB and … 577.5 MiB'. */
  readonly referenceMicroMemory: string;
  /** That over the modular monolith's measured memory, on each system: '… 2.58×, … 7.75× and … 6.02×'. */
  readonly referenceMicroRatio: string;
  /** Where the saving falls under the assumed threshold on each system's microservices, as one service process's memory: '… about 263 MiB, … about 367 MiB and … about 346 MiB'. */
  readonly referenceMicroSavingHoldsUnder: string;
  /** Where those crossings fall against the published figures, in words ('between the two published figures on every one of them, so that the verdict would be conditional on each'). */
  readonly referenceMicroAgainstMarkers: string;
  /** The processes of each reference system's nanoservices: '… 6, … 13 and … 24'. */
  readonly referenceNanoProcesses: string;
  /** Their memory over the monolith's, on each system: '… 5.16×, … 11.2× and … 20.7×'. */
  readonly referenceNanoRatio: string;
  /** Where the saving falls under the assumed threshold on each system's nanoservices: '… about 334 MiB, … about 390 MiB and … about 411 MiB'. */
  readonly referenceNanoSavingHoldsUnder: string;
  /** Where those crossings fall against the published figures, in words. */
  readonly referenceNanoAgainstMarkers: string;
}

/**
 * Everything the page prints, read from a result with both shapes in every run (it throws, naming
 * what is missing, for a run without one of them or without one of the units the page names).
 *
 * @example
 * ```ts
 * const figures = pageFigures(evidence.result);
 * figures.monolith.pss; // '98.6 MiB'
 * figures.crossesAt.assumed; // 'about 260 MiB'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const ratios = costRatios(result);
  const shapeFigures = (name: ComparedShape): ShapeFigures => {
    const shapes = result.runs.map((run) => shapeIn(run, name));
    const first = shapes[0] as ShapeCost;
    return {
      processes: first.processes,
      checkouts: sum(shapes.map((shape) => shape.checkouts)),
      wrongAnswers: sum(shapes.map((shape) => shape.wrongAnswers)),
      networkCallsPerCheckout: first.networkCallsPerCheckout,
      rss: formatBytes(medianOf(result, name, (t) => t.rssKiB) * 1024),
      pss: formatBytes(medianOf(result, name, (t) => t.pssKiB) * 1024),
      uss: formatBytes(medianOf(result, name, (t) => t.ussKiB) * 1024),
      cpuPer1000: formatMs(medianOf(result, name, (t) => t.cpuMsPer1000)),
      medianThroughput: Math.round(medianOf(result, name, (t) => t.medianThroughput)),
    };
  };
  const map = memoryMapOf(result);
  const sides = markersBySide(map.lines[0] as MapLine, map);
  const where = (at: number | null) => (at === null ? 'beyond the map' : `about ${Math.round(at)} MiB`);
  return {
    runs: result.runs.length,
    warmup: result.warmup,
    rounds: result.rounds,
    checkoutsPerRound: result.checkoutsPerRound,
    concurrency: result.concurrency,
    monolith: shapeFigures('modular-monolith'),
    microservices: shapeFigures('microservices'),
    ratios: { rss: intervalText(ratios.rss), pss: intervalText(ratios.pss), uss: intervalText(ratios.uss), cpu: intervalText(ratios.cpu), throughput: intervalText(ratios.throughput) },
    // A ratio of process counts reads as a whole multiple, not as a measured ratio to two decimals.
    fewerProcesses: ratios.processes === 1 ? 'as many' : `${ratios.processes}× fewer`,
    microservicesUnitPss: unitNames(result, 'microservices').map((unit) => formatBytes(unitMedian(result, 'microservices', unit, (u) => u.pssKiB) * 1024)).join(', '),
    cpuPer1000: {
      cart: formatMs(unitMedian(result, 'microservices', 'cart', cpuPer1000)),
      billing: formatMs(unitMedian(result, 'microservices', 'billing', cpuPer1000)),
      receipts: formatMs(unitMedian(result, 'microservices', 'receipts', cpuPer1000)),
      checkout: formatMs(unitMedian(result, 'modular-monolith', 'checkout', cpuPer1000)),
    },
    costlierMemoryRatio: formatRatio(costlierMemoryRatio),
    ruleThreshold: formatRatio(costThreshold),
    floorPerProcess: formatBytes(floorPerProcessMiB(result) * 2 ** 20),
    memoryMap: map,
    crossesAt: { assumed: where(memoryCrossingMiB(result)), rule: where(memoryCrossingMiB(result, costThreshold)) },
    markers: { above: sides.above.length ? formatList(sides.above) : 'none', below: sides.below.length ? formatList(sides.below) : 'none' },
    atRuleThreshold: atThreshold(map, costThreshold),
    ...referenceFigures(result),
  };
}

/** The page's figures about the reference systems: the measured memory per process carried to their cuts. */
function referenceFigures(
  result: Result,
): Pick<
  PageFigures,
  | 'referenceMicroProcesses'
  | 'referenceMicroMemory'
  | 'referenceMicroRatio'
  | 'referenceMicroSavingHoldsUnder'
  | 'referenceMicroAgainstMarkers'
  | 'referenceNanoProcesses'
  | 'referenceNanoRatio'
  | 'referenceNanoSavingHoldsUnder'
  | 'referenceNanoAgainstMarkers'
> {
  const ratio = (fleet: ReferenceFleet) => formatRatio(fleet.memoryMiB / fleet.monolithMiB);
  return {
    referenceMicroProcesses: structureByCut(result.referenceSystems, 'units', 'microservices'),
    referenceMicroMemory: referenceByCut(result, 'microservices', (fleet) => formatBytes(fleet.memoryMiB * 2 ** 20)),
    referenceMicroRatio: referenceByCut(result, 'microservices', ratio),
    referenceMicroSavingHoldsUnder: referenceByCut(result, 'microservices', savingLimit),
    referenceMicroAgainstMarkers: crossingsAgainstMarkers(result, 'microservices'),
    referenceNanoProcesses: structureByCut(result.referenceSystems, 'units', 'nanoservices'),
    referenceNanoRatio: referenceByCut(result, 'nanoservices', ratio),
    referenceNanoSavingHoldsUnder: referenceByCut(result, 'nanoservices', savingLimit),
    referenceNanoAgainstMarkers: crossingsAgainstMarkers(result, 'nanoservices'),
  };
}

/** Where the published figures fall at another threshold, and the verdict word that would follow, in words. */
function atThreshold(map: VerdictMap, threshold: number): string {
  const sides = markersBySide(map.lines[0] as MapLine, { ...map, threshold });
  if (sides.below.length === 0) return 'above every published figure, and the claim would hold';
  if (sides.above.length === 0) return 'below every published figure, and the claim would not hold';
  return 'still between the published figures, and the claim would stay conditional';
}
