import { transportCalls, type System } from '../model/system.ts';
import type { LatencySummary } from '../measure/measure.ts';
import { percentile } from '../measure/stats.ts';
import { noFaults, type FaultModel } from '../faults/fault-model.ts';
import { settledStats, type RunningSystem, type SystemTransport } from '../runtime/running-system.ts';
import { CallFailedError, type RunSettings } from '../runtime/unit-protocol.ts';
import type { Broker } from '../messaging/broker.ts';

/** How long and how much a run measures. Every loop is bounded in count and in time. */
export interface RunSizes {
  readonly latency: { readonly warmup: number; readonly iterations: number; readonly rounds: number; readonly maxSeconds: number };
  readonly throughput: { readonly concurrency: number; readonly requests: number; readonly maxSeconds: number };
  readonly faults: { readonly concurrency: number; readonly requests: number; readonly maxSeconds: number };
}

/** `--quick`: a look in seconds, few samples for a heavy system. */
export const quickSizes: RunSizes = {
  latency: { warmup: 10, iterations: 300, rounds: 5, maxSeconds: 1 },
  throughput: { concurrency: 16, requests: 3000, maxSeconds: 0.75 },
  faults: { concurrency: 64, requests: 3000, maxSeconds: 1 },
};

/** The default run: enough samples for a p99 on a light system. */
export const fullSizes: RunSizes = {
  latency: { warmup: 100, iterations: 2000, rounds: 10, maxSeconds: 6 },
  throughput: { concurrency: 16, requests: 20_000, maxSeconds: 5 },
  faults: { concurrency: 64, requests: 20_000, maxSeconds: 10 },
};

/** What became of the requests of a fault run. */
export interface FaultOutcome {
  /** Requests the client sent (each counted once, whatever its retries). */
  readonly sent: number;
  readonly succeeded: number;
  /** Ended with an error answer after the last retry. */
  readonly failed: number;
  /** Ended without any answer after the last retry (the entry crashed). */
  readonly lost: number;
  /** Requests whose writes happened more than once somewhere (a retry after a crash that came after the writes). */
  readonly duplicated: number;
  /** Still in flight when the run stopped waiting (a slow response's tail, or a long request). */
  readonly unfinished: number;
  /** Attempts sent, retries included. */
  readonly attempts: number;
  /** Published calls never handled (their target refused, crashed or failed). */
  readonly asyncLost: number;
  readonly seconds: number;
}

/** One cut's figures. */
export interface CutFigures {
  readonly cut: string;
  readonly units: number;
  /** Operating-system processes serving the cut: one per unit on `process`, the runner's own otherwise. */
  readonly processes: number;
  /** Resident memory of the cut's processes, MiB (process transport on Linux; null when the cut shares the runner's process). */
  readonly memoryMiB: number | null;
  readonly latency: LatencySummary & { readonly unfinished: number };
  readonly throughput: { readonly concurrency: number; readonly requests: number; readonly unfinished: number; readonly seconds: number; readonly requestsPerSecond: number };
  /** CPU time per request, µs, of everything that ran it (the runner included), during the throughput phase. */
  readonly cpuUsPerRequest: number | null;
  /** Calls that cross the transport per request, the client's call to the entry included, from the call graph (every request makes every call). */
  readonly transportCallsPerRequest: number;
  readonly faults: FaultOutcome;
}

/** What `npm run lab -- run` measures. */
export interface SystemRunReport {
  readonly system: string;
  readonly transport: SystemTransport['name'];
  readonly quick: boolean;
  readonly seed: number;
  readonly faultModel: FaultModel;
  readonly sizes: RunSizes;
  /** Whether the cuts were deployed together and measured in interleaved rounds, or one after another. */
  readonly sideBySide: boolean;
  /** What carried the `async` steps: a broker (its version), or `direct` (calls through the transport nobody waits for). */
  readonly asyncCalls: string;
  readonly cuts: readonly CutFigures[];
  readonly notes: readonly string[];
}

