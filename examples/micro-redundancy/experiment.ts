import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { minimumRuns } from '../lab/measure/interval.ts';
import { shapes, type Shape, type ShapeName } from '../lab/model/shapes.ts';
import { startHealthCheckedBalancer, type RunningBalancer } from '../lab/network/health-checked-balancer.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { bundleServices, startService, type RunningService } from '../lab/processes/service-process.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import {
  balancerModes,
  faultedCapability,
  findingFor,
  killRunTable,
  outageTable,
  processCountTable,
  requestKinds,
  type BalancerMode,
  type KillRunRow,
  type OutageRow,
  type ProcessCountRow,
  type RedundancyResult,
  type RequestKind,
} from './report.ts';
import { quoteFunctions, quotePrefix, runRedundancyUnit } from './redundancy-unit.ts';

const shapeNames = Object.keys(shapes) as [ShapeName, ...ShapeName[]];

const params = z.object({
  /** The cuts deployed; each is replicated, balanced and faulted the same way. */
  shapes: z.array(z.enum(shapeNames)).min(1).default([...shapeNames]),
  /** Replicas of every unit of every cut. */
  replicas: z.number().int().min(2).max(5).default(3),
  /** Checkouts per replica kill; autocannon sends exactly this many. */
  requests: z.number().int().min(100).max(200_000).default(300),
  connections: z.number().int().min(1).max(64).default(16),
  /** The replica is killed once this share of the checkouts has been answered. */
  killAfter: z.number().min(0.05).max(0.9).default(0.3),
  /** Requests of each kind (checkout, quote) sent while payments are down. */
  outageRequests: z.number().int().min(20).max(20_000).default(100),
  probeIntervalMs: z.number().int().min(1).max(1_000).default(5),
  /** Long enough that a busy but live replica is not ejected; a killed one refuses connections at once. */
  probeTimeoutMs: z.number().int().min(5).max(5_000).default(1_000),
  /** Independent runs per cut, each on a fresh fleet: every headline figure is an interval over them. */
  runs: z.number().int().min(minimumRuns).max(10).default(minimumRuns),
  /** A load is stopped after this long even if not every request was sent. */
  maxSecondsPerRun: z.number().positive().max(60).default(30),
});

type Params = z.output<typeof params>;

// The unit each replica runs, named with new URL so that the source hash follows it.
const unitService = { file: fileURLToPath(new URL('./redundancy-unit.ts', import.meta.url)), run: runRedundancyUnit.name };

/** One unit of a cut, its replicas and the balancer in front of them. */
interface Pool {
  readonly unit: string;
  readonly functions: readonly string[];
  readonly replicas: RunningService[];
  balancer: RunningBalancer | null;
}

/** A cut's fleet: every unit replicated, one health-checked balancer per unit, the units calling each other's balancers. */
class Fleet {
  private constructor(
    private readonly bundle: string,
    private readonly shape: Shape,
    readonly pools: readonly Pool[],
    private readonly p: Params,
  ) {}

  /** Starts `replicas` processes of every unit at once. */
  static async start(bundle: string, shape: Shape, p: Params): Promise<Fleet> {
    const pools: Pool[] = shape.units.map((unit) => ({ unit: unit.name, functions: unit.functions, replicas: [], balancer: null }));
    const fleet = new Fleet(bundle, shape, pools, p);
    try {
      await Promise.all(pools.map(async (pool) => pool.replicas.push(...(await Promise.all(Array.from({ length: p.replicas }, () => fleet.startReplica(pool.unit)))))));
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  private startReplica(unit: string): Promise<RunningService> {
    return startService(this.bundle, { REDUNDANCY_SHAPE: JSON.stringify(this.shape), REDUNDANCY_UNIT: unit });
  }

  /** The pool of the unit that holds `chargePayment`: the capability the faults hit. */
  get payments(): Pool {
    const pool = this.pools.find((candidate) => candidate.functions.includes(faultedCapability.function));
    if (!pool) throw new Error(`no unit of ${this.shape.name} holds ${faultedCapability.function}`);
    return pool;
  }

  /** The balancer a client (or a gateway) sends a request to: the first unit's. */
  get entryPort(): number {
    const port = this.pools[0]?.balancer?.port;
    if (port === undefined) throw new Error('the fleet is not wired');
    return port;
  }

  /** (Re)builds every balancer in `mode` over the live replicas and tells every replica where its peers are. */
  async wire(mode: BalancerMode): Promise<void> {
    await this.closeBalancers();
    for (const pool of this.pools) {
      const live = pool.replicas.filter((replica) => replica.child.exitCode === null && replica.child.signalCode === null);
      pool.balancer = await startHealthCheckedBalancer({
        replicaPorts: live.map((replica) => replica.port),
        probeIntervalMs: this.p.probeIntervalMs,
        probeTimeoutMs: this.p.probeTimeoutMs,
        probePath: '/health',
        retryOnConnectionError: mode === 'retry once',
      });
      pool.replicas.splice(0, pool.replicas.length, ...live);
    }
    const peerPorts = Object.fromEntries(this.pools.map((pool) => [pool.unit, pool.balancer?.port as number]));
    await Promise.all(this.pools.flatMap((pool) => pool.replicas.map((replica) => replica.request({ peerPorts }, 'peersReceived'))));
  }

  /** Starts a fresh replica in place of a killed one, as an orchestrator would; `wire` puts it behind the balancer. */
  async replace(pool: Pool, killed: RunningService): Promise<void> {
    await killed.exited;
    pool.replicas.splice(pool.replicas.indexOf(killed), 1, await this.startReplica(pool.unit));
  }

  private async closeBalancers(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.balancer?.close()));
    for (const pool of this.pools) pool.balancer = null;
  }

