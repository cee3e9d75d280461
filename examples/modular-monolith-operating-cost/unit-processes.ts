/**
 * Finds the processes the lab's process transport started for a shape, and reads what they cost
 * from /proc: CPU time (utime + stime) and memory (RSS, PSS, USS). Linux only.
 *
 * The transport does not hand out its children's PIDs, so they are found the way `findLeftovers()`
 * finds leftovers: children of this process in /proc. Each unit process is started with `LAB_SHAPE`
 * and `LAB_UNIT` in its environment, and /proc/<pid>/environ keeps that environment, so every
 * process found is named by the shape and unit it serves — two shapes running at once cannot be
 * confused, and nothing that is not a lab unit is counted.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { procStatFields } from '../lab/processes/proc-stat.ts';

/** One unit process of a running shape. */
export interface UnitProcess {
  readonly pid: number;
  readonly shape: string;
  readonly unit: string;
}

/** Memory of one process, in KiB. */
export interface ProcessMemory {
  /** Resident set: every page in RAM the process maps, shared or not. What `ps` and `top` show. */
  readonly rssKiB: number;
  /** Proportional set: private pages plus each shared page divided by the processes sharing it. Sums to the RAM a group of processes uses. */
  readonly pssKiB: number;
  /** Unique set: private pages only, what the machine gets back when this process exits. */
  readonly ussKiB: number;
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The parent PID, state and CPU clock ticks (utime + stime, all threads) of a /proc/<pid>/stat line.
 *
 * @example
 * ```ts
 * parseStat('42 (node) S 7 42 7 0 -1 0 0 0 0 0 150 30 0 0 20 0 11 0'); // { ppid: 7, state: 'S', cpuTicks: 180 }
 * ```
 */
export function parseStat(stat: string): { ppid: number; state: string; cpuTicks: number } {
  const fields = procStatFields(stat);
  // After the name: state (field 3), ppid (4), ..., utime (14), stime (15); index = field - 3.
  const [state, ppid, utime, stime] = [fields[0], fields[1], fields[11], fields[12]].map((value) => value ?? '');
  if (!state || !/^\d+$/.test(ppid ?? '') || !/^\d+$/.test(utime ?? '') || !/^\d+$/.test(stime ?? '')) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  return { ppid: Number(ppid), state: state as string, cpuTicks: Number(utime) + Number(stime) };
}

/**
 * The variables of a /proc/<pid>/environ file (NUL-separated `NAME=value` entries).
 *
 * @example
 * ```ts
 * parseEnviron('LAB_UNIT=cart\0PATH=/bin\0').get('LAB_UNIT'); // 'cart'
 * ```
 */
export function parseEnviron(environ: string): Map<string, string> {
  const variables = new Map<string, string>();
  for (const entry of environ.split('\0')) {
    const equals = entry.indexOf('=');
    if (equals > 0) variables.set(entry.slice(0, equals), entry.slice(equals + 1));
  }
  return variables;
}

/**
 * RSS, PSS and USS (Private_Clean + Private_Dirty) from a /proc/<pid>/smaps_rollup file, in KiB.
 *
 * @example
 * ```ts
 * parseSmapsRollup('Rss: 60000 kB\nPss: 30000 kB\nPrivate_Clean: 1000 kB\nPrivate_Dirty: 25000 kB\n');
 * // { rssKiB: 60000, pssKiB: 30000, ussKiB: 26000 }
 * ```
 */
export function parseSmapsRollup(rollup: string): ProcessMemory {
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup);
    if (!match) throw new Error(`smaps_rollup has no ${name} field`);
    return Number(match[1]);
  };
  return { rssKiB: field('Rss'), pssKiB: field('Pss'), ussKiB: field('Private_Clean') + field('Private_Dirty') };
}

let clockTicksPerSecond: number | undefined;
/** USER_HZ, the unit of utime and stime: 100 on every mainstream Linux, asked of getconf to be sure. */
function ticksPerSecond(): number {
  if (clockTicksPerSecond === undefined) {
    let ticks = Number.NaN;
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5_000 }).trim());
    } catch {
      // No getconf: fall back to the kernel's fixed user-space value below.
    }
    clockTicksPerSecond = Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  }
  return clockTicksPerSecond;
}

/**
 * The live (not zombie) lab unit processes that `parentPid` started for the shape named `shape`,
 * sorted by PID, each with its unit name from its environment.
 *
 * @example
 * ```ts
 * const deployment = await deployShape(microservices, processTransport);
 * findUnitProcesses('microservices'); // [{ pid: 4242, shape: 'microservices', unit: 'receipts' }, ...]
 * ```
 */
export function findUnitProcesses(shape: string, parentPid: number = process.pid): UnitProcess[] {
  const found: UnitProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrNull(`/proc/${entry}/stat`);
    if (stat === null) continue;
    const { ppid, state } = parseStat(stat);
    if (ppid !== parentPid || state === 'Z') continue;
    const environ = parseEnviron(readOrNull(`/proc/${entry}/environ`) ?? '');
    const unit = environ.get('LAB_UNIT');
    let shapeName: unknown;
    try {
      shapeName = (JSON.parse(environ.get('LAB_SHAPE') ?? 'null') as { name?: unknown } | null)?.name;
    } catch {
      continue;
    }
    if (unit && shapeName === shape) found.push({ pid: Number(entry), shape, unit });
  }
  return found.sort((a, b) => a.pid - b.pid);
}

/**
 * CPU time a process has consumed so far, user and system, all its threads, in milliseconds
 * (resolution: one clock tick, 10 ms).
 *
 * @example
 * ```ts
 * const before = readCpuMs(pid);
 * // ... load ...
 * readCpuMs(pid) - before; // CPU ms the load cost this process
 * ```
 */
export function readCpuMs(pid: number): number {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) throw new Error(`process ${pid} is gone: no /proc/${pid}/stat`);
  return (parseStat(stat).cpuTicks * 1000) / ticksPerSecond();
}

/**
 * The memory of a process now: RSS, PSS and USS from /proc/<pid>/smaps_rollup (Linux 4.14+).
 *
 * @example
 * ```ts
 * readMemory(pid); // { rssKiB: 63000, pssKiB: 41000, ussKiB: 38000 }
 * ```
 */
export function readMemory(pid: number): ProcessMemory {
  const rollup = readOrNull(`/proc/${pid}/smaps_rollup`);
  if (rollup === null) throw new Error(`cannot read /proc/${pid}/smaps_rollup (is the process gone, or is it not ours?)`);
  return parseSmapsRollup(rollup);
}
