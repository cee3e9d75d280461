import type { FaultModel } from '../faults/fault-model.ts';
import { readSystemFileAt, type SystemInFile } from '../files/system-files.ts';
import { intervalOf, ratioInterval, type Interval } from '../measure/interval.ts';
import { cutStructures, type CutStructure } from '../model/cut-structure.ts';
import { transportCalls, type System } from '../model/system.ts';
import type { RunningSystem, SystemTransport } from '../runtime/running-system.ts';
import { clean, faultRun, measureLatencyInRounds, type RunSizes } from './run-system.ts';

/**
 * The same cuts of several reference systems, measured the same way, so that a claim's page can say
 * what its verdict is on systems shaped like real ones (the lab's checkout, Online Boutique, an
 * Alibaba-like tree), not only on the one it was first measured on. Latency is measured side by side
 * in interleaved rounds and each cut is compared with the monolith round by round (an interval over
 * the rounds); what becomes of requests is measured under each fault model given (the realistic
 * `cloud` model and, separately, the `stress` case) and repeated with independent seeds.
 */

// Referenced by URL so that the evidence stamp's source hash covers each file a sweep reads.
const sweptSystemUrls = [
  new URL('../../systems/checkout.json', import.meta.url),
  new URL('../../systems/online-boutique.json', import.meta.url),
  new URL('../../systems/alibaba-tree.json', import.meta.url),
];

/**
 * The reference systems every claim's sweep runs: the lab's checkout (a toy workload, kept as the
 * control), Online Boutique (eleven services, one blocking call after another) and the Alibaba-like
 * tree (fan-out, stores, a hot spot and message-queue calls), read and checked from their files.
 *
 * @example
 * ```ts
 * sweptSystems().map(({ system }) => system.name); // ['checkout', 'online-boutique', 'alibaba-tree']
 * ```
 */
export function sweptSystems(): SystemInFile[] {
  return sweptSystemUrls.map(readSystemFileAt);
}

/** How much a sweep measures per system. Every loop is bounded in count and in time. */
export interface SweepSizes {
  readonly latency: RunSizes['latency'];
  readonly faults: RunSizes['faults'];
  /** Independent fault runs per cut and model, each with its own seed (at least five for an interval). */
  readonly faultRuns: number;
}

/** The sweep of the default run: ten rounds of latency and five fault runs of 2,000 requests each. */
export const sweepSizes: SweepSizes = {
  latency: { warmup: 30, iterations: 400, rounds: 10, maxSeconds: 3 },
  faults: { concurrency: 64, requests: 2000, maxSeconds: 2 },
  faultRuns: 5,
};

/** The sweep of `--quick` runs and tests: the same shape, fewer samples. */
export const quickSweepSizes: SweepSizes = {
  latency: { warmup: 5, iterations: 100, rounds: 5, maxSeconds: 1 },
  faults: { concurrency: 32, requests: 500, maxSeconds: 1 },
  faultRuns: 5,
};

/** One cut of one system under one fault model: the share of requests that succeeded, over independent runs. */
export interface SweepFaults {
  readonly model: string;
  /** Share (0..1) of requests that succeeded, with client retries, one figure per run. */
  readonly successShare: Interval;
  readonly sent: number;
  readonly failed: number;
}

/** One cut of one system. */
export interface SweepCut {
  readonly system: string;
  readonly cut: string;
  readonly units: number;
  /** Calls that cross the transport in one request (1 is the client's own). */
  readonly networkCallsPerRequest: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** This cut's median latency over the monolith's, one ratio per interleaved round. */
  readonly p50RatioToMonolith: Interval;
  readonly faults: readonly SweepFaults[];
}

/** What a sweep found, with how it was measured. */
export interface SweepResult {
  readonly transport: string;
  readonly sizes: SweepSizes;
  readonly systems: ReadonlyArray<{ readonly name: string; readonly title: string; readonly file: string }>;
  readonly cuts: readonly SweepCut[];
}

/**
 * How many progress messages a sweep of `systems` sends: per system, a deploy per cut, the latency,
 * and the fault runs of each cut under each model. For a progress bar's total.
 *
 * @example
 * ```ts
 * sweepSteps(3, 3, 2); // 3 × (3 + 1 + 3 × 2) = 30
 * ```
 */
export function sweepSteps(systems: number, cuts: number, faultModels: number): number {
  return systems * (cuts + 1 + cuts * faultModels);
}

/** The sweep's options. */
export interface SweepOptions {
  readonly cuts: readonly string[];
  readonly transport: SystemTransport;
  readonly faultModels: readonly FaultModel[];
  readonly sizes: SweepSizes;
  readonly seed: number;
  /** Deployments still running, so that an interrupted sweep can stop them. */
  readonly deployments?: Set<RunningSystem>;
  readonly onProgress?: (message: string) => void;
}

