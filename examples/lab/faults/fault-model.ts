/**
 * The faults a deployed system meets, per unit and seeded, so that a run can be repeated exactly and
 * every cut of a system meets the same draws for the same request. Browser-safe.
 *
 * Where the defaults come from (`../shared/workloads.md`, *Availability*): no per-service error rate
 * is published; the AWS Lambda SLA (99.95 % a month) and region-level compute SLAs (99.99 %) put a
 * unit's unavailability at 0.01–0.05 %. *The Tail at Scale* (Dean & Barroso 2013) reports servers at
 * 10 ms typical and 1 s at the p99, which is where a slow response's added delay comes from.
 */
import { sampler } from '../model/distribution.ts';
import type { Distribution } from '../model/system.ts';
import { seededRandom, seedFor } from './fault-injection.ts';

/** What can go wrong with one unit, and how often. Every probability is per arrival of a request at a unit. */
export interface FaultModel {
  /** A short name for reports: `cloud`, `stress`, `none`, or one the caller chose. */
  readonly name: string;
  /** Share of arrivals the unit refuses (503) before any work: down, overloaded or being redeployed. */
  readonly unavailability: number;
  /** Share of arrivals answered late, and the delay added to them, µs. */
  readonly slow: { readonly share: number; readonly addedUs: Distribution };
  /** Share of arrivals after which the unit dies with its work and side effects done, before answering: the answer is lost. */
  readonly crash: number;
  /** Correlated loss: units are spread over `count` zones; for a share `probability` of requests one zone is down, and every unit in it refuses. */
  readonly zones: { readonly count: number; readonly probability: number };
  /** How many times the client sends a request again after an error or a lost answer, with the same request id. */
  readonly clientRetries: number;
  /** Where the figures come from, or that they are assumed: printed with every fault run. */
  readonly basis: string;
}

/**
 * The realistic case: unavailability at the AWS Lambda SLA (0.05 %), 1 % slow responses adding a
 * Tail-at-Scale delay, crashes ten times rarer than refusals (assumed), a zone lost for 0.01 % of
 * requests (assumed, the region-level SLA's share), one retry (assumed: what most clients do).
 */
export const cloudFaults: FaultModel = {
  name: 'cloud',
  unavailability: 0.0005,
  slow: { share: 0.01, addedUs: { median: 10_000, p99: 1_000_000 } },
  crash: 0.00005,
  zones: { count: 3, probability: 0.0001 },
  clientRetries: 1,
  basis:
    'unavailability 0.05 % per unit (AWS Lambda SLA 99.95 %); 1 % slow responses adding 10 ms at the median and 1 s at the p99 (The Tail at Scale); assumed: crashes 0.005 %, one of 3 zones lost for 0.01 % of requests, one client retry',
};

/** The stress case the lab used before it modelled real systems: 5 % of arrivals refused. Not a realistic rate. */
export const stressFaults: FaultModel = {
  ...cloudFaults,
  name: 'stress',
  unavailability: 0.05,
  basis: 'STRESS CASE, not a realistic rate: 5 % of arrivals refused per unit (the lab’s old fault rate); the rest as in the cloud model',
};

/** No faults at all: for measuring latency and throughput alone. */
export const noFaults: FaultModel = {
  name: 'none',
  unavailability: 0,
  slow: { share: 0, addedUs: 0 },
  crash: 0,
  zones: { count: 1, probability: 0 },
  clientRetries: 0,
  basis: 'no faults',
};

/** The named fault models a run can be asked for. */
export const faultModels: Readonly<Record<string, FaultModel>> = { cloud: cloudFaults, stress: stressFaults, none: noFaults };

const isShare = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;

/**
 * Throws a RangeError naming the field when a fault model is out of range.
 *
 * @example
 * ```ts
 * checkFaultModel({ ...cloudFaults, unavailability: 2 }); // RangeError: unavailability is a share in [0, 1], got 2
 * ```
 */
export function checkFaultModel(model: FaultModel): FaultModel {
  const shares: Array<[string, number]> = [
    ['unavailability', model.unavailability],
    ['slow.share', model.slow.share],
    ['crash', model.crash],
    ['zones.probability', model.zones.probability],
  ];
  for (const [field, value] of shares) if (!isShare(value)) throw new RangeError(`${field} is a share in [0, 1], got ${value}`);
  if (!Number.isInteger(model.zones.count) || model.zones.count < 1) throw new RangeError(`zones.count is a whole number of zones, at least 1, got ${model.zones.count}`);
  if (!Number.isInteger(model.clientRetries) || model.clientRetries < 0 || model.clientRetries > 10) throw new RangeError(`clientRetries is a whole number from 0 to 10, got ${model.clientRetries}`);
  return model;
}

/** One request as it travels: its id, which the client keeps when it retries, and the attempt. */
export interface RequestKey {
  readonly id: number;
  readonly attempt: number;
}

/** What happens to one arrival of a request at a unit. */
export interface ArrivalFate {
  /** Refused before any work: the unit is down or its zone is. */
  readonly refused: 'unavailable' | 'zone' | null;
  /** Added before the unit answers, µs (0 when the answer is on time). */
  readonly delayUs: number;
  /** The unit dies after doing the work: the caller never gets an answer. */
  readonly crashes: boolean;
}

/**
 * The zone a unit runs in: units are spread round-robin over the zones in the order the cut lists them.
 *
 * @example
 * ```ts
 * zoneOf(4, 3); // 1
 * ```
 */
export const zoneOf = (unitIndex: number, zoneCount: number): number => unitIndex % zoneCount;

/**
 * Decides the fate of each arrival of a request at a unit, from the run's seed, the unit, the
 * operation called and the request (id and attempt): the same arrival always meets the same fate, in
 * any cut, on any transport, and a retry draws again.
 *
 * @example
 * ```ts
 * const fate = arrivalFates(cloudFaults, 7);
 * fate({ unit: 'cart', unitIndex: 0, operation: 'cart', request: { id: 1, attempt: 0 } }); // { refused: null, delayUs: 0, crashes: false } mostly
 * ```
 */
export function arrivalFates(model: FaultModel, seed: number) {
  const none: ArrivalFate = { refused: null, delayUs: 0, crashes: false };
  const quiet = model.unavailability === 0 && model.slow.share === 0 && model.crash === 0 && model.zones.probability === 0;
  return (arrival: { readonly unit: string; readonly unitIndex: number; readonly operation: string; readonly request: RequestKey }): ArrivalFate => {
    if (quiet) return none;
    const { id, attempt } = arrival.request;
    // A zone is lost for a whole request: every unit in it refuses, whichever it is.
    const zoneRandom = seededRandom(seedFor(seed, `zone|${id}|${attempt}`));
    if (zoneRandom() < model.zones.probability && Math.floor(zoneRandom() * model.zones.count) === zoneOf(arrival.unitIndex, model.zones.count)) {
      return { refused: 'zone', delayUs: 0, crashes: false };
    }
    const random = seededRandom(seedFor(seed, `${arrival.unit}|${arrival.operation}|${id}|${attempt}`));
    if (random() < model.unavailability) return { refused: 'unavailable', delayUs: 0, crashes: false };
    const slow = random() < model.slow.share;
    const delayUs = slow ? sampler(model.slow.addedUs, random)() : 0;
    return { refused: null, delayUs, crashes: random() < model.crash };
  };
}
