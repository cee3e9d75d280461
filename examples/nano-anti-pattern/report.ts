import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { LatencySummary } from '../lab/measure/measure.ts';
import type { TransportName } from '../lab/units/transport.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';
import { lowerMedian } from '../lab/measure/stats.ts';

/** Nanoservices against the monolith for one chain length and one amount of work per function. */
export interface AntiPatternRow {
  readonly transport: TransportName;
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
  /** The busy work actually measured in one call stack, per requested size: proof the calibration holds. */
  readonly workCheck: ReadonlyArray<{ readonly workUs: number; readonly measuredP50Us: number }>;
  /** The six real checkout functions in one call stack, p50: the work they do without added load. */
  readonly inProcessCheckout: LatencySummary;
  readonly rows: readonly AntiPatternRow[];
  /** Break-evens from the median latency (what a caller waits). */
  readonly breakEvens: readonly BreakEven[];
  /** Break-evens from CPU time per checkout (what the machine pays), which other programs on a shared machine disturb less. */
  readonly cpuBreakEvens: readonly BreakEven[];
  /** Every deployment returned exactly what the functions return in one call stack. */
  readonly identicalResults: boolean;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

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
      { key: 'chainLength', label: 'functions' },
      { key: 'workUs', label: 'work per function, µs' },
      { key: 'monolithP50Us', label: 'monolith p50 µs' },
      { key: 'nanoservicesP50Us', label: 'nanoservices p50 µs' },
      { key: 'overheadUs', label: 'overhead µs' },
      { key: 'perHopUs', label: 'overhead per hop µs' },
      { key: 'overheadSharePercent', label: 'overhead share %' },
      { key: 'cpuPerHopUs', label: 'CPU per hop µs' },
      { key: 'iterations', label: 'samples' },
    ],
    rows: result.rows.map((row) => ({ ...row })),
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
    .filter((row) => row.chainLength > 1 && row.workUs <= maxWorkUs)
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
  const works = [...new Set(result.rows.map((row) => row.workUs))].filter((w) => w <= maxWorkUs).sort((a, b) => a - b);
  const transports = [...new Set(result.rows.map((row) => row.transport))];
  const lines = transports.flatMap((transport) =>
    (['perHopUs', 'cpuPerHopUs'] as const).flatMap((measure) =>
      works.flatMap((workUs) => {
        const us = lowerMedian(result.rows.filter((r) => r.transport === transport && r.workUs === workUs && r[measure] !== null).map((r) => r[measure] as number));
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
  const rows = result.rows.filter((r) => r.transport === transport);
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

/**
 * The verdict the figures support. Rotem-Gal-Oz's nanoservice is a service whose overhead outweighs
 * its utility; here the overhead is one hop and the utility the work of one function. On the network
 * transport: if the hop costs more than the work at every size swept, the anti-pattern holds; if less
 * at every size, it does not; if the two cross, it is conditional on the work per function.
 *
 * @example
 * ```ts
 * antiPatternVerdict(result); // { verdict: 'conditional', because: 'over http one hop costs ...' }
 * ```
 */
export function antiPatternVerdict(result: AntiPatternResult): { verdict: Verdict; because: string } {
  if (!result.identicalResults) return { verdict: 'not-testable', because: 'a deployment returned something other than the in-process checkout, so the comparison is void' };
  // The claim is about services on a network; the in-memory transport is the contrast, not the test.
  const transport: TransportName = result.breakEvens.find((b) => b.transport !== 'memory')?.transport ?? 'memory';
  const crossings = result.breakEvens.filter((b) => b.transport === transport);
  const h = headline(result, transport);
  const cpuWithin = result.cpuBreakEvens.filter((b) => b.transport === transport && b.workUs !== null).map((b) => b.workUs as number);
  const cpuBreakEven = lowerMedian(cpuWithin);
  const realWorkPerFunction = round1(result.inProcessCheckout.p50Us / 6);
  if (crossings.length === 0) return { verdict: 'not-testable', because: 'no chain of two or more functions was measured' };
  if (crossings.every((b) => b.where === 'above')) {
    return { verdict: 'holds', because: `over ${transport} one hop cost more than the work of a function at every size up to ${h.mostWorkUs} µs: the split never paid for itself` };
  }
  if (crossings.every((b) => b.where === 'below')) {
    return { verdict: 'does-not-hold', because: `over ${transport} one hop cost less than the work of a function at every size from ${h.leastWorkUs} µs: the split never cost more than the work` };
  }
  return {
    verdict: 'conditional',
    because:
      `over ${transport} one hop costs as much as about ${h.breakEvenUs} µs of work per function (median break-even over chain lengths; ${cpuBreakEven === null ? 'CPU time found no crossing' : `${cpuBreakEven} µs by CPU time`}). ` +
      `The real checkout functions work about ${realWorkPerFunction} µs each, so split one per unit they spend ${h.shareAtRealWork}% of a ${h.longest}-function checkout on overhead: an anti-pattern. ` +
      `At ${h.mostWorkUs} µs of work per function the share falls to ${h.shareAtMostWork}% (median over chain lengths): not one`,
  };
}
