/**
 * What a fan-out costs over a transport: a root operation that calls N leaves at once, or one after
 * another, deployed as a monolith (no call crosses the transport) and as nanoservices (each leaf a
 * unit of its own), measured side by side with a plain node:http round trip. The difference between
 * the two cuts of the same system is what its calls cost; divided by what one call costs, it says
 * whether N parallel calls cost one hop or N.
 */
import { measureLatencySideBySide, type LatencySummary } from '../measure/measure.ts';
import { noFaults } from '../faults/fault-model.ts';
import { normaliseSystem, type CallStepFile, type System } from '../model/system.ts';
import { startRawHttpEcho } from '../network/raw-http-baseline.ts';
import type { RunningSystem, SystemTransport } from '../runtime/running-system.ts';

/** How a root calls its leaves: one leaf, all leaves in one step, or one step per leaf. */
export type FanOutMode = 'one call' | 'parallel' | 'sequential';

/** How much a fan-out run measures; every loop is bounded in count and in time. */
export interface FanOutSizes {
  readonly warmup: number;
  readonly iterations: number;
  readonly rounds: number;
  /** Seconds each contender may take, at most. */
  readonly maxSeconds: number;
}

/** One system's two cuts and what its calls added. */
export interface FanOutRow {
  readonly mode: FanOutMode;
  /** Leaves called per request. */
  readonly fanOut: number;
  readonly monolithP50Us: number;
  readonly nanoservicesP50Us: number;
  /** What the calls over the transport added at the median: nanoservices minus monolith. */
  readonly addedUs: number;
  /** `addedUs` in units of one call's cost (the `one call` row): what the transport's own work adds, which parallel calls overlap only across cores. */
  readonly addedInHops: number;
  /** The nanoservices cut's median latency as a multiple of the `one call` system's: what a client waits for N calls against one. */
  readonly latencyToOneCall: number;
}

/** What `npm run lab -- fan-out` measures. */
export interface FanOutCostReport {
  readonly transport: SystemTransport['name'];
  /** Each leaf's waiting per call, µs (0: the calls alone). */
  readonly leafWaitUs: number;
  readonly sizes: FanOutSizes;
  /** A plain node:http keep-alive round trip with a small JSON body, measured in the same rounds. */
  readonly rawRoundTrip: LatencySummary;
  /** What one call over the transport adds, µs at the median (the `one call` row's `addedUs`). */
  readonly hopUs: number;
  /** One call's cost as a multiple of the raw round trip. */
  readonly hopToRaw: number;
  readonly rows: readonly FanOutRow[];
}

/**
 * The default fan-outs and leaf wait, from published traces: Meta's services call 4 others at the
 * median and 13 at the p90 (Huye et al., USENIX ATC 2023, service-characteristics.csv), and a call
 * in Alibaba's v2022 trace takes about 1 ms at the median (a third-party analysis of the trace; see
 * shared/workloads.md), modelled here as waiting, which parallel calls overlap.
 */
export const publishedFanOut = { fanOuts: [4, 13], leafWaitUs: 1000 } as const;

/** Sizes for a look in seconds, and for figures to quote. */
export const fanOutSizes = {
  quick: { warmup: 30, iterations: 300, rounds: 5, maxSeconds: 3 },
  full: { warmup: 200, iterations: 2000, rounds: 10, maxSeconds: 8 },
} as const satisfies Record<string, FanOutSizes>;

/**
 * A root calling `fanOut` leaves: all in one step (`parallel`), one step each (`sequential`), or a
 * single leaf (`one call`). The root does no work of its own; each leaf waits `leafWaitUs` (0: none).
 *
 * @example
 * ```ts
 * fanOutSystem('parallel', 4, 0).operations.root.calls; // [{ mode: 'sync', targets: ['leaf1', 'leaf2', 'leaf3', 'leaf4'] }]
 * ```
 */