/**
 * Reads what a deployment has cost so far. The caller supplies it, so that this module stays
 * browser-safe: the command line reads its own process and /proc (`processMeter`); a page has no
 * reading of CPU time or memory and runs without one.
 */
export interface ResourceMeter {
  /** CPU time (µs) of the runner and of every unit process of the deployment so far; null when it cannot tell. */
  cpuUs(running: RunningSystem): number | null;
  /** Resident memory (MiB) of the deployment's unit processes; null when they are the runner's own process or it cannot tell. */
  memoryMiB(running: RunningSystem): number | null;
}

/** What to run. */
export interface RunOptions {
  readonly cuts: readonly string[];
  readonly transport: SystemTransport;
  readonly faults: FaultModel;
  readonly quick: boolean;
  readonly seed: number;
  /** Told of every deployment as it starts and stops, so that an interrupted run can stop them all. */
  readonly deployments?: Set<RunningSystem>;
  /** Carries the `async` steps (http and process transports); without one they are calls through the transport that nobody waits for. */
  readonly broker?: Broker;
  readonly onProgress?: (message: string) => void;
  /** Reads CPU time and memory; without one, a cut's CPU per request and memory are null. */
  readonly meter?: ResourceMeter;
}

/** Above this many unit processes, the process transport deploys one cut at a time rather than all together. */
const maxProcessesTogether = 48;
/** Request ids of warm-up calls, far from those measured so their draws are their own. */
const warmupIds = 1_000_000_000;
const faultGraceMs = 1000;
/** How long a phase waits for a broker to deliver what it published (a redelivery comes an ack wait later); `--quick` waits less. */
const brokerSettleMs = (quick: boolean) => (quick ? 1000 : 5000);

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * A latency summary (µs) of samples: nearest-rank percentiles.
 *
 * @example
 * ```ts
 * summarizeSamples([1000, 2000, 3000]).p50Us; // 2000
 * ```
 */
export function summarizeSamples(samplesUs: readonly number[]): LatencySummary {
  const round = (value: number) => Math.round(value * 10) / 10;
  const at = (percent: number) => round(percentile(samplesUs, percent) ?? 0);
  return {
    iterations: samplesUs.length,
    p50Us: at(50),
    p90Us: at(90),
    p99Us: at(99),
    meanUs: round(samplesUs.length === 0 ? 0 : sum(samplesUs) / samplesUs.length),
    maxUs: at(100),
  };
}

/** Resolves with the call's outcome, or with 'unfinished' when it has not ended within `ms`. */
async function within<T>(call: Promise<T>, ms: number): Promise<T | 'unfinished'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'unfinished'>((resolve) => (timer = setTimeout(() => resolve('unfinished'), Math.max(0, ms))));
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Latency of one cut over the interleaved rounds: the whole summary, and the median of each round. */
export interface RoundsResult {
  readonly latency: LatencySummary & { readonly unfinished: number };
  /** The median (µs) of each round that answered at least once: one figure per round, for intervals and ratios per round. */
  readonly roundP50Us: readonly number[];
}

/**
 * Latency one request at a time, the cuts taking turns (each turn starting with another cut), so
 * that drift on a shared machine lands on every cut alike. Each cut has the same time budget; a call
 * that outlasts its cut's budget is abandoned and counted as unfinished (it took longer than that).
 * Each round's median is kept too: two cuts' medians of the same round were measured side by side,
 * so their ratio per round is the ratio an interval is taken over.
 *
 * @example
 * ```ts
 * const rounds = await measureLatencyInRounds([monolith, nanoservices], { warmup: 10, iterations: 300, rounds: 5, maxSeconds: 1 });
 * rounds.get(nanoservices)?.roundP50Us; // [812.4, 799.1, 805.0, 821.7, 810.2]
 * ```
 */
