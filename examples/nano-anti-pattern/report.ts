import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { LatencySummary } from '../lab/measure/measure.ts';
import type { TransportName } from '../lab/units/transport.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { intervalOf, type Interval } from '../lab/measure/interval.ts';
import { lowerMedian, theilSenSlope } from '../lab/measure/stats.ts';
import { formatList, formatPercent, formatRatio, formatRatioInterval, formatUs, formatUsInterval } from '../lab/report/format.ts';
import { crossing, markersBySide, sideAt, type MapLine, type MapMarker, type VerdictMap } from '../lab/report/verdict-map.ts';
import { sweepRatios, sweepTable } from '../lab/report/sweep-table.ts';
import type { SweepResult } from '../lab/system-run/reference-sweep.ts';
import { stepNames } from '../checkout/step-names.ts';

/** The kind of work each function does: CPU (a calibrated loop) or waiting (a timer, as an I/O call waits). */
export type WorkKind = 'cpu' | 'wait';

/** Nanoservices against the monolith for one chain length and one amount of work per function, medians over the runs. */
export interface AntiPatternRow {
  readonly transport: TransportName;
  readonly kind: WorkKind;
  readonly chainLength: number;
  /** A label for the chain length, for plot legends: "3 functions". */
  readonly chain: string;
  /** CPU work added to every checkout function, in microseconds (0 = the real functions alone). */
  readonly workUs: number;
  readonly iterations: number;
  readonly monolithP50Us: number;
  readonly nanoservicesP50Us: number;
  /** nanoservices p50 − monolith p50: what the extra units cost for the same work. */
  readonly overheadUs: number;
  /** The overhead divided by the nanoservice chain's time, in percent: the share of a checkout spent on being split. */
  readonly overheadSharePercent: number;
  /** The overhead per extra unit (null for one function, where the shapes are the same deployment). */
  readonly perHopUs: number | null;
  /** CPU time of the whole process per checkout (client and every unit), mean over every call; null where no CPU clock exists (a browser). */
  readonly monolithCpuUs: number | null;
  readonly nanoservicesCpuUs: number | null;
  /** The CPU overhead per extra unit: immune to other programs on the machine, unlike latency. */
  readonly cpuPerHopUs: number | null;
  /** Heavier function runs counted in one checkout, per shape: both must equal the chain length. */
  readonly workRunsMonolith: number;
  readonly workRunsNanoservices: number;
  /** Every independent run's p50 and CPU per checkout, in run order: what the per-hop fits read. */
  readonly runsMonolithP50Us: readonly number[];
  readonly runsNanoservicesP50Us: readonly number[];
  readonly runsMonolithCpuUs: ReadonlyArray<number | null>;
  readonly runsNanoservicesCpuUs: ReadonlyArray<number | null>;
  /** Both shapes returned exactly what the functions return in one call stack, in every run. */
  readonly identical: boolean;
}

/** One hop against the work of one call, for one transport, kind and size of work: what the verdict map draws. */
export interface PerHopOverWork {
  readonly transport: TransportName;
  readonly kind: WorkKind;
  /** The work added per function, as asked for, µs. */
  readonly workUs: number;
  /** The work of one call: the added work as measured in one call stack plus the real function's own, µs. */
  readonly workPerCallUs: number;
  /** The CPU of one call: the added CPU work plus the real function's (waiting adds none), µs. */
  readonly cpuPerCallUs: number;
  /** Each run's per-hop overhead by latency (Theil–Sen slope over the chain lengths), µs. */
  readonly perHopRunsUs: readonly number[];
  readonly perHop: Interval;
  /** Per-hop overhead ÷ work per call, one ratio per run: above 1 the hop outweighs the work. */
  readonly ratio: Interval;
  /** The same by CPU time: the hop's CPU ÷ the call's CPU; null without a CPU clock. */
  readonly cpuPerHopRunsUs: readonly number[] | null;
  readonly cpuRatio: Interval | null;
}

/** Where the per-hop overhead equals the work per function, for one transport and chain length. */
export interface BreakEven {
  readonly transport: TransportName;
  readonly chainLength: number;
  /** Interpolated between the measured work sizes; null when the crossing lies outside them. */
  readonly workUs: number | null;
  /** `within` the swept range, or the overhead was `above` the work at every size, or `below` it at every size. */
  readonly where: 'within' | 'above' | 'below';
}