  async stop(): Promise<void> {
    await this.closeBalancers();
    await Promise.all(this.pools.flatMap((pool) => pool.replicas.map((replica) => replica.stop())));
  }
}

/** The route a request kind enters by, and what it must answer: a whole checkout, or the cart priced. */
const entries: Readonly<Record<RequestKind, { readonly path: string; readonly answer: unknown }>> = {
  checkout: { path: `/${quoteFunctions[0]}`, answer: runCheckoutInProcess(sampleCart) },
  quote: { path: `${quotePrefix}/${quoteFunctions[0]}`, answer: runCheckoutInProcess(sampleCart, quoteFunctions.length) },
};

/** Runs autocannon against the fleet's entry; `onResponse` sees every answer as it arrives. */
function load(port: number, kind: RequestKind, amount: number, p: Params, onResponse?: (answered: number) => void): Promise<{ result: autocannon.Result; stoppedEarly: boolean }> {
  let answered = 0;
  let guardFired = false;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${entries[kind].path}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sampleCart),
        connections: p.connections,
        amount,
        timeout: 5,
        // autocannon notices the last answer at its next sample: every 20 ms, not every second.
        sampleInt: 20,
      },
      (error, result) => {
        clearTimeout(guard);
        if (error) return reject(error);
        // The limit can fire just as the last answers arrive: only a run left short counts as stopped.
        const stoppedEarly = guardFired && (result.requests.sent < amount || result['2xx'] + result.non2xx + result.errors < result.requests.sent);
        resolve({ result, stoppedEarly });
      },
    );
    const guard = setTimeout(() => {
      guardFired = true;
      instance.stop();
    }, p.maxSecondsPerRun * 1000);
    instance.on('response', () => onResponse?.(++answered));
  });
}

/** Checkouts under load while one replica of the payments unit is killed with SIGKILL; the killed replica is then replaced. */
async function killRun(fleet: Fleet, shape: ShapeName, mode: BalancerMode, run: number, p: Params): Promise<KillRunRow> {
  await fleet.wire(mode);
  const pool = fleet.payments;
  const balancer = pool.balancer as RunningBalancer;
  // Each run kills a different replica, so that no one position in the round robin decides the figures.
  const victim = pool.replicas[(run - 1) % pool.replicas.length] as RunningService;
  const victimState = balancer.replicas.find((replica) => replica.port === victim.port);
  let killedAt: number | null = null;
  let answeredBeforeKill = 0;
  const { result, stoppedEarly } = await load(fleet.entryPort, 'checkout', p.requests, p, (answered) => {
    if (killedAt === null && answered >= p.requests * p.killAfter) {
      answeredBeforeKill = answered;
      killedAt = performance.now();
      victim.child.kill('SIGKILL');
    }
  });
  const received = fleet.pools[0]?.balancer?.counts.received ?? 0;
  const balancers = fleet.pools.map((each) => each.balancer as RunningBalancer);
  const ejectedAt = victimState?.ejectedAt ?? null;
  const row: KillRunRow = {
    shape,
    mode,
    run,
    sent: result.requests.sent,
    succeeded: result['2xx'],
    failed: result.non2xx + result.errors,
    lost: result.requests.sent - result['2xx'] - result.non2xx - result.errors,
    non2xx: result.non2xx,
    errors: result.errors,
    noHealthyReplica: balancers.reduce((total, each) => total + each.counts.noHealthyReplica, 0),
    spuriousEjections: balancers.flatMap((each) => each.replicas).filter((replica) => replica !== victimState).reduce((total, replica) => total + replica.ejections, 0),
    stoppedEarly,
    retried: balancers.reduce((total, each) => total + each.counts.retried, 0),
    balancerReceived: received,
    detectMs: ejectedAt !== null && killedAt !== null ? Math.round((ejectedAt - killedAt) * 10) / 10 : null,
    ejectedReplicas: balancers.flatMap((each) => each.replicas).filter((replica) => !replica.healthy).length,
    answeredBeforeKill,
    requestsPerSecond: Math.round(result.requests.sent / Math.max(result.duration, 0.01)),
  };
  await fleet.replace(pool, victim);
  return row;
}

