import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';
import { median } from '../lab/measure/stats.ts';

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

/** The whole result of a run: plain JSON. */
export interface OperatingCostResult {
  readonly rounds: number;
  readonly checkoutsPerRound: number;
  readonly concurrency: number;
  readonly warmup: number;
  readonly shapes: readonly ShapeCost[];
}

/** Shorter alias the scaffold and the page use. */
export type Result = OperatingCostResult;

/** Ratios microservices ÷ modular monolith; null when a shape is missing or its figure is zero. */
export interface CostRatios {
  readonly processes: number | null;
  readonly rss: number | null;
  readonly pss: number | null;
  readonly uss: number | null;
  /** CPU per checkout. */
  readonly cpu: number | null;
  /** Median throughput over the rounds. */
  readonly throughput: number | null;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mib = (kiB: number) => round(kiB / 1024);
const ratioOf = (micro: number, mono: number) => (mono > 0 ? round(micro / mono, 2) : null);

/**
 * The totals of one shape: memory summed over its processes, CPU per 1000 checkouts, median throughput.
 *
 * @example
 * ```ts
 * shapeTotals(result.shapes[0]); // { rssKiB: 128000, pssKiB: 86000, ussKiB: 80000, cpuMs: 2900, cpuMsPer1000: 360, medianThroughput: 1500 }
 * ```
 */
export function shapeTotals(shape: ShapeCost): { rssKiB: number; pssKiB: number; ussKiB: number; cpuMs: number; cpuMsPer1000: number; medianThroughput: number } {
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

const find = (result: OperatingCostResult, shape: ComparedShape) => result.shapes.find((s) => s.shape === shape);

/**
 * Microservices ÷ modular monolith for every figure: above 1, the microservices need more of it.
 *
 * @example
 * ```ts
 * costRatios(result); // { processes: 3, rss: 2.6, pss: 2.4, uss: 2.4, cpu: 4.6, throughput: 0.31 }
 * ```
 */
export function costRatios(result: OperatingCostResult): CostRatios {
  const mono = find(result, 'modular-monolith');
  const micro = find(result, 'microservices');
  if (!mono || !micro) return { processes: null, rss: null, pss: null, uss: null, cpu: null, throughput: null };
  const [m, s] = [shapeTotals(mono), shapeTotals(micro)];
  return {
    processes: ratioOf(micro.processes, mono.processes),
    rss: ratioOf(s.rssKiB, m.rssKiB),
    pss: ratioOf(s.pssKiB, m.pssKiB),
    uss: ratioOf(s.ussKiB, m.ussKiB),
    cpu: ratioOf(s.cpuMsPer1000, m.cpuMsPer1000),
    throughput: ratioOf(s.medianThroughput, m.medianThroughput),
  };
}

/**
 * Per shape: processes, memory after the load, CPU per 1000 checkouts and throughput, with the ratio row.
 *
 * @example
 * ```ts
 * costTable(result).rows[1]; // { shape: 'microservices', processes: 3, rssMiB: 330, pssMiB: 207, ... }
 * ```
 */
export function costTable(result: OperatingCostResult): ResultTable {
  const ratios = costRatios(result);
  return {
    title: `What each shape costs for the same checkouts (${result.rounds} interleaved rounds of ${result.checkoutsPerRound}, ${result.concurrency} in flight)`,
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
      ...result.shapes.map((shape) => {
        const totals = shapeTotals(shape);
        return {
          shape: shape.shape,
          processes: shape.processes,
          networkCalls: shape.networkCallsPerCheckout,
          rssMiB: mib(totals.rssKiB),
          pssMiB: mib(totals.pssKiB),
          ussMiB: mib(totals.ussKiB),
          cpuMsPer1000: totals.cpuMsPer1000,
          throughput: totals.medianThroughput,
        };
      }),
      { shape: 'microservices ÷ modular monolith', processes: ratios.processes, networkCalls: null, rssMiB: ratios.rss, pssMiB: ratios.pss, ussMiB: ratios.uss, cpuMsPer1000: ratios.cpu, throughput: ratios.throughput },
    ],
  };
}

/**
 * Every unit process: where the memory and the CPU went.
 *
 * @example
 * ```ts
 * unitTable(result).rows; // [{ shape: 'modular-monolith', unit: 'checkout', rssMiB: 126, ... }, { shape: 'microservices', unit: 'cart', ... }, ...]
 * ```
 */
export function unitTable(result: OperatingCostResult): ResultTable {
  return {
    title: 'Every unit process after the load',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'unit', label: 'unit process' },
      { key: 'rssMiB', label: 'RSS, MiB' },
      { key: 'pssMiB', label: 'PSS, MiB' },
      { key: 'ussMiB', label: 'USS, MiB' },
      { key: 'cpuMsPer1000', label: 'CPU ms per 1000 checkouts' },
    ],
    rows: result.shapes.flatMap((shape) =>
      shape.units.map((unit) => ({
        shape: shape.shape,
        unit: unit.unit,
        rssMiB: mib(unit.rssKiB),
        pssMiB: mib(unit.pssKiB),
        ussMiB: mib(unit.ussKiB),
        cpuMsPer1000: shape.checkouts > 0 ? round((unit.cpuMs / shape.checkouts) * 1000) : 0,
      })),
    ),
  };
}