export function fanOutSystem(mode: FanOutMode, fanOut: number, leafWaitUs: number): System {
  if (!Number.isInteger(fanOut) || fanOut < 1) throw new RangeError(`a fan-out is a whole number of calls, at least 1, got ${fanOut}`);
  const leaves = Array.from({ length: mode === 'one call' ? 1 : fanOut }, (_, index) => `leaf${index + 1}`);
  const calls: CallStepFile[] = mode === 'parallel' ? [{ sync: leaves }] : leaves.map((leaf) => ({ sync: leaf }));
  const leafWork = leafWaitUs > 0 ? { cpuUs: 0, waitUs: leafWaitUs } : { cpuUs: 0 };
  return normaliseSystem({
    name: `${mode.replace(' ', '-')}-${leaves.length}`,
    entry: 'root',
    operations: { root: { work: { cpuUs: 0 }, payloadBytes: 256, calls }, ...Object.fromEntries(leaves.map((leaf) => [leaf, { work: leafWork, payloadBytes: 256 }])) },
  });
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Measures what calling one leaf, N leaves at once and N leaves in turn add over a transport, for
 * each N of `fanOuts`: every system's monolith and nanoservices cuts and a raw node:http round trip
 * deployed together and measured in interleaved rounds, so that drift lands on all alike. Every
 * deployment is closed before it resolves, and also when it throws.
 *
 * @example
 * ```ts
 * const report = await measureFanOutCost({ transport: httpSystemTransport, fanOuts: [4, 13], leafWaitUs: 0, sizes: fanOutSizes.quick });
 * report.rows.find((row) => row.mode === 'parallel' && row.fanOut === 13)?.latencyToOneCall; // about 1.5 with 1 ms leaves
 * ```
 */
export async function measureFanOutCost(options: {
  readonly transport: SystemTransport;
  readonly fanOuts: readonly number[];
  readonly leafWaitUs: number;
  readonly sizes: FanOutSizes;
  /** Told of every deployment as it starts, so that an interrupted run can stop them all. */
  readonly deployments?: Set<RunningSystem>;
}): Promise<FanOutCostReport> {
  const systems = [fanOutSystem('one call', 1, options.leafWaitUs), ...options.fanOuts.flatMap((n) => [fanOutSystem('parallel', n, options.leafWaitUs), fanOutSystem('sequential', n, options.leafWaitUs)])];
  const running: RunningSystem[] = [];
  const raw = await startRawHttpEcho({ payload: 'x'.repeat(240) });
  try {
    for (const system of systems) {
      for (const cut of ['monolith', 'nanoservices']) {
        const deployed = await options.transport.deploy(system, cut);
        running.push(deployed);
        options.deployments?.add(deployed);
        await deployed.apply({ seed: 1, faults: noFaults, work: 'full' });
      }
    }
    const contenders: Record<string, () => Promise<unknown>> = { raw: raw.roundTrip };
    for (const deployed of running) {
      let id = 0;
      contenders[`${deployed.system.name}/${deployed.cut.name}`] = () => deployed.send({ id: id++, attempt: 0 });
    }
    const latencies = await measureLatencySideBySide(contenders, options.sizes);
    const p50 = (system: System, cut: string) => (latencies[`${system.name}/${cut}`] as LatencySummary).p50Us;
    const added = (system: System) => p50(system, 'nanoservices') - p50(system, 'monolith');
    const one = systems[0] as System;
    const hopUs = added(one);
    const rawRoundTrip = latencies.raw as LatencySummary;
    return {
      transport: options.transport.name,
      leafWaitUs: options.leafWaitUs,
      sizes: options.sizes,
      rawRoundTrip,
      hopUs: round1(hopUs),
      hopToRaw: Math.round((hopUs / rawRoundTrip.p50Us) * 100) / 100,
      rows: systems.map((system) => {
        const [mode, fanOut] = system.name.startsWith('one') ? (['one call', 1] as const) : ([system.name.startsWith('parallel') ? 'parallel' : 'sequential', Object.keys(system.operations).length - 1] as const);
        return {
          mode,
          fanOut,
          monolithP50Us: p50(system, 'monolith'),
          nanoservicesP50Us: p50(system, 'nanoservices'),
          addedUs: round1(added(system)),
          addedInHops: Math.round((added(system) / hopUs) * 10) / 10,
          latencyToOneCall: Math.round((p50(system, 'nanoservices') / p50(one, 'nanoservices')) * 100) / 100,
        };
      }),
    };
  } finally {
    await Promise.allSettled([raw.close(), ...running.map((deployed) => deployed.close())]);
    for (const deployed of running) options.deployments?.delete(deployed);
  }
}