/** Waits until the balancer has ejected every replica, or `maxMs` has passed; resolves with whether it had. */
async function allEjected(balancer: RunningBalancer, maxMs: number): Promise<boolean> {
  const until = performance.now() + maxMs;
  while (balancer.replicas.some((replica) => replica.healthy)) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}

/** Every replica of the payments unit crashes; then checkouts and quotes are sent and counted apart. */
async function outageRun(fleet: Fleet, shape: ShapeName, run: number, p: Params): Promise<OutageRow[]> {
  await fleet.wire('retry once');
  const pool = fleet.payments;
  for (const replica of pool.replicas) replica.child.kill('SIGKILL');
  await Promise.all(pool.replicas.map((replica) => replica.exited));
  const ejected = await allEjected(pool.balancer as RunningBalancer, 5_000);
  const rows: OutageRow[] = [];
  for (const kind of requestKinds) {
    const { result, stoppedEarly } = await load(fleet.entryPort, kind, p.outageRequests, p);
    rows.push({
      shape,
      run,
      kind,
      sent: result.requests.sent,
      succeeded: result['2xx'],
      failed: result.non2xx + result.errors,
      lost: result.requests.sent - result['2xx'] - result.non2xx - result.errors,
      stoppedEarly,
      paymentsEjected: ejected,
    });
  }
  return rows;
}

/** Before any fault: one checkout and one quote through the balancers answer what the functions return in one call stack. */
async function answersMatch(fleet: Fleet): Promise<boolean> {
  const agent = keepAliveAgent();
  try {
    await fleet.wire('retry once');
    const answers = await Promise.all(requestKinds.map((kind) => postJson(agent, fleet.entryPort, entries[kind].path, sampleCart)));
    return requestKinds.every((kind, index) => isDeepStrictEqual(answers[index]?.value, entries[kind].answer));
  } finally {
    agent.destroy();
  }
}

function processCounts(replicas: number): ProcessCountRow[] {
  return Object.values(shapes).map((shape) => ({
    shape: shape.name,
    units: shape.units.length,
    replicas,
    processes: replicas * shape.units.length,
    balancedPools: shape.units.length,
    processesPaymentOnly: shape.units.length - 1 + replicas,
  }));
}

/**
 * micro-redundancy: deploys every cut (monolith, microservices, nanoservices) the same way: each unit
 * as `replicas` plain `node` processes behind its own round-robin balancer that probes every replica
 * every few milliseconds, the units calling each other through those balancers. In each of `runs`
 * independent runs per cut, on a fresh fleet: (1) under a bounded checkout load, one replica of the
 * unit holding `chargePayment` is killed with SIGKILL, without retries and with one retry on another
 * replica, and every request is counted; (2) then every replica of that unit is killed (payments down)
 * and checkouts and price quotes, which need only the cart capability, are counted apart.
 */
export const experiment = defineExperiment({
  id: 'micro-redundancy',
  title: 'Redundancy and fault isolation: replicas killed under load in every cut',
  params,
  quick: { requests: 150, connections: 8, outageRequests: 30, replicas: 2, maxSecondsPerRun: 20 },
  tables: (result) => [killRunTable(result), outageTable(result), processCountTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<RedundancyResult> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'micro-redundancy-'));
    try {
      const [bundle] = await bundleServices([unitService], dir);
      if (!bundle) throw new Error('the redundancy unit bundled to no file');
      const killRuns: KillRunRow[] = [];
      const outages: OutageRow[] = [];
      let matched = true;
      const total = p.runs * p.shapes.length;
      let done = 0;
      for (let run = 1; run <= p.runs; run += 1) {
        // Cuts and modes take turns going first, so that drift on the machine lands on all alike.
        const order = p.shapes.map((_, index) => p.shapes[(index + run - 1) % p.shapes.length] as ShapeName);
        for (const shape of order) {
          const fleet = await Fleet.start(bundle, shapes[shape], p);
          try {
            matched &&= await answersMatch(fleet);
            for (const mode of run % 2 ? balancerModes : [...balancerModes].reverse()) killRuns.push(await killRun(fleet, shape, mode, run, p));
            outages.push(...(await outageRun(fleet, shape, run, p)));
          } finally {
            await fleet.stop();
          }
          onProgress?.({ done: ++done, total, label: `run ${run} · ${shape}` });
        }
      }
      const byShape = (shape: ShapeName) => p.shapes.indexOf(shape);
      killRuns.sort((a, b) => byShape(a.shape) - byShape(b.shape) || balancerModes.indexOf(a.mode) - balancerModes.indexOf(b.mode) || a.run - b.run);
      outages.sort((a, b) => byShape(a.shape) - byShape(b.shape) || requestKinds.indexOf(a.kind) - requestKinds.indexOf(b.kind) || a.run - b.run);
      return { rows: killRuns, outages, processCounts: processCounts(p.replicas), replicas: p.replicas, runs: p.runs, answersMatch: matched, referenceSystems: referenceStructures() };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
