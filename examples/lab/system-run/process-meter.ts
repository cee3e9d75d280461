import { readCpuMs, readMemory } from '../processes/proc.ts';
import type { RunningSystem } from '../runtime/running-system.ts';
import type { ResourceMeter } from './run-system.ts';

// Node only: this process's CPU time and /proc. Kept out of run-system.ts, which a page's worker runs
// too, and handed to it by the command line.

/**
 * CPU time (µs) of this process and of every unit process of the deployment; null where /proc
 * cannot tell (not Linux, or a unit process has gone).
 *
 * @example
 * ```ts
 * const before = runnerAndUnitsCpuUs(deployed);
 * ```
 */
function runnerAndUnitsCpuUs(running: RunningSystem): number | null {
  const own = process.cpuUsage();
  let total = own.user + own.system;
  try {
    for (const unit of running.units) if (unit.pid !== undefined) total += readCpuMs(unit.pid) * 1000;
  } catch {
    return null;
  }
  return total;
}

/**
 * Resident memory (MiB) of the deployment's unit processes; null when every unit runs in this
 * process (it is not separable by cut) or /proc cannot tell.
 *
 * @example
 * ```ts
 * unitsResidentMiB(deployedOnProcessTransport); // 412
 * ```
 */
function unitsResidentMiB(running: RunningSystem): number | null {
  if (running.units.every((unit) => unit.pid === undefined)) return null;
  try {
    return Math.round(running.units.reduce((kib, unit) => kib + (unit.pid === undefined ? 0 : readMemory(unit.pid).rssKiB), 0) / 1024);
  } catch {
    return null;
  }
}

/**
 * The command line's meter: this process's CPU time plus, on the process transport, each unit
 * process's CPU time and resident memory from /proc.
 *
 * @example
 * ```ts
 * await runSystem(system, { ...options, meter: processMeter });
 * ```
 */
export const processMeter: ResourceMeter = { cpuUs: runnerAndUnitsCpuUs, memoryMiB: unitsResidentMiB };