/** The whole result of a nano-anti-pattern run: plain JSON. */
export interface AntiPatternResult {
  /** Busy-work loop iterations per microsecond on this machine, measured before the run. */
  readonly spinPerUs: number;
  /** The busy work (and the timer) actually measured in one call stack, per requested size: proof the calibration holds. */
  readonly workCheck: ReadonlyArray<{ readonly kind: WorkKind; readonly workUs: number; readonly measuredP50Us: number }>;
  /** The six real checkout functions in one call stack, p50: the work they do without added load. */
  readonly inProcessCheckout: LatencySummary;
  readonly rows: readonly AntiPatternRow[];
  /** Break-evens from the median latency (what a caller waits). */
  readonly breakEvens: readonly BreakEven[];
  /** Break-evens from CPU time per checkout (what the machine pays), which other programs on a shared machine disturb less. */
  readonly cpuBreakEvens: readonly BreakEven[];
  /** One hop against the work of one call, per transport, kind and size of work, over the runs. */
  readonly perHop: readonly PerHopOverWork[];
  /** The reference systems and published figures of work per call the run marked (see `mapMarkers`). */
  readonly workMarkers: readonly MapMarker[];
  /** Independent runs over the whole sweep. */
  readonly runs: number;
  /** Every deployment returned exactly what the functions return in one call stack. */
  readonly identicalResults: boolean;
  /** The cuts of the reference systems over HTTP, each at its own work per call (left out by quick runs). */
  readonly systems?: SweepResult;
}

/** The result of a nano-anti-pattern run, under the name every claim's report uses. */
export type Result = AntiPatternResult;

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * One hop against the work of one call, per transport, kind and size of work: in every run, the
 * Theil–Sen slope of (nanoservices − monolith) over the extra units, by latency and by CPU, divided by
 * the work of one call; then the median of the runs with its 95% interval. The work of a call is the
 * added work as measured in one call stack (`workCheck`) plus the real function's own (`realWorkUs`);
 * by CPU, waiting adds nothing to it. Cells without a chain of two or more are left out.
 *
 * @example
 * ```ts
 * perHopOverWork(rows, workCheck, 9.2).find((h) => h.transport === 'http' && h.workUs === 0)?.ratio.estimate; // e.g. 12.8
 * ```
 */
export function perHopOverWork(rows: readonly AntiPatternRow[], workCheck: AntiPatternResult['workCheck'], realWorkUs: number): PerHopOverWork[] {
  const groups = [...new Map(rows.map((row) => [`${row.transport}|${row.kind}|${row.workUs}`, row])).values()];
  return groups.flatMap(({ transport, kind, workUs }) => {
    const cells = rows.filter((row) => row.transport === transport && row.kind === kind && row.workUs === workUs);
    if (new Set(cells.map((cell) => cell.chainLength)).size < 2 || !cells.some((cell) => cell.chainLength > 1)) return [];
    const runs = Math.min(...cells.map((cell) => cell.runsMonolithP50Us.length));
    const slopeOf = (pick: (cell: AntiPatternRow, run: number) => number | null) =>
      Array.from({ length: runs }, (_, run) => {
        const points = cells.map((cell) => ({ x: cell.chainLength - 1, y: pick(cell, run) }));
        return points.some((point) => point.y === null) ? null : round1(theilSenSlope(points as Array<{ x: number; y: number }>));
      });
    const measuredWork = workCheck.find((check) => check.kind === kind && check.workUs === workUs)?.measuredP50Us ?? workUs;
    const addedWork = kind === 'cpu' && workUs === 0 ? 0 : measuredWork;
    const workPerCallUs = round1(addedWork + realWorkUs);
    const cpuPerCallUs = round1((kind === 'cpu' ? addedWork : 0) + realWorkUs);
    // Work too small for the clock to time (a browser rounds timers to 100 µs) gives no ratio at all.
    if (workPerCallUs <= 0) return [];
    const perHopRunsUs = slopeOf((cell, run) => (cell.runsNanoservicesP50Us[run] as number) - (cell.runsMonolithP50Us[run] as number)) as number[];
    const cpuRuns = slopeOf((cell, run) => {
      const [nano, mono] = [cell.runsNanoservicesCpuUs[run], cell.runsMonolithCpuUs[run]];
      return nano === null || nano === undefined || mono === null || mono === undefined ? null : nano - mono;
    });
    const cpuPerHopRunsUs = cpuRuns.some((value) => value === null) ? null : (cpuRuns as number[]);
    return [
      {
        transport,
        kind,
        workUs,
        workPerCallUs,
        cpuPerCallUs,
        perHopRunsUs,
        perHop: intervalOf(perHopRunsUs),
        ratio: intervalOf(perHopRunsUs.map((us) => us / workPerCallUs)),
        cpuPerHopRunsUs,
        cpuRatio: cpuPerHopRunsUs && cpuPerCallUs > 0 ? intervalOf(cpuPerHopRunsUs.map((us) => us / cpuPerCallUs)) : null,
      },
    ];
  });
}

