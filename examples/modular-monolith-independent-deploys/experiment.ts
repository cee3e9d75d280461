import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import { bundleShape, type ShapeBundles, type UnitBundle } from '../lab/packaging/bundle-units.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { microservices, modularMonolith, shapeCalls, type AnyShape } from '../lab/model/shapes.ts';
import { processStartTicks } from '../lab/processes/proc.ts';
import { replacedUnits, replaceStrategies, startFleet, type Fleet, type ReplaceStrategy } from './fleet.ts';
import { changeTable, findingFor, loadTable, shapeCostTable, type DeployShapeName, type ModuleName, type RedeployRow, type Result, type ShapeCostRow } from './report.ts';
import { median } from '../lab/measure/stats.ts';

const params = z.object({
  /** Every change is redeployed once per round, in each shape and with each strategy. */
  rounds: z.number().int().min(1).max(20).default(5),
  /** Clients keeping checkouts in flight during each redeploy. */
  concurrency: z.number().int().min(1).max(16).default(4),
  /**
   * Each client starts a checkout this often, whether the last one failed or not: a failed checkout
   * returns at once, and clients that retried at once would count speed, not unavailability.
   */
  intervalMs: z.number().int().min(1).max(1_000).default(10),
  /** The redeploy starts once this many checkouts have succeeded. */
  warmCheckouts: z.number().int().min(1).max(1_000).default(20),
  /** How long a process taken out of its balancer runs on before its SIGTERM (a deregistration delay). */
  drainMs: z.number().int().min(0).max(2_000).default(150),
  /** Checkouts keep flowing this long after the redeploy, so that a broken new release shows up. */
  tailMs: z.number().int().min(0).max(2_000).default(100),
  /** Bounds on the checkouts of one redeploy. */
  maxCheckouts: z.number().int().min(50).max(50_000).default(20_000),
  maxSeconds: z.number().positive().max(30).default(10),
});
type Params = z.output<typeof params>;

const modules: readonly ModuleName[] = ['cart', 'billing', 'receipts'];
// The microservices value is typed with the article's shape names; both are named as the report names them.
const compared: ReadonlyArray<AnyShape & { name: DeployShapeName }> = [modularMonolith, { ...microservices, name: 'microservices' }];
const reference = runCheckoutInProcess(sampleCart);

/** The unit of a shape that holds a module's functions. */
function unitHolding(shape: AnyShape, module: ModuleName): string {
  const functions = microservices.units.find((unit) => unit.name === module)?.functions ?? [];
  const unit = shape.units.find((candidate) => functions.every((fn) => candidate.functions.includes(fn)));
  if (!unit) throw new Error(`no unit of ${shape.name} holds the ${module} module`);
  return unit.name;
}

/** Checkouts from `concurrency` clients while `action` runs: it starts once `warmCheckouts` succeeded. */
async function checkoutsDuring<T>(fleet: Fleet, p: Params, action: () => Promise<T>) {
  const agent = keepAliveAgent();
  const counts = { sent: 0, succeeded: 0, failed: 0 };
  let firstFailureAt = 0;
  let lastFailureAt = 0;
  let done = false;
  let value: T | undefined;
  const deadline = performance.now() + p.maxSeconds * 1000;
  const client = async () => {
    let nextAt = performance.now();
    while (!done && counts.sent < p.maxCheckouts && performance.now() < deadline) {
      counts.sent += 1;
      let ok = false;
      try {
        ok = isDeepStrictEqual((await postJson(agent, fleet.entryPort, fleet.entryRoute, sampleCart)).value, reference);
      } catch {
        // A 502 from a balancer with no process, or a unit whose call to the next one failed: a failed checkout.
      }
      if (ok) counts.succeeded += 1;
      else {
        counts.failed += 1;
        lastFailureAt = performance.now();
        firstFailureAt ||= lastFailureAt;
      }
      nextAt += p.intervalMs;
      const wait = nextAt - performance.now();
      // Behind schedule (a slow checkout): start the next one now rather than in a burst.
      if (wait > 0) await sleep(wait);
      else nextAt = performance.now();
    }
  };
  const redeploy = async () => {
    try {
      while (counts.succeeded < p.warmCheckouts && performance.now() < deadline) await sleep(1);
      value = await action();
      await sleep(p.tailMs);
    } finally {
      done = true;
    }
  };
  try {
    await Promise.all([redeploy(), ...Array.from({ length: p.concurrency }, client)]);
  } finally {
    agent.destroy();
  }
  return { ...counts, failureWindowMs: lastFailureAt - firstFailureAt, value: value as T };
}

