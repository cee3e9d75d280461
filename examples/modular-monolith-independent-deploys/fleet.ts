/**
 * A shape's bundled units running as plain `node` processes, each behind its own balancer (a stable
 * service address, as a Kubernetes Service is), so that one unit's process can be replaced by a new
 * release while the others keep running untouched. Which process runs which release is read back
 * from /proc, not from the lab's own bookkeeping.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startBalancer, type Balancer } from '../lab/packaging/container-unit.ts';
import { processArgv, processStartTicks } from '../lab/processes/proc.ts';
import { startBundle, type FleetUnit, type RunningBundle } from '../lab/packaging/run-bundle.ts';

/** How a running unit is replaced by its new release. */
export const replaceStrategies = ['start-then-stop', 'stop-then-start'] as const;
/**
 * `start-then-stop`: the new process starts and is listed before the old one is taken out (one
 * spare, none unavailable). `stop-then-start`: the old one is taken out and stopped first (a recreate).
 */
export type ReplaceStrategy = (typeof replaceStrategies)[number];

/** One running unit process as /proc sees it. */
export interface ProcessIdentity {
  readonly unit: string;
  readonly pid: number;
  /** Start time in clock ticks since boot: a PID reused by a new process gets a new start time. */
  readonly startTicks: number;
  /** The artifact the process was started with (argv[1] from /proc/<pid>/cmdline). */
  readonly file: string;
}

/** What one replacement did. */
export interface Replacement {
  readonly unit: string;
  readonly oldPid: number;
  readonly newPid: number;
  /** How the old process ended: its exit code, or the signal that ended it. */
  readonly oldExit: string;
  /** From the first step of the replacement until the new process is listed and the old one has exited. */
  readonly wallMs: number;
  /** How long the unit's balancer had no process to send requests to. */
  readonly unlistedMs: number;
}

/** A shape running as processes behind balancers. */
export interface Fleet {
  /** The balancer port of the first unit: where clients send a cart. */
  readonly entryPort: number;
  /** The route of the first unit's first function. */
  readonly entryRoute: string;
  /** Every unit's process, read from /proc now. */
  processes(): ProcessIdentity[];
  /** Replaces the process of `unit` with one started from `file`. */
  replace(unit: string, file: string, strategy: ReplaceStrategy): Promise<Replacement>;
  close(): Promise<void>;
}

/**
 * Which units' processes differ between two snapshots: a different PID, or the same PID with a
 * different start time (a restart that happened to get the old PID back).
 *
 * @example
 * ```ts
 * replacedUnits(before, after); // ['billing']
 * ```
 */
export function replacedUnits(before: readonly ProcessIdentity[], after: readonly ProcessIdentity[]): string[] {
  return before
    .filter((old) => {
      const now = after.find((identity) => identity.unit === old.unit);
      return !now || now.pid !== old.pid || now.startTicks !== old.startTicks;
    })
    .map((old) => old.unit);
}

const exitOf = (running: RunningBundle) => String(running.child.signalCode ?? running.child.exitCode);

/**
 * Starts every unit from its bundle, each behind its own balancer; units reach each other through
 * the balancers, so a replaced unit's callers need no new address and no restart. `drainMs` is how
 * long a process taken out of its balancer keeps running before its SIGTERM, so that requests
 * already sent to it can finish (a deregistration delay). Stops what it started if anything fails.
 *
 * @example
 * ```ts
 * const fleet = await startFleet(bundles.units, 100);
 * try { await fleet.replace('billing', nextRelease, 'start-then-stop'); } finally { await fleet.close(); }
 * ```
 */
export async function startFleet(units: readonly FleetUnit[], drainMs: number): Promise<Fleet> {
  const first = units[0];
  if (!first?.functions[0]) throw new Error('a fleet needs at least one unit with a function');
  const balancers = new Map<string, Balancer>();
  const running = new Map<string, RunningBundle>();
  // Every process ever started, so that close() stops it even if a replacement failed half-way.
  const started = new Set<RunningBundle>();
  let peerPorts: Record<string, number> = {};
  const close = async () => {
    await Promise.all([...started].map((unit) => unit.stop()));
    await Promise.all([...balancers.values()].map((balancer) => balancer.close()));
  };
  const start = async (file: string) => {
    const unit = await startBundle(file, peerPorts);
    started.add(unit);
    return unit;
  };
  try {
    for (const unit of units) balancers.set(unit.unit, await startBalancer());
    peerPorts = Object.fromEntries([...balancers].map(([name, balancer]) => [name, balancer.port]));
    for (const unit of units) {
      const unitProcess = await start(unit.file);
      running.set(unit.unit, unitProcess);
      balancers.get(unit.unit)?.add({ port: unitProcess.port, version: unit.file });
    }
  } catch (error) {
    await close();
    throw error;
  }

  const stopOld = async (old: RunningBundle) => {
    await old.stop();
    started.delete(old);
  };

  return {
    entryPort: (balancers.get(first.unit) as Balancer).port,
    entryRoute: `/${first.functions[0]}`,
    processes: () =>
      [...running].map(([unit, unitProcess]) => ({
        unit,
        pid: unitProcess.pid,
        startTicks: processStartTicks(unitProcess.pid) ?? -1,
        file: processArgv(unitProcess.pid)?.[1] ?? '',
      })),
    async replace(unit, file, strategy) {
      const old = running.get(unit);
      const balancer = balancers.get(unit);
      if (!old || !balancer) throw new Error(`no unit named ${unit} is running`);
      const began = performance.now();
      let unlistedAt = 0;
      let listedAt = 0;
      let next: RunningBundle;
      if (strategy === 'start-then-stop') {
        next = await start(file);
        balancer.add({ port: next.port, version: file });
        balancer.remove(old.port);
        await sleep(drainMs);
        await stopOld(old);
      } else {
        balancer.remove(old.port);
        unlistedAt = performance.now();
        await sleep(drainMs);
        await stopOld(old);
        next = await start(file);
        balancer.add({ port: next.port, version: file });
        listedAt = performance.now();
      }
      running.set(unit, next);
      return { unit, oldPid: old.pid, newPid: next.pid, oldExit: exitOf(old), wallMs: performance.now() - began, unlistedMs: listedAt - unlistedAt };
    },
    close,
  };
}