/**
 * The work per function at which one hop costs as much as the function's work, for every
 * transport and chain length of two or more: linear interpolation of (per-hop overhead − work)
 * between the two measured work sizes where it changes sign. `perHop` picks the overhead measure:
 * latency (`perHopUs`) or CPU (`cpuPerHopUs`).
 *
 * @example
 * ```ts
 * findBreakEvens(rows, 'perHopUs'); // [{ transport: 'http', chainLength: 6, workUs: 312.4, where: 'within' }, ...]
 * ```
 */
export function findBreakEvens(rows: readonly AntiPatternRow[], perHop: 'perHopUs' | 'cpuPerHopUs'): BreakEven[] {
  const keys = [...new Map(rows.filter((r) => r[perHop] !== null).map((r) => [`${r.transport}|${r.chainLength}`, r])).values()];
  return keys.map(({ transport, chainLength }) => {
    const points = rows
      .filter((r) => r.transport === transport && r.chainLength === chainLength && r[perHop] !== null)
      .map((r) => ({ workUs: r.workUs, excess: (r[perHop] as number) - r.workUs }))
      .sort((a, b) => a.workUs - b.workUs);
    if ((points[0]?.excess ?? 0) <= 0) return { transport, chainLength, workUs: null, where: 'below' as const };
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [a, b] = [points[i], points[i + 1]] as [(typeof points)[number], (typeof points)[number]];
      if (a.excess > 0 && b.excess <= 0) {
        return { transport, chainLength, workUs: round1(a.workUs + (a.excess * (b.workUs - a.workUs)) / (a.excess - b.excess)), where: 'within' as const };
      }
    }
    return { transport, chainLength, workUs: null, where: 'above' as const };
  });
}

/**
 * The overhead of the nanoservice shape against the monolith, per transport, chain length and work size.
 *
 * @example
 * ```ts
 * overheadTable(result).rows[0]; // { transport: 'http', chainLength: 1, workUs: 0, ... }
 * ```
 */
export function overheadTable(result: AntiPatternResult): ResultTable {
  return {
    title: 'Nanoservices vs monolith: the overhead share by work per function and chain length',
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'kind', label: 'work' },
      { key: 'chainLength', label: 'functions' },
      { key: 'workUs', label: 'work per function, µs' },
      { key: 'monolithP50Us', label: 'monolith p50 µs' },
      { key: 'nanoservicesP50Us', label: 'nanoservices p50 µs' },
      { key: 'overheadUs', label: 'overhead µs' },
      { key: 'perHopUs', label: 'overhead per hop µs' },
      { key: 'overheadSharePercent', label: 'overhead share %' },
      { key: 'cpuPerHopUs', label: 'CPU per hop µs' },
      { key: 'iterations', label: 'samples per run' },
    ],
    rows: result.rows.map((row) => ({
      transport: row.transport,
      kind: row.kind === 'cpu' ? 'CPU' : 'waiting',
      chainLength: row.chainLength,
      workUs: row.workUs,
      monolithP50Us: row.monolithP50Us,
      nanoservicesP50Us: row.nanoservicesP50Us,
      overheadUs: row.overheadUs,
      perHopUs: row.perHopUs,
      overheadSharePercent: row.overheadSharePercent,
      cpuPerHopUs: row.cpuPerHopUs,
      iterations: row.iterations,
    })),
  };
}

