import { stepNames } from '../checkout/step-names.ts';
import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { LatencySummary } from '../lab/measure/measure.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { TransportName } from '../lab/units/transport.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** One shape at one chain length on one transport. */
export interface ChainingRow {
  readonly transport: TransportName;
  readonly shape: ShapeName;
  readonly chainLength: number;
  readonly units: number;
  /** Calls that crossed the transport for one checkout, counted by the units themselves. */
  readonly networkCalls: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly requestsPerSecond: number;
}

/** What one added network hop costs on a transport, next to the raw platform's round trip. */
export interface PerHopCost {
  readonly transport: TransportName;
  /** (nanoservices p50 − monolith p50) / (extra network calls), at the longest chain measured. */
  readonly perHopUs: number;
  /** The lab's hop as a multiple of a plain node:http keep-alive round trip measured in the same run. */
  readonly ratioToRawHttp: number | null;
}

/** The whole result of a nano-chaining run: plain JSON. */
export interface ChainingResult {
  readonly rows: readonly ChainingRow[];
  readonly perHop: readonly PerHopCost[];
  /** The six functions called in one call stack, no framework, no serialisation. */
  readonly inProcessCheckout: LatencySummary;
  /** A plain node:http keep-alive round trip with the same JSON body. Null when no network transport ran. */
  readonly rawHttpRoundTrip: LatencySummary | null;
  /** Every shape on every transport returned exactly what the in-process reference returned. */
  readonly identicalResults: boolean;
}

/**
 * The figures as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * chainingTable(result).rows[0]; // { transport: 'memory', shape: 'monolith', chainLength: 1, ... }
 * ```
 */
export function chainingTable(result: ChainingResult): ResultTable {
  return {
    title: 'Latency and throughput per shape and chain length',
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'shape', label: 'shape' },
      { key: 'chainLength', label: 'functions' },
      { key: 'units', label: 'units' },
      { key: 'networkCalls', label: 'network calls' },
      { key: 'p50Us', label: 'p50 µs' },
      { key: 'p99Us', label: 'p99 µs' },
      { key: 'requestsPerSecond', label: 'req/s' },
    ],
    rows: result.rows.map((row) => ({ ...row })),
  };
}

/**
 * The per-hop cost per transport, with the raw platform's round trip beside it.
 *
 * @example
 * ```ts
 * perHopTable(result).rows; // [{ transport: 'http', perHopUs: 310, rawHttpP50Us: 240, ratioToRawHttp: 1.29 }, ...]
 * ```
 */
export function perHopTable(result: ChainingResult): ResultTable {
  return {
    title: 'What one added hop costs, next to the raw platform',
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'perHopUs', label: 'one added hop, µs (p50)' },
      { key: 'rawHttpP50Us', label: 'raw node:http round trip, µs (p50)' },
      { key: 'ratioToRawHttp', label: 'hop ÷ raw round trip' },
      { key: 'inProcessCheckoutP50Us', label: 'whole checkout in process, µs (p50)' },
    ],
    rows: result.perHop.map((hop) => ({
      transport: hop.transport,
      perHopUs: hop.perHopUs,
      rawHttpP50Us: hop.transport === 'http' ? (result.rawHttpRoundTrip?.p50Us ?? null) : null,
      ratioToRawHttp: hop.ratioToRawHttp,
      inProcessCheckoutP50Us: result.inProcessCheckout.p50Us,
    })),
  };
}

/**
 * The verdict the figures support. Chaining holds if every shape returns the reference result; it
 * holds with a cost if one network hop costs more than the work of the function it hands over to.
 *
 * @example
 * ```ts
 * chainingVerdict(result); // { verdict: 'holds-with-cost', because: 'one http hop costs ...' }
 * ```
 */
export function chainingVerdict(result: ChainingResult): { verdict: Verdict; because: string } {
  if (!result.identicalResults) return { verdict: 'does-not-hold', because: 'the chained shapes did not return what the in-process checkout returns' };
  const workPerFunction = Math.round((result.inProcessCheckout.p50Us / stepNames.length) * 10) / 10;
  const costly = result.perHop.filter((hop) => hop.transport !== 'memory').find((hop) => hop.perHopUs > workPerFunction);
  if (costly) {
    return {
      verdict: 'holds-with-cost',
      because: `every shape returned the same receipt, but one ${costly.transport} hop costs ${costly.perHopUs} µs at the median, ${Math.round(costly.perHopUs / Math.max(workPerFunction, 0.1))}x the ${workPerFunction} µs an average checkout function works`,
    };
  }
  return { verdict: 'holds', because: `every shape returned the same receipt and no network hop cost more than the ${workPerFunction} µs an average function works` };
}
