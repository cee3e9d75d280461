import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { bundleContainerUnit, freePort, startBalancer, startContainer, waitUntilReady, type Balancer, type RunningContainer } from '../lab/packaging/container-unit.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { shapes, type ShapeName } from '../lab/model/shapes.ts';
import { median } from '../lab/measure/stats.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { combineRuns, findingFor, rolloutTable, type ContinuousDeploymentResult, type RolloutRow, type RolloutStrategy } from './report.ts';

/** A rollout to run: which unit of which shape, how many replicas, how. */
interface Scenario {
  readonly shape: ShapeName;
  readonly unit: string;
  readonly replicas: number;
  readonly strategy: RolloutStrategy;
  readonly readinessGate: boolean;
}

/** The scenarios by name; the names are the `scenarios` parameter's values. */
export const scenarios = {
  'micro-rolling-gated': { shape: 'microservices', unit: 'billing', replicas: 2, strategy: 'rolling', readinessGate: true },
  'micro-rolling-ungated': { shape: 'microservices', unit: 'billing', replicas: 2, strategy: 'rolling', readinessGate: false },
  'nano-rolling-gated': { shape: 'nanoservices', unit: 'calculateTax', replicas: 2, strategy: 'rolling', readinessGate: true },
  'monolith-recreate-1': { shape: 'monolith', unit: 'checkout', replicas: 1, strategy: 'recreate', readinessGate: true },
  'monolith-rolling-gated-1': { shape: 'monolith', unit: 'checkout', replicas: 1, strategy: 'rolling', readinessGate: true },
  'monolith-rolling-gated-2': { shape: 'monolith', unit: 'checkout', replicas: 2, strategy: 'rolling', readinessGate: true },
} as const satisfies Record<string, Scenario>;
type ScenarioName = keyof typeof scenarios;
const scenarioNames = Object.keys(scenarios) as [ScenarioName, ...ScenarioName[]];

const params = z.object({
  scenarios: z.array(z.enum(scenarioNames)).min(1).default([...scenarioNames]),
  /** Independent rollouts of each scenario, each on fresh processes: a figure of the page is their median, with its interval. */
  runs: z.number().int().min(1).max(20).default(5),
  /** Upper bound of checkouts per rollout; the load stops when the rollout has finished. */
  requests: z.number().int().min(50).max(100_000).default(20_000),
  concurrency: z.number().int().min(1).max(64).default(8),
  /** The rollout starts once this many checkouts have succeeded. */
  rolloutAfter: z.number().int().min(1).max(10_000).default(200),
  /**
   * Warm-up of a v2 replica after it listens (LAB_WARMUP_MS): business routes answer 503 until then.
   * Assumed, the same for every shape: it stands for the caches, pools and JIT a real service warms,
   * which the lab's units do not have; the boot before it is measured per replica (`v2ReadyMs`).
   */
  warmupMs: z.number().int().min(0).max(10_000).default(300),
  /** Work per business request in every unit (LAB_WORK_MS). */
  workMs: z.number().int().min(0).max(1_000).default(5),
  /** How long a replica keeps listening after SIGTERM (LAB_DRAIN_DELAY_MS). */
  drainDelayMs: z.number().int().min(0).max(10_000).default(100),
  maxSeconds: z.number().positive().max(120).default(20),
});
type Params = z.output<typeof params>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A unit's log line as JSON, or null when it is not one JSON object. */
function parseLogLine(line: string): { msg?: string; time?: string } | null {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as { msg?: string; time?: string }) : null;
  } catch {
    return null;
  }
}