/**
 * The break-even work per function, per transport and chain length.
 *
 * @example
 * ```ts
 * breakEvenTable(result).rows; // [{ transport: 'http', chainLength: 2, workUs: 290.5, where: 'within' }, ...]
 * ```
 */
export function breakEvenTable(result: AntiPatternResult): ResultTable {
  return {
    title: 'Break-even: the work per function at which one hop costs as much as the work',
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'chainLength', label: 'functions' },
      { key: 'workUs', label: 'break-even by latency, µs of work' },
      { key: 'where', label: 'latency: in the swept range?' },
      { key: 'cpuWorkUs', label: 'break-even by CPU, µs of work' },
      { key: 'cpuWhere', label: 'CPU: in the swept range?' },
    ],
    rows: result.breakEvens.map((b) => {
      const cpu = result.cpuBreakEvens.find((c) => c.transport === b.transport && c.chainLength === b.chainLength);
      return { ...b, cpuWorkUs: cpu?.workUs ?? null, cpuWhere: cpu?.where ?? null };
    }),
  };
}

/**
 * Rows for the plot of the overhead share against the work per function, one line per chain length,
 * up to `maxWorkUs` (a linear axis would crush the small sizes next to the largest one).
 *
 * @example
 * ```ts
 * sharePlotRows(result, 1000); // [{ transport: 'http', chain: '2 functions', workUs: 0, overheadSharePercent: 45 }, ...]
 * ```
 */
export function sharePlotRows(result: AntiPatternResult, maxWorkUs: number) {
  return result.rows
    .filter((row) => row.kind === 'cpu' && row.chainLength > 1 && row.workUs <= maxWorkUs)
    .map(({ transport, chain, workUs, overheadSharePercent }) => ({ transport, chain, workUs, overheadSharePercent }));
}

/**
 * Rows for the break-even plot: the median per-hop overhead over chain lengths, per transport and
 * measure, against the work of one function (the line y = x). Where they cross is the break-even.
 *
 * @example
 * ```ts
 * breakEvenPlotRows(result, 1000); // [{ line: 'one hop, http (latency)', workUs: 0, us: 320 }, ..., { line: 'work of one function', workUs: 0, us: 0 }]
 * ```
 */
export function breakEvenPlotRows(result: AntiPatternResult, maxWorkUs: number) {
  const cpuRows = result.rows.filter((row) => row.kind === 'cpu');
  const works = [...new Set(cpuRows.map((row) => row.workUs))].filter((w) => w <= maxWorkUs).sort((a, b) => a - b);
  const transports = [...new Set(cpuRows.map((row) => row.transport))];
  const lines = transports.flatMap((transport) =>
    (['perHopUs', 'cpuPerHopUs'] as const).flatMap((measure) =>
      works.flatMap((workUs) => {
        const us = lowerMedian(cpuRows.filter((r) => r.transport === transport && r.workUs === workUs && r[measure] !== null).map((r) => r[measure] as number));
        return us === null ? [] : [{ line: `one hop, ${transport} (${measure === 'perHopUs' ? 'latency' : 'CPU'})`, workUs, us }];
      }),
    ),
  );
  return [...lines, ...works.map((workUs) => ({ line: 'work of one function', workUs, us: workUs }))];
}

/**
 * The figures the page quotes: the median break-even per transport, and the overhead share of the
 * real checkout (no added work) and of the heaviest work at the longest chain.
 *
 * @example
 * ```ts
 * headline(result, 'http'); // { breakEvenUs: 305, shareAtRealWork: 76.8, shareAtMostWork: 4.1, ... }
 * ```
 */