/** One checkout after the redeploy: the whole chain must answer with the reference receipt. */
async function checkoutAnswers(fleet: Fleet): Promise<boolean> {
  const agent = keepAliveAgent();
  try {
    return isDeepStrictEqual((await postJson(agent, fleet.entryPort, fleet.entryRoute, sampleCart)).value, reference);
  } catch {
    return false;
  } finally {
    agent.destroy();
  }
}

interface Sample {
  replaced: string[];
  wallMs: number;
  unlistedMs: number;
  serving: boolean;
  oldExit: string;
  sent: number;
  succeeded: number;
  failed: number;
  failureWindowMs: number;
}

/**
 * modular-monolith-independent-deploys: bundles the modular monolith (one unit) and the microservices
 * (cart, billing, receipts) with esbuild, runs each unit as a plain `node` process behind its own
 * balancer, and then, for a change to each module, ships a new release of the unit that holds it by
 * replacing its process: the new one started before the old one is stopped, and the reverse. Before
 * and after every redeploy it reads each unit's PID, start time and artifact from /proc, so it counts
 * the processes replaced and proves the others were left running; it counts the functions and bytes
 * shipped, the wall time, and the checkouts that failed while clients kept sending them.
 */
export const experiment = defineExperiment({
  id: 'modular-monolith-independent-deploys',
  title: 'What a change to one module redeploys: the modular monolith and the microservices',
  needs: { platforms: ['linux'], because: 'it tells a replaced unit from a running one by the start time in `/proc/<pid>/stat` and the file in `/proc/<pid>/cmdline`, which only Linux has' },
  params,
  quick: { rounds: 1, concurrency: 2, warmCheckouts: 5, maxSeconds: 5 },
  tables: (result) => [changeTable(result), loadTable(result), shapeCostTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<Result> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-independent-deploys-'));
    const fleets = new Map<DeployShapeName, Fleet>();
    try {
      const bundles = new Map<DeployShapeName, ShapeBundles<AnyShape>>();
      for (const shape of compared) bundles.set(shape.name, await bundleShape<AnyShape>(shape, 'own-functions', dir));
      for (const shape of compared) fleets.set(shape.name, await startFleet(bundles.get(shape.name)?.units ?? [], p.drainMs));

      let release = 0;
      // Each release is a new artifact: the unit's bundle under a new name with a release banner, so that /proc tells releases apart.
      const nextRelease = (shape: DeployShapeName, unit: UnitBundle, module: ModuleName) => {
        release += 1;
        const file = path.join(dir, `${shape}-${unit.unit}.release-${release}.cjs`);
        writeFileSync(file, `// release ${release}: a change to the ${module} module\n${readFileSync(unit.file, 'utf8')}`);
        return file;
      };

      const samples = new Map<string, Sample[]>();
      const total = p.rounds * modules.length * replaceStrategies.length * compared.length;
      let done = 0;
      for (let round = 0; round < p.rounds; round += 1) {
        // Each round begins with the other shape, so that drift on the machine lands on both alike.
        const order = round % 2 ? [...compared].reverse() : compared;
        for (const module of modules) {
          for (const strategy of replaceStrategies) {
            for (const shape of order) {
              const fleet = fleets.get(shape.name) as Fleet;
              const unitName = unitHolding(shape, module);
              const unit = bundles.get(shape.name)?.units.find((candidate) => candidate.unit === unitName) as UnitBundle;
              const file = nextRelease(shape.name, unit, module);
              const before = fleet.processes();
              const load = await checkoutsDuring(fleet, p, () => fleet.replace(unitName, file, strategy));
              const after = fleet.processes();
              const oldStart = before.find((identity) => identity.unit === unitName)?.startTicks;
              const oldGone = processStartTicks(load.value.oldPid) !== oldStart;
              const serving = oldGone && after.find((identity) => identity.unit === unitName)?.file === file && (await checkoutAnswers(fleet));
              const key = `${shape.name}|${module}|${strategy}`;
              samples.set(key, [
                ...(samples.get(key) ?? []),
                {
                  replaced: replacedUnits(before, after),
                  wallMs: load.value.wallMs,
                  unlistedMs: load.value.unlistedMs,
                  serving,
                  oldExit: load.value.oldExit,
                  sent: load.sent,
                  succeeded: load.succeeded,
                  failed: load.failed,
                  failureWindowMs: load.failureWindowMs,
                },
              ]);
              onProgress?.({ done: ++done, total, label: `round ${round + 1} · ${module} change · ${shape.name} · ${strategy}` });
            }
          }
        }
      }

      const rows: RedeployRow[] = compared.flatMap((shape) => {
        const shapeBundles = bundles.get(shape.name) as ShapeBundles<AnyShape>;
        const functionBytes = (unit: UnitBundle) => unit.byOrigin['checkout functions'] ?? 0;
        return modules.flatMap((module) =>
          replaceStrategies.map((strategy: ReplaceStrategy) => {
            const unitName = unitHolding(shape, module);
            const unit = shapeBundles.units.find((candidate) => candidate.unit === unitName) as UnitBundle;
            const taken = samples.get(`${shape.name}|${module}|${strategy}`) ?? [];
            return {
              shape: shape.name,
              module,
              strategy,
              unit: unitName,
              redeploys: taken.length,
              processesTotal: shape.units.length,
              processesReplaced: Math.max(0, ...taken.map((sample) => sample.replaced.length)),
              untouchedProcesses: shape.units.length - 1,
              untouchedRestarted: taken.reduce((sum, sample) => sum + sample.replaced.filter((name) => name !== unitName).length, 0),
              moduleFunctions: microservices.units.find((candidate) => candidate.name === module)?.functions.length ?? 0,
              functionsRedeployed: unit.functions.length,
              functionsTotal: shape.units.reduce((sum, candidate) => sum + candidate.functions.length, 0),
              bytesRedeployed: unit.bytes,
              bytesTotal: shapeBundles.units.reduce((sum, candidate) => sum + candidate.bytes, 0),
              functionBytesRedeployed: functionBytes(unit),
              functionBytesTotal: shapeBundles.units.reduce((sum, candidate) => sum + functionBytes(candidate), 0),
              redeployMs: median(taken.map((sample) => sample.wallMs)),
              redeployMsByRound: taken.map((sample) => Math.round(sample.wallMs * 10) / 10),
              unlistedMs: median(taken.map((sample) => sample.unlistedMs)),
              newReleaseServing: taken.length > 0 && taken.every((sample) => sample.serving),
              oldExits: taken.map((sample) => sample.oldExit),
              sent: taken.reduce((sum, sample) => sum + sample.sent, 0),
              succeeded: taken.reduce((sum, sample) => sum + sample.succeeded, 0),
              failed: taken.reduce((sum, sample) => sum + sample.failed, 0),
              failureWindowMs: Math.max(0, ...taken.map((sample) => sample.failureWindowMs)),
              sentByRound: taken.map((sample) => sample.sent),
              failedByRound: taken.map((sample) => sample.failed),
            };
          }),
        );
      });
      const shapeCosts: ShapeCostRow[] = compared.map((shape) => {
        const calls = shapeCalls(shape);
        return {
          shape: shape.name,
          deployUnits: shape.units.length,
          networkContracts: calls.filter((call) => call.crossesUnits).length,
          inProcessBoundaries: calls.filter((call) => call.crossesModules).length,
          bundleBytes: bundles.get(shape.name)?.units.reduce((sum, unit) => sum + unit.bytes, 0) ?? 0,
        };
      });
      return { rounds: p.rounds, concurrency: p.concurrency, intervalMs: p.intervalMs, drainMs: p.drainMs, rows, shapes: shapeCosts };
    } finally {
      await Promise.all([...fleets.values()].map((fleet) => fleet.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
