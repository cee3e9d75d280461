import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';
import { median } from '../lab/measure/stats.ts';

/** One deploy unit: its bundle, and medians over the starts measured. */
export interface UnitDeployRow {
  readonly shape: ShapeName;
  readonly unit: string;
  readonly functions: number;
  readonly bundleBytes: number;
  /** From spawn until the process reported the port it listens on. */
  readonly listeningMs: number;
  /** From spawn until its first HTTP 200 (its first function run, and the rest of the chain behind it). */
  readonly firstAnswerMs: number;
  /** Resident memory once idle, with the whole fleet of its shape running. */
  readonly rssKiB: number;
  readonly pssKiB: number | null;
}

/** One shape's whole fleet. */
export interface FleetRow {
  readonly shape: ShapeName;
  readonly processes: number;
  readonly bundleBytes: number;
  readonly rssKiB: number;
  readonly pssKiB: number | null;
  /** Median, over the starts, of the wall time to start every unit one after another, each to its first answer. */
  readonly inTurnStartMs: number;
  /** Median wall time to start every unit at once and answer one whole checkout. */
  readonly atOnceStartMs: number;
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

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const mib = (kiB: number | null) => (kiB === null ? null : Math.round((kiB / 1024) * 10) / 10);
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
        shape: unit.shape,
        unit: unit.unit,
        functions: unit.functions,
        bundleKiB: kib(unit.bundleBytes),
        listeningMs: ms(unit.listeningMs),
        firstAnswerMs: ms(unit.firstAnswerMs),
        rssMiB: mib(unit.rssKiB),
        pssMiB: mib(unit.pssKiB),
      })),
      { shape: 'baseline', unit: 'bare node:http server', functions: 0, bundleKiB: null, listeningMs: ms(result.baseline.listeningMs), firstAnswerMs: null, rssMiB: mib(result.baseline.rssKiB), pssMiB: mib(result.baseline.pssKiB) },
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
    title: 'The whole fleet per shape',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'processes', label: 'processes' },
      { key: 'bundleKiB', label: 'bundles, KiB' },
      { key: 'rssMiB', label: 'RSS, MiB' },
      { key: 'pssMiB', label: 'PSS, MiB' },
      { key: 'inTurnStartMs', label: 'start in turn, ms' },
      { key: 'atOnceStartMs', label: 'start at once, ms' },
    ],
    rows: result.fleets.map((fleet) => ({
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

/** A nanoservice unit counts as easier to deploy than the monolith only if it is at most this fraction of it. */
export const easierUnitRatio = 0.75;
/** A fleet costs more than the monolith when its memory exceeds the monolith's by more than this factor. */
export const costlierFleetRatio = 1.25;

/**
 * The verdict the figures support. A nanoservice unit is "easier to deploy" than the monolith if its
 * bundle and its cold start are at most 75 % of the monolith's. Easier units whose fleet costs no more
 * than 1.25x the monolith's memory: holds; easier units with a costlier fleet: holds-with-cost. Units
 * no easier than the whole monolith: the ease belongs to a small bundled service, not to the cut
 * (misattributed) when their fleet costs more, and holds when it does not.
 *
 * @example
 * ```ts
 * easyDeployVerdict(result); // { verdict: 'misattributed', because: 'a nanoservice unit ...' }
 * ```
 */
export function easyDeployVerdict(result: EasyDeployResult): { verdict: Verdict; because: string } {
  if (!result.answersMatch) return { verdict: 'not-testable', because: 'a started fleet did not return the reference receipt, so its start times say nothing' };
  const monolithUnit = result.units.find((unit) => unit.shape === 'monolith');
  const nanoUnits = result.units.filter((unit) => unit.shape === 'nanoservices');
  const monolithFleet = result.fleets.find((fleet) => fleet.shape === 'monolith');
  const nanoFleet = result.fleets.find((fleet) => fleet.shape === 'nanoservices');
  if (!monolithUnit || !monolithFleet || !nanoFleet || nanoUnits.length === 0) return { verdict: 'not-testable', because: 'the run did not measure both the monolith and the nanoservices' };
  const bytesRatio = median(nanoUnits.map((unit) => unit.bundleBytes)) / monolithUnit.bundleBytes;
  const startRatio = median(nanoUnits.map((unit) => unit.firstAnswerMs)) / monolithUnit.firstAnswerMs;
  const memory = (fleet: FleetRow) => fleet.pssKiB ?? fleet.rssKiB;
  const fleetRatio = memory(nanoFleet) / memory(monolithFleet);
  const round = (value: number) => Math.round(value * 100) / 100;
  const unit = `a nanoservice unit ships ${round(bytesRatio)}x the monolith's bundle and takes ${round(startRatio)}x its time to a first answer`;
  const fleet = `the nanoservice fleet runs ${nanoFleet.processes} processes for the monolith's ${monolithFleet.processes}, with ${round(fleetRatio)}x its memory (${mib(memory(nanoFleet))} MiB against ${mib(memory(monolithFleet))} MiB)`;
  const easierUnits = bytesRatio <= easierUnitRatio && startRatio <= easierUnitRatio;
  const costlierFleet = fleetRatio > costlierFleetRatio;
  if (easierUnits) return { verdict: costlierFleet ? 'holds-with-cost' : 'holds', because: `${unit}; ${fleet}` };
  if (costlierFleet) return { verdict: 'misattributed', because: `each unit is easy to deploy, but no easier than the whole monolith: ${unit}; ${fleet}` };
  return { verdict: 'holds', because: `${unit}, and ${fleet}` };
}