export function headline(result: AntiPatternResult, transport: TransportName) {
  const rows = result.rows.filter((r) => r.transport === transport && r.kind === 'cpu');
  const longest = Math.max(...rows.map((r) => r.chainLength));
  const works = [...new Set(rows.map((r) => r.workUs))].sort((a, b) => a - b);
  const at = (workUs: number | undefined) => rows.find((r) => r.chainLength === longest && r.workUs === workUs);
  // At large work the overhead is a small difference of two large, noisy numbers: the median over chain lengths steadies it.
  const shareOverChains = (workUs: number | undefined) => lowerMedian(rows.filter((r) => r.workUs === workUs && r.chainLength > 1).map((r) => r.overheadSharePercent));
  const within = result.breakEvens.filter((b) => b.transport === transport && b.workUs !== null).map((b) => b.workUs as number);
  return {
    longest,
    leastWorkUs: works[0] ?? null,
    mostWorkUs: works.at(-1) ?? null,
    breakEvenUs: lowerMedian(within),
    perHopAtRealWorkUs: at(works[0])?.perHopUs ?? null,
    shareAtRealWork: at(works[0])?.overheadSharePercent ?? null,
    shareAtMostWork: shareOverChains(works.at(-1)),
    /** The spread of the overhead share at one function, where both shapes are the same deployment: pure noise. */
    noiseSharePercent: rows.filter((r) => r.chainLength === 1).map((r) => r.overheadSharePercent),
  };
}

/** The line of the verdict map the verdict reads: a hop over HTTP against CPU work, by latency (what a caller waits). */
export const verdictLine = 'HTTP hop ÷ CPU work (latency)';

/** The map's lines: which per-hop figures each draws, and from which transport and kind of work. */
const mapLines: ReadonlyArray<{ readonly series: string; readonly transport: TransportName; readonly kind: WorkKind; readonly measure: 'ratio' | 'cpuRatio' }> = [
  { series: verdictLine, transport: 'http', kind: 'cpu', measure: 'ratio' },
  { series: 'HTTP hop ÷ waiting work (latency)', transport: 'http', kind: 'wait', measure: 'ratio' },
  { series: 'in-memory hop ÷ CPU work (latency)', transport: 'memory', kind: 'cpu', measure: 'ratio' },
  { series: 'HTTP hop’s CPU ÷ the call’s CPU, CPU work', transport: 'http', kind: 'cpu', measure: 'cpuRatio' },
  { series: 'HTTP hop’s CPU ÷ the call’s CPU, waiting work', transport: 'http', kind: 'wait', measure: 'cpuRatio' },
];

/**
 * The verdict map: one hop's overhead ÷ the work of one call, across the work per call (log axes),
 * one line per transport, kind of work and measure, each point with its 95% interval over the runs;
 * the threshold is 1 (the hop costs as much as the work), and the reference systems and published
 * figures of work per call are marked.
 *
 * @example
 * ```ts
 * verdictMapOf(result).lines.map((line) => line.series); // ['HTTP hop ÷ CPU work (latency)', ...]
 * ```
 */
export function verdictMapOf(result: AntiPatternResult): VerdictMap {
  const lines: MapLine[] = mapLines.flatMap(({ series, transport, kind, measure }) => {
    const points = result.perHop
      .filter((hop) => hop.transport === transport && hop.kind === kind && hop[measure] !== null)
      .map((hop) => {
        const ratio = hop[measure] as Interval;
        return { x: hop.workPerCallUs, estimate: ratio.estimate, low: ratio.low, high: ratio.high };
      })
      .sort((a, b) => a.x - b.x);
    return points.length > 0 ? [{ series, points }] : [];
  });
  return {
    title: 'One hop against the work of one call, across the work per call, with real systems marked',
    xLabel: 'work per call, µs',
    yLabel: 'hop ÷ work of one call',
    logX: true,
    logY: true,
    threshold: 1,
    aboveThreshold: 'the hop costs more than the work it hands over to: Rotem-Gal-Oz’s anti-pattern',
    belowThreshold: 'the work outweighs the hop',
    lines,
    markers: result.workMarkers,
  };
}

/** Where the verdict line crosses 1, by its estimates and by the bounds of its intervals; null where it does not cross within what was measured. */
export function breakEvenOf(map: VerdictMap): { readonly estimateUs: number | null; readonly lowUs: number | null; readonly highUs: number | null } {
  const line = map.lines.find((candidate) => candidate.series === verdictLine);
  if (!line) return { estimateUs: null, lowUs: null, highUs: null };
  const bound = (pick: 'low' | 'high') => crossing(line.points.map((point) => ({ x: point.x, estimate: point[pick] ?? point.estimate })), map.threshold, map);
  return { estimateUs: crossing(line.points, map.threshold, map), lowUs: bound('low'), highUs: bound('high') };
}

