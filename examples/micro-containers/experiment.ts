import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { bundleContainerUnit, freePort, probe, startContainer, waitUntilReady, type RunningContainer } from '../lab/packaging/container-unit.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { shapes, type Shape, type ShapeName } from '../lab/model/shapes.ts';
import { checkDockerfile, containerPort, dockerfileFor, manifestsFor } from './manifests.ts';
import { drainTable, findingFor, packagingTable, stopModes, type ContainersResult, type DrainRow, type PackagingRow, type StopMode } from './report.ts';

const shapeNames = Object.keys(shapes) as [ShapeName, ...ShapeName[]];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const params = z.object({
  shapes: z.array(z.enum(shapeNames)).min(1).default([...shapeNames]),
  modes: z.array(z.enum(stopModes)).min(1).default([...stopModes]),
  /** Independent runs of each shape and stop mode, each on fresh processes. */
  runs: z.number().int().min(1).max(20).default(5),
  /** Upper bound of checkouts per run; the run ends earlier, once the readiness probe takes the entry out. */
  requests: z.number().int().min(50).max(100_000).default(20_000),
  /**
   * Checkouts kept in flight against the entry unit, so that about as many are in flight when SIGTERM
   * comes: 64, a busy pod's worth (a pod serving 640 requests a second that take 100 ms each), bounded.
   */
  concurrency: z.number().int().min(1).max(256).default(64),
  /** SIGTERM goes to every unit once this many checkouts have succeeded: enough to be past every unit's first request. */
  sigtermAfter: z.number().int().min(1).max(50_000).default(150),
  /** Work per business request in every unit (LAB_WORK_MS), so that checkouts are in flight when the signal comes. */
  workMs: z.number().int().min(1).max(1_000).default(20),
  /**
   * How long a unit keeps listening after SIGTERM (LAB_DRAIN_DELAY_MS): longer than the probe interval
   * and than a checkout through six units with 64 in flight on a busy two-core machine (at 400 ms a
   * loaded machine failed a few of the nanoservices' checkouts); Kubernetes gives a pod 30 s by default.
   */
  drainDelayMs: z.number().int().min(0).max(10_000).default(1_000),
  /** The drain delay of `graceful-short-delay`: shorter than a checkout through three or six units doing `workMs` each. */
  shortDrainDelayMs: z.number().int().min(0).max(10_000).default(50),
  /** How often the load generator's balancer probes the entry's /readyz after SIGTERM. */
  probeIntervalMs: z.number().int().min(1).max(1_000).default(10),
  maxSeconds: z.number().positive().max(120).default(20),
});
type Params = z.output<typeof params>;

function parseable(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

async function drainUnderLoad(image: string, shape: Shape, mode: StopMode, p: Params, run: number): Promise<DrainRow> {
  // The platform assigns every unit its port before it starts, so peers are known up front (like Service names).
  const ports = await Promise.all(shape.units.map(() => freePort()));
  const peerPorts = Object.fromEntries(shape.units.map((unit, index) => [unit.name, ports[index]]));
  const agent = keepAliveAgent();
  const drainDelayMs = mode === 'graceful-short-delay' ? p.shortDrainDelayMs : p.drainDelayMs;
  const started = await Promise.allSettled(
    shape.units.map((unit, index) =>
      startContainer(image, {
        PORT: ports[index] ?? 0,
        LAB_SHAPE: shape.name,
        LAB_UNIT: unit.name,
        LAB_PEER_PORTS: JSON.stringify(peerPorts),
        LAB_WORK_MS: p.workMs,
        LAB_DRAIN_DELAY_MS: drainDelayMs,
        LAB_GRACEFUL: mode === 'no-handler' ? '0' : '1',
      }),
    ),
  );
  const units = started.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  try {
    const failedStart = started.find((start) => start.status === 'rejected');
    if (failedStart) throw failedStart.reason;
    await Promise.all(units.map((unit) => waitUntilReady(unit.port)));
    const portFromEnv = units.filter((unit, index) => unit.port === ports[index]).length;
    const healthy = (await Promise.all(units.map((unit) => probe(unit.port, '/healthz')))).filter((status) => status === 200).length;
    const ready = (await Promise.all(units.map((unit) => probe(unit.port, '/readyz')))).filter((status) => status === 200).length;

    const entry = units[0] as RunningContainer;
    const route = `/${shape.units[0]?.functions[0]}`;
    const counts = { sent: 0, succeeded: 0, failed: 0, inFlightAtSigterm: 0, inFlightCompleted: 0, inFlightFailed: 0, sentAfterSigterm: 0, failedAfterSigterm: 0 };
    let sigtermAt: number | null = null;
    let outstanding = 0;
    let removed = false;
    const deadline = performance.now() + p.maxSeconds * 1000;
    const worker = async () => {
      while (!removed && counts.sent < p.requests && performance.now() < deadline) {
        counts.sent += 1;
        const beforeSigterm = sigtermAt === null;
        if (!beforeSigterm) counts.sentAfterSigterm += 1;
        outstanding += 1;
        let ok = true;
        try {
          await postJson(agent, entry.port, route, sampleCart);
          counts.succeeded += 1;
        } catch {
          ok = false;
          counts.failed += 1;
          if (!beforeSigterm) counts.failedAfterSigterm += 1;
        }
        outstanding -= 1;
        if (beforeSigterm && sigtermAt !== null) {
          if (ok) counts.inFlightCompleted += 1;
          else counts.inFlightFailed += 1;
        }
      }
    };
    const terminate = async () => {
      while (counts.succeeded < p.sigtermAfter && performance.now() < deadline) await sleep(1);
      sigtermAt = performance.now();
      counts.inFlightAtSigterm = outstanding;
      for (const unit of units) unit.child.kill('SIGTERM');
      // The balancer in front of the entry takes it out once its readiness probe stops answering 200.
      while (!removed && performance.now() < deadline) {
        if ((await probe(entry.port, '/readyz')) !== 200) removed = true;
        else await sleep(p.probeIntervalMs);
      }
      removed = true;
    };
    await Promise.all([terminate(), ...Array.from({ length: p.concurrency }, worker)]);
    // Bounded: a unit still running 10 s after SIGTERM is reported as such and killed in the finally.
    const exits = await Promise.all(units.map((unit) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 10_000)));
      return Promise.race([unit.exited, timeout]).finally(() => clearTimeout(timer));
    }));
    const lines = units.flatMap((unit) => unit.stdoutLines);
    const lastExit = Math.max(...exits.map((exit) => exit?.at ?? Number.POSITIVE_INFINITY));
    return {
      shape: shape.name,
      mode,
      run,
      units: units.length,
      drainDelayMs,
      portFromEnv,
      healthy,
      ready,
      ...counts,
      drainMs: sigtermAt === null ? -1 : Math.round(lastExit - sigtermAt),
      exits: exits.map((exit) => (exit === null ? 'still running' : String(exit.signal ?? exit.code))),
      logLines: lines.length,
      unparseableLines: lines.filter((line) => !parseable(line)).length,
    };
  } finally {
    agent.destroy();
    await Promise.all(units.map((unit) => unit.stop()));
  }
}