async function rollOut(name: ScenarioName, image: string, p: Params, run: number): Promise<RolloutRow> {
  const scenario: Scenario = scenarios[name];
  const shape = shapes[scenario.shape];
  const running = new Set<RunningContainer>();
  const balancers: Balancer[] = [];
  const agent = keepAliveAgent();
  let peakProcesses = 0;
  try {
    // One balancer per unit, as a Service per Deployment: units call each other through them.
    while (balancers.length < shape.units.length) balancers.push(await startBalancer());
    const peerPorts = JSON.stringify(Object.fromEntries(shape.units.map((unit, index) => [unit.name, balancers[index]?.port])));
    const start = async (unitName: string, version: string, port: number, warmupMs: number) => {
      const container = await startContainer(image, {
        PORT: port, LAB_SHAPE: shape.name, LAB_UNIT: unitName, LAB_PEER_PORTS: peerPorts, APP_VERSION: version,
        LAB_WORK_MS: p.workMs, LAB_WARMUP_MS: warmupMs, LAB_DRAIN_DELAY_MS: p.drainDelayMs,
      });
      running.add(container);
      peakProcesses = Math.max(peakProcesses, running.size);
      return container;
    };
    const rolledIndex = shape.units.findIndex((unit) => unit.name === scenario.unit);
    const rolledBalancer = balancers[rolledIndex] as Balancer;
    // Every v1 replica starts at once (started ones are stopped in the finally if one fails).
    const initial = shape.units.flatMap((unit, index) => Array.from({ length: index === rolledIndex ? scenario.replicas : 1 }, () => ({ unit, index })));
    const v1 = (
      await Promise.all(
        initial.map(async ({ unit, index }) => {
          const container = await start(unit.name, 'v1', 0, 0);
          await waitUntilReady(container.port);
          balancers[index]?.add({ port: container.port, version: 'v1' });
          return index === rolledIndex ? [container] : [];
        }),
      )
    ).flat();

    const counts = { sent: 0, succeeded: 0, failed: 0 };
    let firstFailureAt = 0;
    let lastFailureAt = 0;
    let rolledOut = false;
    const deadline = performance.now() + p.maxSeconds * 1000;
    const entry = balancers[0] as Balancer;
    const route = `/${shape.units[0]?.functions[0]}`;
    const worker = async () => {
      while (!rolledOut && counts.sent < p.requests && performance.now() < deadline) {
        counts.sent += 1;
        try {
          await postJson(agent, entry.port, route, sampleCart);
          counts.succeeded += 1;
        } catch {
          counts.failed += 1;
          lastFailureAt = performance.now();
          firstFailureAt ||= lastFailureAt;
        }
      }
    };
    const v2Started: Array<{ container: RunningContainer; spawnedAt: number }> = [];
    const startV2 = async () => {
      const port = await freePort();
      // Without a gate the replica is listed as soon as it is created, before it listens or is warm.
      if (!scenario.readinessGate) rolledBalancer.add({ port, version: 'v2' });
      const spawnedAt = Date.now();
      v2Started.push({ container: await start(scenario.unit, 'v2', port, p.warmupMs), spawnedAt });
      if (scenario.readinessGate) {
        await waitUntilReady(port);
        rolledBalancer.add({ port, version: 'v2' });
      }
    };
    const stopV1 = async (container: RunningContainer) => {
      rolledBalancer.remove(container.port);
      container.child.kill('SIGTERM');
      const exit = await container.exited;
      running.delete(container);
      return exit;
    };
    let rolloutMs = 0;
    const v1Exits: string[] = [];
    const rollout = async () => {
      while (counts.succeeded < p.rolloutAfter && performance.now() < deadline) await sleep(1);
      const began = performance.now();
      try {
        if (scenario.strategy === 'recreate') {
          for (const exit of await Promise.all(v1.map(stopV1))) v1Exits.push(String(exit.signal ?? exit.code));
          for (let replica = 0; replica < scenario.replicas; replica += 1) await startV2();
        } else {
          for (const old of v1) {
            await startV2();
            const exit = await stopV1(old);
            v1Exits.push(String(exit.signal ?? exit.code));
          }
        }
        rolloutMs = Math.round(performance.now() - began);
        // A short tail of traffic on v2 alone, so that a broken v2 shows up in the counts.
        await sleep(100);
      } finally {
        rolledOut = true;
      }
    };
    await Promise.all([rollout(), ...Array.from({ length: p.concurrency }, worker)]);
    const served = rolledBalancer.counts().byVersion;
    // From spawn to the replica's own "ready" log line: node's boot, the unit's start, then the warm-up.
    const v2ReadyMs = v2Started.flatMap(({ container, spawnedAt }) => {
      const ready = container.stdoutLines.map((line) => parseLogLine(line)).find((entry) => entry?.msg === 'ready');
      return ready?.time ? [Date.parse(ready.time) - spawnedAt] : [];
    });
    const after = rolledBalancer.backends();
    return {
      scenario: `${shape.name} · ${scenario.unit} ×${scenario.replicas} · ${scenario.strategy === 'recreate' ? 'recreate' : scenario.readinessGate ? 'rolling, gated' : 'rolling, no gate'}`,
      run,
      shape: shape.name,
      unit: scenario.unit,
      functionsShipped: shape.units[rolledIndex]?.functions.length ?? 0,
      replicas: scenario.replicas,
      strategy: scenario.strategy,
      readinessGate: scenario.readinessGate,
      ...counts,
      servedByV1: served.v1 ?? 0,
      servedByV2: served.v2 ?? 0,
      replicasAfter: after.length,
      v2After: after.filter((backend) => backend.version === 'v2').length,
      peakProcesses,
      rolloutMs,
      failureWindowMs: Math.round((lastFailureAt - firstFailureAt) * 10) / 10,
      v2ReadyMs: v2ReadyMs.length ? Math.round(median(v2ReadyMs) * 10) / 10 : -1,
      v1Exits,
    };
  } finally {
    agent.destroy();
    await Promise.all([...running].map((container) => container.stop()));
    await Promise.all(balancers.map((balancer) => balancer.close()));
  }
}