/** Everything the page prints, read from one run's result and formatted the way the page shows it. */
export interface PageFigures {
  /** The verdict map the page draws. */
  readonly verdictMap: VerdictMap;
  /** The reference systems' cuts against their monolith (null when the run left them out, as quick runs do). */
  readonly systems: {
    readonly table: ResultTable;
    /** Nanoservices' median latency ÷ the monolith's, per system, with intervals, in a sentence. */
    readonly nanoRatios: string;
    /** The same for the microservices cut. */
    readonly microRatios: string;
  } | null;
  /** Independent runs behind every interval (a count). */
  readonly runs: number;
  /** The longest chain measured over HTTP, in functions. */
  readonly longestChain: number;
  /** The chain lengths measured, in words: '1, 3 and 6'. */
  readonly chainLengths: string;
  /** The largest CPU work per function swept, formatted: '3,000 µs'. */
  readonly mostWork: string;
  /** Where the HTTP hop costs as much as the work of one call, by latency: '118 µs' ('–' without a crossing). */
  readonly httpBreakEven: string;
  /** The same read off the lower and upper bounds of the intervals: '105–131 µs' ('–' where a bound does not cross). */
  readonly httpBreakEvenRange: string;
  /** The work of one real checkout function, the in-process checkout's p50 over its functions: '9.2 µs'. */
  readonly realWorkPerFunction: string;
  /** With the real functions alone, one HTTP hop ÷ the work of one: '12.8× [12.1–13.5×]'. */
  readonly httpRatioAtRealWork: string;
  /** One HTTP hop's overhead with the real functions alone, with its interval: '118 µs [110–126 µs]'. */
  readonly httpPerHopAtRealWork: string;
  /** One HTTP hop ÷ 1 ms of CPU work per call, or the measured size nearest 1 ms, with its interval. */
  readonly httpRatioNearOneMs: string;
  /** The work per call that ratio was read at: '1,009 µs'. */
  readonly nearOneMsWork: string;
  /** One HTTP hop ÷ the largest waiting work per call, latency, with its interval ('–' without waiting work). */
  readonly httpRatioWaiting: string;
  /** The largest waiting work per call: '3,105 µs' ('–' without waiting work). */
  readonly mostWaiting: string;
  /** One HTTP hop's overhead with the largest waiting work, with its interval ('–' without waiting work). */
  readonly httpPerHopWaiting: string;
  /** One HTTP hop's CPU ÷ the call's own CPU when the call waits, with its interval ('–' without a CPU clock or waiting work). */
  readonly httpCpuRatioWaiting: string;
  /** The in-memory break-even, by latency: '48.1 µs'. */
  readonly memoryBreakEven: string;
  /** The reference systems and published figures whose work per call is below the HTTP break-even, where a hop outweighs the work (the anti-pattern side), in words. */
  readonly antiPatternSide: string;
  /** Those whose work per call is above it, where the work outweighs the hop, in words. */
  readonly workOutweighsSide: string;
  /** The overhead shares over HTTP at one function (pure noise), one per work size, in percent. */
  readonly httpNoise: string;
  /** Busy-work loop iterations per µs, calibrated before the run. */
  readonly spinPerUs: number;
  /** Requested work → measured p50, both in µs, per size and kind: '0 → 0.2, 30 → 30.1, ..., wait 1000 → 1,062'. */
  readonly workCheck: string;
  /** Whether every deployment returned what the functions return in one call stack, as the page's clause. */
  readonly identicalResults: string;
}

const hopAt = (result: AntiPatternResult, transport: TransportName, kind: WorkKind, workUs: number | undefined) =>
  result.perHop.find((hop) => hop.transport === transport && hop.kind === kind && hop.workUs === workUs);

