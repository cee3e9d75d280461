import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { LatencySummary } from '../lab/measure/measure.ts';
import type { TransportName } from '../lab/units/transport.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** The shapes compared, in the order they are deployed and shown: the plain monolith is the control. */
export const comparedShapes = ['monolith', 'modular-monolith', 'microservices'] as const;
/** One compared shape. */
export type ComparedShape = (typeof comparedShapes)[number];

/** One shape on one transport: what a checkout crossed and how long it took. */
export interface ShapeRow {
  readonly transport: TransportName;
  readonly shape: ComparedShape;
  readonly units: number;
  /** Business boundaries crossed by a function call (modules of one unit), from the shape. */
  readonly crossedByFunctionCall: number;
  /** Business boundaries crossed over the transport (unit to unit), from the shape. */
  readonly crossedOverNetwork: number;
  /** Calls that crossed the transport for one checkout, the client's included, counted by the units. */
  readonly networkCalls: number;
  readonly iterations: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
}

/** Microservices against the modular monolith on one transport, with the plain monolith as control. */
export interface TransportComparison {
  readonly transport: TransportName;
  readonly microservicesP50Us: number;
  readonly modularP50Us: number;
  readonly monolithP50Us: number;
  readonly microservicesP99Us: number;
  readonly modularP99Us: number;
  /** Microservices p50 ÷ modular monolith p50: above 1, the split modules answer slower. */
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  /** Modular monolith p50 ÷ plain monolith p50: the same code at run time, so its distance from 1 is noise. */
  readonly controlRatio: number;
  /** (microservices p50 − modular p50) per boundary that became a network call. */
  readonly perNetworkCrossingUs: number;
}

/** The result of a run: plain JSON, read by the CLI, the tests, the evidence file and the page. */
export interface Result {
  readonly rows: readonly ShapeRow[];
  readonly comparisons: readonly TransportComparison[];
  /** The six functions in one call stack, no server: the work every shape does. */
  readonly inProcessCheckout: LatencySummary;
  /** Every shape on every transport returned exactly what the functions return in one call stack. */
  readonly sameAnswers: boolean;
}

/** A ratio differs from 1 only by more than this, or by more than the two identical deployments differ. */
export const minimumMargin = 0.1;

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Puts the microservices beside the modular monolith on every transport measured.
 *
 * @example
 * ```ts
 * compareShapes(rows)[0]; // { transport: 'process', p50Ratio: 2.9, controlRatio: 1.01, perNetworkCrossingUs: 266, ... }
 * ```
 */
export function compareShapes(rows: readonly ShapeRow[]): TransportComparison[] {
  const transports = [...new Set(rows.map((row) => row.transport))];
  return transports.flatMap((transport) => {
    const find = (shape: ComparedShape) => rows.find((row) => row.transport === transport && row.shape === shape);
    const [mono, modular, micro] = [find('monolith'), find('modular-monolith'), find('microservices')];
    if (!mono || !modular || !micro) return [];
    const extraCrossings = micro.crossedOverNetwork - modular.crossedOverNetwork;
    return [
      {
        transport,
        microservicesP50Us: micro.p50Us,
        modularP50Us: modular.p50Us,
        monolithP50Us: mono.p50Us,
        microservicesP99Us: micro.p99Us,
        modularP99Us: modular.p99Us,
        p50Ratio: round2(micro.p50Us / modular.p50Us),
        p99Ratio: round2(micro.p99Us / modular.p99Us),
        controlRatio: round2(modular.p50Us / mono.p50Us),
        perNetworkCrossingUs: extraCrossings > 0 ? round1((micro.p50Us - modular.p50Us) / extraCrossings) : 0,
      },
    ];
  });
}

/**
 * How much a ratio must exceed 1 on a transport to count: at least {@link minimumMargin}, and at
 * least as far as the modular monolith lay from the plain monolith, which run the same code.
 *
 * @example
 * ```ts
 * marginFor({ controlRatio: 0.85, ... }); // 0.15
 * ```
 */
export function marginFor(comparison: TransportComparison): number {
  return Math.max(minimumMargin, round2(Math.abs(comparison.controlRatio - 1)));
}

/**
 * The side-by-side comparison per transport, for the page's first table.
 *
 * @example
 * ```ts
 * comparisonTable(result).rows[0]; // { transport: 'process', microservicesP50Us: 812, modularP50Us: 280, p50Ratio: 2.9, ... }
 * ```
 */