function packageShape(shape: Shape, liveEndpoints: ReadonlySet<string>): { row: PackagingRow; files: Array<{ unit: string; dockerfile: string; deployment: unknown; service: unknown }> } {
  let dockerfilesPassing = 0;
  let manifestsValid = 0;
  let probes = 0;
  let probesOnLiveEndpoints = 0;
  const files = shape.units.map((unit) => {
    const dockerfile = dockerfileFor(shape, unit.name);
    if (Object.values(checkDockerfile(dockerfile, containerPort)).every(Boolean)) dockerfilesPassing += 1;
    const { deployment, service } = manifestsFor(shape, unit.name, 2);
    for (const object of [deployment, service]) {
      try {
        object.validate();
        manifestsValid += 1;
      } catch {
        // Counted as invalid: the table shows valid of generated.
      }
    }
    for (const container of deployment.spec?.template.spec?.containers ?? []) {
      for (const check of [container.livenessProbe, container.readinessProbe]) {
        if (!check) continue;
        probes += 1;
        if (check.httpGet && liveEndpoints.has(check.httpGet.path ?? '')) probesOnLiveEndpoints += 1;
      }
    }
    return { unit: unit.name, dockerfile, deployment: deployment.toJSON(), service: service.toJSON() };
  });
  return { row: { shape: shape.name, units: shape.units.length, images: files.length, dockerfilesPassing, manifests: files.length * 2, manifestsValid, probes, probesOnLiveEndpoints }, files };
}

/**
 * micro-containers: runs each shape's units as containers would run them (one bundled file, plain
 * `node`, configured only by its environment, logs on stdout), checks the probes, sends checkouts
 * under a bounded load, sends every unit a real SIGTERM and counts what happened to the checkouts in
 * flight, the exit codes and the log lines that were not JSON; the control has no SIGTERM handler.
 * Every shape and stop mode runs `runs` times, in rounds. Then it generates each unit's Dockerfile,
 * Deployment and Service and checks them offline.
 */
export const experiment = defineExperiment({
  id: 'micro-containers',
  title: 'Honouring the container contract, per shape',
  needs: { platforms: ['linux', 'darwin'], because: 'it sends SIGTERM to units that drain in a handler, and on Windows Node ends a process at once on SIGTERM, without running its handler' },
  params,
  quick: { runs: 1, modes: ['graceful', 'no-handler'], requests: 600, sigtermAfter: 20, concurrency: 16, maxSeconds: 8 },
  tables: (result) => [drainTable(result), packagingTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<ContainersResult> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'micro-containers-'));
    try {
      const image = await bundleContainerUnit(dir);
      const drains: DrainRow[] = [];
      const total = p.runs * p.shapes.length * p.modes.length;
      // Round by round, every shape and mode once per round: what slows the machine for a while slows each alike.
      for (let run = 1; run <= p.runs; run += 1) {
        for (const mode of p.modes) {
          for (const shapeName of p.shapes) {
            drains.push(await drainUnderLoad(image, shapes[shapeName], mode, p, run));
            onProgress?.({ done: drains.length, total, label: `run ${run} · ${mode} · ${shapeName}` });
          }
        }
      }
      const packaging: PackagingRow[] = [];
      let sample: ContainersResult['sample'] | undefined;
      for (const shapeName of p.shapes) {
        const drained = drains.filter((row) => row.shape === shapeName && row.mode === 'graceful');
        // A probe path counts as live only if every unit of the shape answered 200 on it in every run.
        const live = new Set<string>();
        if (drained.length > 0 && drained.every((row) => row.healthy === row.units)) live.add('/healthz');
        if (drained.length > 0 && drained.every((row) => row.ready === row.units)) live.add('/readyz');
        const { row, files } = packageShape(shapes[shapeName], live);
        packaging.push(row);
        sample ??= files.find((file) => file.unit === 'billing') ?? (shapeName === p.shapes[p.shapes.length - 1] ? files[0] : undefined);
      }
      return { drains, packaging, sample: sample ?? { unit: '', dockerfile: '', deployment: null, service: null }, referenceSystems: referenceStructures() };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