/**
 * The figures the page prints, from one run's result: the verdict map, the break-even with its range,
 * the ratio at the real functions' work and near 1 ms, the waiting-work variant, the markers on each
 * side, the noise and the calibration. Throws when the HTTP hop with the real functions alone is missing.
 *
 * @example
 * ```ts
 * const figures = pageFigures(result);
 * figures.httpBreakEven; // '118 µs'
 * figures.antiPatternSide; // 'The lab's checkout: six functions in a chain (system file) and Online Boutique: placing an order (system file)'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const systems = result.systems ? { table: sweepTable(result.systems), nanoRatios: sweepRatios(result.systems, 'nanoservices'), microRatios: sweepRatios(result.systems, 'microservices') } : null;
  const map = verdictMapOf(result);
  const breakEven = breakEvenOf(map);
  const httpCpu = result.perHop.filter((hop) => hop.transport === 'http' && hop.kind === 'cpu');
  const real = hopAt(result, 'http', 'cpu', Math.min(...httpCpu.map((hop) => hop.workUs)));
  if (!real) throw new Error('the page quotes an HTTP hop with the real functions alone, and the run has none');
  const nearOneMs = [...httpCpu].sort((a, b) => Math.abs(Math.log(a.workPerCallUs / 1000)) - Math.abs(Math.log(b.workPerCallUs / 1000)))[0] as PerHopOverWork;
  const waits = result.perHop.filter((hop) => hop.transport === 'http' && hop.kind === 'wait').sort((a, b) => a.workUs - b.workUs);
  const mostWaiting = waits.at(-1);
  const line = map.lines.find((candidate) => candidate.series === verdictLine);
  const sides = line ? markersBySide(line, map) : { above: [], below: [] };
  const memoryLine = map.lines.find((candidate) => candidate.series.startsWith('in-memory'));
  const memoryBreakEven = memoryLine ? crossing(memoryLine.points, map.threshold, map) : null;
  const http = headline(result, 'http');
  const asPercent = (percent: number) => formatPercent(percent / 100, 1);
  const range = breakEven.lowUs === null || breakEven.highUs === null ? '–' : `${formatUs(Math.min(breakEven.lowUs, breakEven.highUs))}–${formatUs(Math.max(breakEven.lowUs, breakEven.highUs))}`;
  return {
    systems,
    verdictMap: map,
    runs: result.runs,
    longestChain: http.longest,
    chainLengths: formatList([...new Set(result.rows.map((row) => row.chainLength))].sort((a, b) => a - b).map(String)),
    mostWork: formatUs(http.mostWorkUs),
    httpBreakEven: formatUs(breakEven.estimateUs),
    httpBreakEvenRange: range,
    realWorkPerFunction: formatUs(result.inProcessCheckout.p50Us / stepNames.length),
    httpRatioAtRealWork: formatRatioInterval(real.ratio),
    httpPerHopAtRealWork: formatUsInterval(real.perHop),
    httpRatioNearOneMs: formatRatioInterval(nearOneMs.ratio),
    nearOneMsWork: formatUs(nearOneMs.workPerCallUs),
    httpRatioWaiting: mostWaiting ? formatRatioInterval(mostWaiting.ratio) : '–',
    mostWaiting: formatUs(mostWaiting?.workPerCallUs),
    httpPerHopWaiting: mostWaiting ? formatUsInterval(mostWaiting.perHop) : '–',
    httpCpuRatioWaiting: mostWaiting?.cpuRatio ? formatRatioInterval(mostWaiting.cpuRatio) : '–',
    memoryBreakEven: formatUs(memoryBreakEven),
    antiPatternSide: formatList(sides.above) || 'none',
    workOutweighsSide: formatList(sides.below) || 'none',
    httpNoise: http.noiseSharePercent.map(asPercent).join(', '),
    spinPerUs: result.spinPerUs,
    workCheck: result.workCheck.map((w) => `${w.kind === 'wait' ? 'wait ' : ''}${w.workUs} → ${w.measuredP50Us}`).join(', '),
    identicalResults: result.identicalResults ? 'they did, in every cell and run' : 'one did not',
  };
}

/**
 * What the figures found, in the terms of the one verdict rule. Rotem-Gal-Oz's nanoservice is a
 * service whose overhead outweighs its utility; here the overhead is one hop and the utility the work
 * of one call, and the verdict line is the HTTP hop against CPU work, by latency. The nanoservices show
 * the anti-pattern when the ratio is clearly above 1 for some real system's work per call (a marker on
 * the anti-pattern side of the break-even); the monolith pays no hop. When markers fall on both sides
 * of the break-even, the finding flips within the realistic region.
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'nanoservices', shownBy: { monolith: false, nanoservices: true }, flipsWithinRealisticRegion: '...', because: '...' }
 * ```
 */