export function comparisonTable(result: Result): ResultTable {
  return {
    title: 'Microservices ÷ modular monolith, per transport (the plain monolith as control)',
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'microservicesP50Us', label: 'microservices p50 µs' },
      { key: 'modularP50Us', label: 'modular monolith p50 µs' },
      { key: 'p50Ratio', label: 'p50 ratio' },
      { key: 'microservicesP99Us', label: 'microservices p99 µs' },
      { key: 'modularP99Us', label: 'modular monolith p99 µs' },
      { key: 'p99Ratio', label: 'p99 ratio' },
      { key: 'perNetworkCrossingUs', label: 'per boundary over the network, µs (p50)' },
      { key: 'monolithP50Us', label: 'plain monolith p50 µs' },
      { key: 'controlRatio', label: 'modular ÷ plain monolith (p50)' },
    ],
    rows: result.comparisons.map((comparison) => ({ ...comparison })),
  };
}

/**
 * Every shape on every transport, with all the percentiles recorded.
 *
 * @example
 * ```ts
 * latencyTable(result).rows[0]; // { transport: 'process', shape: 'monolith', networkCalls: 1, p50Us: 281, ... }
 * ```
 */
export function latencyTable(result: Result): ResultTable {
  return {
    title: 'Checkout latency per shape and transport',
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

const describeComparison = (c: TransportComparison) => `${c.transport} ${c.p50Ratio}× (p50 ${c.microservicesP50Us} vs ${c.modularP50Us} µs, p99 ${c.p99Ratio}×)`;

/**
 * The verdict the figures support. The claim holds when, on every transport measured, the
 * microservices' median checkout is slower than the modular monolith's by more than the margin
 * ({@link marginFor}); it does not hold when that is true on no transport, and is conditional when it
 * depends on the transport. Shapes that return different receipts cannot be compared at all.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'holds', because: 'on every transport the microservices answered slower ...' }
 * ```
 */
export function verdictFor(result: Result): { verdict: Verdict; because: string } {
  if (!result.sameAnswers) return { verdict: 'does-not-hold', because: 'the shapes did not all return the receipt the functions return in one call stack, so their times do not compare' };
  if (result.comparisons.length === 0) throw new Error('no transport measured all three shapes: nothing to decide from');
  const slower = result.comparisons.filter((c) => c.p50Ratio > 1 + marginFor(c));
  const control = result.comparisons.map((c) => `${Math.round(Math.abs(c.controlRatio - 1) * 100)}%`).join(' and ');
  const calls = (shape: ComparedShape) => result.rows.find((row) => row.shape === shape)?.networkCalls;
  const hops = `${calls('microservices')} network calls per checkout against ${calls('modular-monolith')}`;
  if (slower.length === result.comparisons.length) {
    const worst = Math.max(...slower.map((c) => c.perNetworkCrossingUs));
    return {
      verdict: 'holds',
      because: `on every transport the microservices' median checkout was slower than the modular monolith's: ${slower.map(describeComparison).join('; ')}. They made ${hops}; each boundary crossed over the network added up to ${worst} µs, while the modular monolith answered within ${control} of a plain monolith, because its module boundaries are function calls`,
    };
  }
  if (slower.length === 0) {
    return {
      verdict: 'does-not-hold',
      because: `on no transport were the microservices slower than the modular monolith by more than the noise between two identical deployments: ${result.comparisons.map(describeComparison).join('; ')}`,
    };
  }
  const notSlower = result.comparisons.filter((c) => !slower.includes(c));
  return {
    verdict: 'conditional',
    because: `the microservices were slower on ${slower.map(describeComparison).join('; ')}, but not by more than the noise on ${notSlower.map(describeComparison).join('; ')}`,
  };
}

const transportPhrase: Readonly<Record<TransportName, string>> = {
  process: 'with a process per unit',
  http: 'with every unit a server in one process',
  memory: 'in memory',
};

/**
 * The one figure that matters, read from the process transport when it ran (the closest to a real
 * deployment), else from the first transport; null for a run that measured nothing.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'microservices 2.9× slower per checkout with a process per unit (p50 812 vs 280 µs), 3 network calls vs 1'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const c = result.comparisons.find((comparison) => comparison.transport === 'process') ?? result.comparisons[0];
  if (!c) return null;
  const calls = (shape: ComparedShape) => result.rows.find((row) => row.transport === c.transport && row.shape === shape)?.networkCalls;
  return `microservices ${c.p50Ratio}× slower per checkout ${transportPhrase[c.transport]} (p50 ${c.microservicesP50Us} vs ${c.modularP50Us} µs), ${calls('microservices')} network calls vs ${calls('modular-monolith')}`;
}