/**
 * Throughput of every round, so that a reader sees how much a shared machine moved it.
 *
 * @example
 * ```ts
 * roundsTable(result).rows[0]; // { round: 1, 'modular-monolith': 1480, microservices: 470 }
 * ```
 */
export function roundsTable(result: OperatingCostResult): ResultTable {
  return {
    title: 'Checkouts per second in each round',
    columns: [{ key: 'round', label: 'round' }, ...result.shapes.map((shape) => ({ key: shape.shape, label: shape.shape }))],
    rows: Array.from({ length: result.rounds }, (_, index) => ({
      round: index + 1,
      ...Object.fromEntries(result.shapes.map((shape) => [shape.shape, shape.throughputPerRound[index] ?? null])),
    })),
  };
}

/**
 * PSS per unit process, for a stacked bar per shape.
 *
 * @example
 * ```ts
 * memoryBars(result); // [{ shape: 'modular-monolith', unit: 'checkout', MiB: 84 }, { shape: 'microservices', unit: 'cart', MiB: 70 }, ...]
 * ```
 */
export function memoryBars(result: OperatingCostResult): Array<{ shape: string; unit: string; MiB: number }> {
  return result.shapes.flatMap((shape) => shape.units.map((unit) => ({ shape: shape.shape, unit: unit.unit, MiB: mib(unit.pssKiB) })));
}

/** Microservices cost more memory than the modular monolith when their PSS exceeds its by more than this factor. */
export const costlierMemoryRatio = 1.25;

/**
 * The verdict the figures support. The run must have found every unit process of both shapes,
 * measured each (PSS > 0), and had every checkout answered correctly; otherwise it is not-testable.
 * Then: microservices with more processes and more than 1.25× the modular monolith's summed PSS:
 * holds; more processes but memory within 1.25×: conditional (the process count holds, the memory
 * saving is too small to matter); otherwise does-not-hold. PSS decides because it counts pages that
 * processes share (the Node binary) once in total, not once per process as RSS does.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'holds', because: 'the modular monolith ran ... in 1 process ...' }
 * ```
 */
export function verdictFor(result: OperatingCostResult): { verdict: Verdict; because: string } {
  const mono = find(result, 'modular-monolith');
  const micro = find(result, 'microservices');
  if (!mono || !micro) return { verdict: 'not-testable', because: 'the run did not measure both the modular monolith and the microservices' };
  for (const shape of [mono, micro]) {
    if (shape.processes !== shape.plannedUnits || shape.units.length !== shape.plannedUnits) {
      return { verdict: 'not-testable', because: `${shape.shape}: found ${shape.processes} unit processes for ${shape.plannedUnits} deploy units, so the totals would not be the shape's` };
    }
    if (shape.units.some((unit) => unit.pssKiB <= 0 || unit.rssKiB <= 0)) return { verdict: 'not-testable', because: `${shape.shape}: a unit process could not be measured` };
    if (shape.checkouts === 0 || shape.wrongAnswers > 0) {
      return { verdict: 'not-testable', because: `${shape.shape}: ${shape.wrongAnswers} of ${shape.checkouts} checkouts returned a wrong receipt, so its costs are not for the same checkouts` };
    }
  }
  const [m, s] = [shapeTotals(mono), shapeTotals(micro)];
  const ratios = costRatios(result);
  const plural = (count: number) => `${count} process${count === 1 ? '' : 'es'}`;
  const figures =
    `for the same ${mono.checkouts} checkouts, the modular monolith ran in ${plural(mono.processes)} holding ${mib(m.pssKiB)} MiB PSS (${mib(m.rssKiB)} MiB RSS); ` +
    `the microservices ran in ${plural(micro.processes)} holding ${mib(s.pssKiB)} MiB PSS (${mib(s.rssKiB)} MiB RSS), ${ratios.pss}× the memory; ` +
    `their units spent ${ratios.cpu}× the CPU per checkout (${s.cpuMsPer1000} against ${m.cpuMsPer1000} ms per 1000) and completed ${ratios.throughput}× the checkouts per second`;
  if (micro.processes > mono.processes && (ratios.pss ?? 0) > costlierMemoryRatio) return { verdict: 'holds', because: figures };
  if (micro.processes > mono.processes && (ratios.pss ?? 0) > 1) return { verdict: 'conditional', because: `fewer processes, but the memory saved is within ${costlierMemoryRatio}×: ${figures}` };
  return { verdict: 'does-not-hold', because: `the modular monolith did not need less: ${figures}` };
}

/**
 * The one figure that matters: processes and memory (PSS) per shape, and the CPU ratio.
 *
 * @example
 * ```ts
 * keyFigure(result); // '1 process, 84 MiB vs 3 processes, 205 MiB (2.4×); 4.6× the CPU per checkout'
 * ```
 */
export function keyFigure(result: OperatingCostResult): string | null {
  const mono = find(result, 'modular-monolith');
  const micro = find(result, 'microservices');
  if (!mono || !micro) return null;
  const ratios = costRatios(result);
  const plural = (count: number) => `${count} process${count === 1 ? '' : 'es'}`;
  return `${plural(mono.processes)}, ${mib(shapeTotals(mono).pssKiB)} MiB vs ${plural(micro.processes)}, ${mib(shapeTotals(micro).pssKiB)} MiB (${ratios.pss}×); ${ratios.cpu}× the CPU per checkout`;
}