export function findingFor(result: AntiPatternResult): Finding {
  const credited = 'nanoservices';
  // A run whose deployments disagree with the functions compared nothing: the claims check refuses it.
  if (!result.identicalResults) return { notYetMeasured: 'a deployment returned another receipt than the functions in one call stack', credited, shownBy: { nanoservices: false }, because: 'a deployment returned another receipt, so nothing was compared' };
  const map = verdictMapOf(result);
  const line = map.lines.find((candidate) => candidate.series === verdictLine);
  if (!line || line.points.length < 2) return { credited, shownBy: { monolith: false, nanoservices: false }, because: 'no HTTP hop was measured at two or more sizes of work, so no break-even was found' };
  const sides = markersBySide(line, map);
  const breakEven = crossing(line.points, map.threshold, map);
  const first = line.points[0] as (typeof line.points)[number];
  const shownBy = { monolith: false, nanoservices: sides.above.length > 0 || (map.markers.length === 0 && (first.low ?? first.estimate) > map.threshold) };
  if (breakEven === null) {
    return {
      credited,
      shownBy,
      because: shownBy.nanoservices
        ? `over HTTP a hop outweighed a call's work at every size measured, ${formatRatio(first.estimate)} at the real functions' ${formatUs(first.x)}`
        : `over HTTP a hop cost less than a call's work at every size measured, from ${formatUs(first.x)}`,
    };
  }
  const flips = sides.above.length > 0 && sides.below.length > 0;
  const marked = sides.above.length + sides.below.length;
  // Typical real calls: the published median call of 1 ms (Alibaba's trace), read on the same line.
  const typical = sideAt(line.points, map.threshold, 1000, map).side === 'below' ? 'typical calls (~1 ms) sit above' : 'even typical calls (~1 ms) sit below';
  return {
    credited,
    shownBy,
    ...(flips ? { flipsWithinRealisticRegion: `one hop outweighs the work below ${formatUs(breakEven)} of work per call, where ${sides.above.length} of ${marked} marked systems and figures sit (${formatList(sides.above)})` } : {}),
    because: `over HTTP a hop costs as much as ${formatUs(breakEven)} of work per call: an anti-pattern below that (${sides.above.length} of ${marked} marked systems); ${typical}`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'conditional', because: 'over HTTP a hop costs as much as 118 µs ...', rule: 'it flips within the realistic region: ...' }
 * ```
 */
export function verdictFor(result: AntiPatternResult): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/nano-anti-pattern.json when the site is built, through
 * examples/claims/key-figures.ts). The verdict reads the verdict map's HTTP line: the key figure is
 * its break-even as the page prints it (`breakEvenOf` the map, with the range its intervals' bounds
 * give), then one hop against a call's work with the real functions alone, with its 95% interval.
 * Null when no HTTP hop was measured against CPU work, as for a run that measured nothing.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'an HTTP hop costs as much as 118 µs of work per call (105 µs–131 µs); with the real functions alone it is 12.8× [12.1–13.5×] a call’s work'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const httpCpu = result.perHop?.filter((hop) => hop.transport === 'http' && hop.kind === 'cpu') ?? [];
  const real = httpCpu.reduce<PerHopOverWork | undefined>((least, hop) => (least === undefined || hop.workUs < least.workUs ? hop : least), undefined);
  if (!real) return null;
  const atRealWork = `with the real functions alone it is ${formatRatioInterval(real.ratio)} a call’s work`;
  const breakEven = breakEvenOf(verdictMapOf(result));
  if (breakEven.estimateUs === null) {
    return `an HTTP hop ${real.ratio.estimate > 1 ? 'outweighed' : 'cost less than'} a call’s work at every size measured; ${atRealWork}`;
  }
  const { lowUs, highUs } = breakEven;
  const range = lowUs === null || highUs === null ? '' : ` (${formatUs(Math.min(lowUs, highUs))}–${formatUs(Math.max(lowUs, highUs))})`;
  return `an HTTP hop costs as much as ${formatUs(breakEven.estimateUs)} of work per call${range}; ${atRealWork}`;
}