/**
 * Measures the given cuts of each system side by side (latency in interleaved rounds, every cut
 * against the monolith round by round) and under each fault model (independent seeded runs), one
 * system after another. Asynchronous steps are direct calls nobody waits for: a broker would add its
 * own cost to every cut alike, and its cost is measured where a claim is about it.
 *
 * @example
 * ```ts
 * const sweep = await sweepSystems([{ file, system }], { cuts: ['monolith', 'nanoservices'], transport: httpSystemTransport, faultModels: [cloudFaults, stressFaults], sizes: quickSweepSizes, seed: 1 });
 * sweep.cuts.find((c) => c.cut === 'nanoservices')?.p50RatioToMonolith; // { estimate: 1.6, low: 1.5, high: 1.7, runs: 5 }
 * ```
 */
export async function sweepSystems(systems: ReadonlyArray<{ readonly file: string; readonly system: System }>, options: SweepOptions): Promise<SweepResult> {
  if (!options.cuts.includes('monolith')) throw new RangeError('a sweep compares every cut with the monolith: include the monolith among its cuts');
  const progress = options.onProgress ?? (() => {});
  // The monolith first: every other cut is compared with it.
  const order = ['monolith', ...options.cuts.filter((cut) => cut !== 'monolith')];
  const cuts: SweepCut[] = [];
  for (const { system } of systems) {
    const missing = order.filter((cut) => !system.cuts[cut]);
    if (missing.length > 0) throw new RangeError(`system ${system.name} has no cut ${missing.join(', ')}; it has ${Object.keys(system.cuts).join(', ')}`);
    const running: RunningSystem[] = [];
    try {
      for (const cut of order) {
        progress(`${system.name}: deploying ${cut} on ${options.transport.name}`);
        const deployed = await options.transport.deploy(system, cut);
        running.push(deployed);
        options.deployments?.add(deployed);
      }
      for (const deployed of running) await deployed.apply(clean(options.seed));
      progress(`${system.name}: latency of ${order.join(', ')}`);
      const rounds = await measureLatencyInRounds(running, options.sizes.latency);
      const monolith = rounds.get(running[0] as RunningSystem);
      for (const deployed of running) {
        const measured = rounds.get(deployed);
        if (!monolith || !measured) throw new Error(`no latency was measured for ${deployed.cut.name} of ${system.name}`);
        const paired = Math.min(monolith.roundP50Us.length, measured.roundP50Us.length);
        const faults: SweepFaults[] = [];
        for (const model of options.faultModels) {
          progress(`${system.name}: ${deployed.cut.name} under ${model.name} faults`);
          const shares: number[] = [];
          let sent = 0;
          let failed = 0;
          for (let run = 0; run < options.sizes.faultRuns; run += 1) {
            const outcome = await faultRun(deployed, { seed: options.seed + run, faults: model, quick: true }, options.sizes.faults);
            await deployed.apply(clean(options.seed));
            shares.push(outcome.sent === 0 ? 0 : outcome.succeeded / outcome.sent);
            sent += outcome.sent;
            failed += outcome.failed + outcome.lost + outcome.unfinished;
          }
          faults.push({ model: model.name, successShare: intervalOf(shares), sent, failed });
        }
        cuts.push({
          system: system.name,
          cut: deployed.cut.name,
          units: deployed.units.length,
          networkCallsPerRequest: transportCalls(system, deployed.cut),
          p50Us: measured.latency.p50Us,
          p99Us: measured.latency.p99Us,
          p50RatioToMonolith: ratioInterval(measured.roundP50Us.slice(0, paired), monolith.roundP50Us.slice(0, paired)),
          faults,
        });
      }
    } finally {
      for (const deployed of running) options.deployments?.delete(deployed);
      await Promise.all(running.map((deployed) => deployed.close()));
    }
  }
  return {
    transport: options.transport.name,
    sizes: options.sizes,
    systems: systems.map(({ file, system }) => ({ name: system.name, title: system.title, file })),
    cuts,
  };
}

/** The structure of each reference system's cuts, with which systems it covers. */
export interface ReferenceStructures {
  readonly systems: ReadonlyArray<{ readonly name: string; readonly title: string; readonly file: string }>;
  readonly cuts: readonly CutStructure[];
}

/** The cuts every reference system has, coarsest first. */
export const referenceCuts = ['monolith', 'microservices', 'nanoservices'] as const;

/**
 * The structure of the monolith, microservices and nanoservices cuts of every reference system,
 * counted from their files: what a claim about contracts, deploys, isolation or security rests on,
 * on systems shaped like real ones. Exact and instant (no deployment), so every claim it concerns
 * can carry it in its evidence.
 *
 * @example
 * ```ts
 * referenceStructures().cuts.filter((row) => row.cut === 'microservices').map((row) => row.units); // [3, 9, 7]
 * ```
 */
export function referenceStructures(): ReferenceStructures {
  const systems = sweptSystems();
  return {
    systems: systems.map(({ file, system }) => ({ name: system.name, title: system.title, file })),
    cuts: systems.flatMap(({ system }) => cutStructures(system, referenceCuts)),
  };
}