/**
 * micro-continuous-deployment: rolls one unit from v1 to v2 while a bounded loop of checkouts runs
 * through balancers (one per unit, like Kubernetes Services) in front of real child processes. A
 * rolling update starts a v2 replica, waits for its /readyz, lists it, takes a v1 replica out, sends it
 * SIGTERM and waits for its drain, replica by replica. Controls: the same without the readiness gate,
 * and a recreate (stop, then start) of a single monolith. It counts checkouts sent, failed, served by
 * each version, the replicas on v2 afterwards, the time the rollout took and the time each v2 replica
 * took from spawn to ready; every scenario is rolled out `runs` times, in rounds.
 */
export const experiment = defineExperiment({
  id: 'micro-continuous-deployment',
  title: 'Rolling out a new version under load, per shape',
  needs: { platforms: ['linux', 'darwin'], because: 'it retires old replicas with SIGTERM and waits for their drain handler, and on Windows Node ends a process at once on SIGTERM, without running its handler' },
  params,
  quick: {
    scenarios: ['micro-rolling-gated', 'micro-rolling-ungated', 'monolith-recreate-1', 'monolith-rolling-gated-2'],
    runs: 2, rolloutAfter: 30, concurrency: 4, warmupMs: 150, maxSeconds: 10,
  },
  tables: (result) => [rolloutTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<ContinuousDeploymentResult> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'micro-cd-'));
    try {
      const image = await bundleContainerUnit(dir);
      const runs: RolloutRow[] = [];
      const total = p.runs * p.scenarios.length;
      // Round by round, every scenario once per round: what slows the machine for a while slows each alike.
      for (let run = 1; run <= p.runs; run += 1) {
        for (const name of p.scenarios) {
          runs.push(await rollOut(name, image, p, run));
          onProgress?.({ done: runs.length, total, label: `run ${run} · ${name}` });
        }
      }
      return { warmupMs: p.warmupMs, runs, rows: combineRuns(runs), referenceSystems: referenceStructures() };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