export async function measureLatencyInRounds(running: readonly RunningSystem[], sizes: RunSizes['latency']): Promise<Map<RunningSystem, RoundsResult>> {
  const budgetMs = sizes.maxSeconds * 1000;
  const state = running.map(() => ({ samples: [] as number[], rounds: [] as number[][], spentMs: 0, unfinished: 0, nextId: 0 }));
  const timed = async (index: number, id: number) => {
    const entry = state[index] as (typeof state)[number];
    const deployed = running[index] as RunningSystem;
    const start = performance.now();
    const outcome = await within(
      deployed.send({ id, attempt: 0 }).then(() => 'answered' as const),
      budgetMs - entry.spentMs,
    );
    const elapsedMs = performance.now() - start;
    entry.spentMs += elapsedMs;
    if (outcome === 'unfinished') entry.unfinished += 1;
    return { outcome, elapsedMs };
  };
  // Warm-up: JIT, connections. At most a fifth of each cut's budget; warm-up time is not counted.
  for (const [index] of running.entries()) {
    for (let i = 0; i < sizes.warmup && (state[index] as (typeof state)[number]).spentMs < budgetMs / 5; i += 1) await timed(index, warmupIds + i);
    Object.assign(state[index] as object, { spentMs: 0, unfinished: 0 });
  }
  const rounds = Math.max(1, Math.min(sizes.rounds, sizes.iterations));
  for (let turn = 0; turn < rounds; turn += 1) {
    const quota = Math.floor(sizes.iterations / rounds) + (turn < sizes.iterations % rounds ? 1 : 0);
    for (let k = 0; k < running.length; k += 1) {
      const index = (turn + k) % running.length;
      const entry = state[index] as (typeof state)[number];
      const turnEnd = entry.spentMs + budgetMs / rounds;
      const round: number[] = [];
      for (let i = 0; i < quota && entry.spentMs < Math.min(turnEnd, budgetMs) && entry.unfinished === 0; i += 1) {
        const { outcome, elapsedMs } = await timed(index, entry.nextId++);
        if (outcome === 'answered') round.push(elapsedMs * 1000);
      }
      entry.samples.push(...round);
      if (round.length > 0) entry.rounds.push(round);
    }
  }
  const results = new Map<RunningSystem, RoundsResult>();
  for (const [index, deployed] of running.entries()) {
    const entry = state[index] as (typeof state)[number];
    results.set(deployed, { latency: { ...summarizeSamples(entry.samples), unfinished: entry.unfinished }, roundP50Us: entry.rounds.map((round) => summarizeSamples(round).p50Us) });
  }
  return results;
}

/**
 * Keeps `concurrency` requests in flight until `requests` have been sent or `maxSeconds` have passed,
 * then waits for those in flight at most as long again: completed requests per second of that time.
 */
async function measureThroughputUntil(running: RunningSystem, sizes: RunSizes['throughput']): Promise<CutFigures['throughput']> {
  const begin = performance.now();
  const deadline = begin + sizes.maxSeconds * 1000;
  let started = 0;
  let completed = 0;
  let end = begin;
  const worker = async () => {
    while (started < sizes.requests && performance.now() < deadline) {
      const id = started;
      started += 1;
      await running.send({ id, attempt: 0 }).catch(() => {});
      completed += 1;
      end = performance.now();
    }
  };
  await within(Promise.all(Array.from({ length: sizes.concurrency }, worker)), sizes.maxSeconds * 1000 + 500);
  if (completed === 0) end = performance.now();
  const seconds = (end - begin) / 1000;
  return { concurrency: sizes.concurrency, requests: completed, unfinished: started - completed, seconds: Math.round(seconds * 1000) / 1000, requestsPerSecond: Math.round((completed / seconds) * 10) / 10 };
}

/** Sends one request with the fault model's retries and says how it ended. */
async function sendWithRetries(running: RunningSystem, id: number, retries: number, onAttempt: () => void): Promise<'succeeded' | 'failed' | 'lost'> {
  let ended: 'failed' | 'lost' = 'failed';
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    onAttempt();
    try {
      await running.send({ id, attempt });
      return 'succeeded';
    } catch (error) {
      if (!(error instanceof CallFailedError)) throw error;
      ended = error.failure;
    }
  }
  return ended;
}

/**
 * Sends requests under the fault model with its client retries (work skipped: no step has a
 * timeout, so a request's fate does not depend on how long its work takes) and counts what became
 * of them.
 *
 * @example
 * ```ts
 * const outcome = await faultRun(deployed, { ...options, faults: cloudFaults }, { concurrency: 64, requests: 3000, maxSeconds: 1 });
 * outcome.succeeded / outcome.sent; // 0.9995
 * ```
 */
export async function faultRun(running: RunningSystem, options: Pick<RunOptions, 'seed' | 'faults' | 'broker' | 'quick'>, sizes: RunSizes['faults']): Promise<FaultOutcome> {
  // Work is skipped: no step of this model has a timeout, so what becomes of a request does not depend on how long its work takes.
  await running.apply({ seed: options.seed, faults: options.faults, work: 'skip' });
  const counts = { sent: 0, succeeded: 0, failed: 0, lost: 0, attempts: 0 };
  const begin = performance.now();
  const deadline = begin + sizes.maxSeconds * 1000;
  let next = 0;
  const worker = async () => {
    while (next < sizes.requests && performance.now() < deadline) {
      const id = next;
      next += 1;
      counts.sent += 1;
      const ended = await sendWithRetries(running, id, options.faults.clientRetries, () => (counts.attempts += 1));
      counts[ended] += 1;
    }
  };
  // Requests still in flight a second after the deadline (a slow response's tail) are left unfinished.
  await within(Promise.all(Array.from({ length: sizes.concurrency }, worker)), sizes.maxSeconds * 1000 + faultGraceMs);
  const seconds = (performance.now() - begin) / 1000;
  const stats = await settledStats(running, options.broker ? brokerSettleMs(options.quick) : faultGraceMs);
  const unfinished = counts.sent - counts.succeeded - counts.failed - counts.lost;
  const duplicated = new Set(stats.flatMap((unit) => unit.duplicatedRequests)).size;
  return { ...counts, unfinished, duplicated, asyncLost: sum(stats.map((unit) => unit.asyncLost)), seconds: Math.round(seconds * 100) / 100 };
}

/**
 * The settings of a phase without faults: full work, seeded draws.
 *
 * @example
 * ```ts
 * await deployed.apply(clean(1));
 * ```
 */
export const clean = (seed: number): RunSettings => ({ seed, faults: noFaults, work: 'full' });

/**
 * Checks that every cut asked for is one of the system's, and throws a RangeError naming the
 * system's cuts when one is not: the command line and the page refuse an unknown cut in the same words.
 *
 * @example
 * ```ts
 * checkCutNames(shop, ['monolith', 'serverless']); // RangeError: shop has no cut named "serverless"; its cuts: monolith, nanoservices, microservices
 * ```
 */
export function checkCutNames(system: System, cuts: readonly string[]): void {
  const known = Object.keys(system.cuts);
  const unknown = cuts.filter((cut) => !known.includes(cut));
  if (unknown.length) throw new RangeError(`${system.name} has no cut named ${unknown.map((cut) => `"${cut}"`).join(', ')}; its cuts: ${known.join(', ')}`);
}

/**
 * Deploys each requested cut of a system on a transport and measures them: latency one request at a
 * time (cuts side by side in interleaved rounds when they are deployed together), throughput with
 * concurrent clients and the CPU time it took, the calls that crossed the transport, processes and
 * memory, and what became of requests under the fault model. Every cut does the same work for the
 * same request (draws are seeded by request id), so the cut is the only thing that changes.
 *
 * @example
 * ```ts
 * const report = await runSystem(system, { cuts: ['monolith', 'nanoservices'], transport: httpSystemTransport, faults: cloudFaults, quick: true, seed: 1, meter: processMeter });
 * report.cuts[1].latency.p50Us / report.cuts[0].latency.p50Us;
 * ```
 */
export async function runSystem(system: System, options: RunOptions): Promise<SystemRunReport> {
  const sizes = options.quick ? quickSizes : fullSizes;
  const progress = options.onProgress ?? (() => {});
  const cpuNow = (running: RunningSystem) => options.meter?.cpuUs(running) ?? null;
  const totalUnits = sum(options.cuts.map((cut) => system.cuts[cut]?.units.length ?? 0));
  const sideBySide = options.transport.name !== 'process' || totalUnits <= maxProcessesTogether;
  const notes: string[] = [];
  if (!sideBySide) notes.push(`the cuts need ${totalUnits} processes together: deployed and measured one after another, not side by side`);
  const deploy = async (cut: string) => {
    progress(`deploying ${cut} on ${options.transport.name}`);
    const running = await options.transport.deploy(system, cut, { broker: options.broker });
    options.deployments?.add(running);
    return running;
  };
  const stop = async (running: RunningSystem) => {
    options.deployments?.delete(running);
    await running.close();
  };

  const measureGroup = async (group: readonly string[]): Promise<CutFigures[]> => {
    const running: RunningSystem[] = [];
    try {
      for (const cut of group) running.push(await deploy(cut));
      for (const deployed of running) await deployed.apply(clean(options.seed));
      progress(`latency: ${group.join(', ')}`);
      const latency = await measureLatencyInRounds(running, sizes.latency);
      const figures: CutFigures[] = [];
      for (const deployed of running) {
        const name = deployed.cut.name;
        const transportCallsPerRequest = transportCalls(system, deployed.cut);
        progress(`throughput: ${name}`);
        await deployed.apply(clean(options.seed));
        const cpuBefore = cpuNow(deployed);
        const throughput = await measureThroughputUntil(deployed, sizes.throughput);
        const cpuAfter = cpuNow(deployed);
        // What the phase published is handled before the next one starts, rather than in it.
        if (options.broker) await settledStats(deployed, brokerSettleMs(options.quick));
        // Abandons whatever the deadline left in flight, so that it does not run into the next phase.
        await deployed.apply(clean(options.seed));
        const memory = options.meter?.memoryMiB(deployed) ?? null;
        progress(`faults (${options.faults.name}): ${name}`);
        const faults = await faultRun(deployed, options, sizes.faults);
        await deployed.apply(clean(options.seed));
        figures.push({
          cut: name,
          units: deployed.units.length,
          processes: deployed.units.some((unit) => unit.pid !== undefined) ? deployed.units.length : 1,
          memoryMiB: memory,
          latency: (latency.get(deployed) as RoundsResult).latency,
          throughput,
          cpuUsPerRequest: cpuBefore === null || cpuAfter === null || throughput.requests === 0 ? null : Math.round((cpuAfter - cpuBefore) / throughput.requests),
          transportCallsPerRequest,
          faults,
        });
      }
      return figures;
    } finally {
      await Promise.all(running.map(stop));
    }
  };

  const cuts = sideBySide ? await measureGroup(options.cuts) : (await sequential(options.cuts, (cut) => measureGroup([cut]))).flat();
  if (Object.values(system.operations).some((operation) => operation.work.waitUs !== undefined)) {
    notes.push('waiting is on timers, which resolve in whole milliseconds: a wait under 1 ms takes about 1 ms');
  }
  if (!options.meter) notes.push('CPU time and memory are not read: the run was given no meter of them (a page in a browser cannot read them)');
  else if (options.transport.name !== 'process') notes.push('every cut runs in this one process: memory is not separable by cut, and CPU per request includes the load generator');
  const hasAsync = Object.values(system.operations).some((operation) => operation.calls.some((step) => step.mode === 'async'));
  if (hasAsync && options.broker) notes.push(`asynchronous calls go through ${options.broker.version}: published with a message id, handled by a durable consumer of the target's unit, acknowledged after its work`);
  const asyncCalls = options.broker ? options.broker.version : 'direct';
  return { system: system.name, transport: options.transport.name, quick: options.quick, seed: options.seed, faultModel: options.faults, sizes, sideBySide, asyncCalls, cuts, notes };
}

async function sequential<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}

