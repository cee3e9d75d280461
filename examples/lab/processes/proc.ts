/**
 * The lab's one reader of Linux's /proc: what a process is (parent, state, start time, command line),
 * what it has cost (CPU time, memory) and which files it holds open. Every experiment that reads
 * /proc reads it through here, so each file is parsed one way. Linux only: elsewhere these throw or
 * find nothing, and the experiments that call them declare `needs: { platforms: ['linux'] }`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The text of a /proc file, or null when it cannot be read (the process has gone, or is not ours).
 *
 * @example
 * ```ts
 * readProcFile(`/proc/${pid}/cmdline`); // 'node\0unit.cjs\0' or null
 * ```
 */
export function readProcFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The fields of a `/proc/<pid>/stat` line after the command name, which may itself hold spaces and
 * parentheses: index 0 is the state (field 3 of proc(5)), 1 the parent PID, 11 and 12 utime and
 * stime, 19 the start time in clock ticks.
 *
 * @example
 * ```ts
 * procStatFields('42 (my (node)) S 7 42')[1]; // '7'
 * ```
 */
export function procStatFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ');
}

/**
 * The parent PID, state and CPU clock ticks (utime + stime, all threads) of a `/proc/<pid>/stat` line.
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

/** Memory of one process, in KiB. */
export interface ProcessMemory {
  /** Resident set: every page in RAM the process maps, shared or not. What `ps` and `top` show. */
  readonly rssKiB: number;
  /** Proportional set: private pages plus each shared page divided by the processes sharing it. Sums to the RAM a group of processes uses. */
  readonly pssKiB: number;
  /** Unique set: private pages only, what the machine gets back when this process exits. */
  readonly ussKiB: number;
}

/**
 * RSS, PSS and USS (Private_Clean + Private_Dirty) from a `/proc/<pid>/smaps_rollup` file, in KiB.
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

/**
 * The memory of a process now: RSS, PSS and USS from `/proc/<pid>/smaps_rollup` (Linux 4.14+).
 * Throws when the process has gone or is not ours.
 *
 * @example
 * ```ts
 * readMemory(pid); // { rssKiB: 63000, pssKiB: 41000, ussKiB: 38000 }
 * ```
 */
export function readMemory(pid: number): ProcessMemory {
  const rollup = readProcFile(`/proc/${pid}/smaps_rollup`);
  if (rollup === null) throw new Error(`cannot read /proc/${pid}/smaps_rollup (is the process gone, or is it not ours?)`);
  return parseSmapsRollup(rollup);
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
  const stat = readProcFile(`/proc/${pid}/stat`);
  if (stat === null) throw new Error(`process ${pid} is gone: no /proc/${pid}/stat`);
  return (parseStat(stat).cpuTicks * 1000) / ticksPerSecond();
}

/**
 * CPU time a process has consumed so far, all its live threads, in microseconds, to the nanosecond
 * the scheduler counts (the first field of each `/proc/<pid>/task/<tid>/schedstat`). Finer than
 * {@link readCpuMs}'s 10 ms clock ticks, which a window of a few dozen requests needs; a thread that
 * has exited is no longer counted, so read it across a window in which the process keeps its
 * threads (Node's are long-lived).
 *
 * @example
 * ```ts
 * const before = readCpuUs(pid);
 * // ... load ...
 * readCpuUs(pid) - before; // CPU µs the load cost this process
 * ```
 */
export function readCpuUs(pid: number): number {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    throw new Error(`process ${pid} is gone: no /proc/${pid}/task`);
  }
  let ns = 0;
  for (const thread of threads) {
    const schedstat = readProcFile(`/proc/${pid}/task/${thread}/schedstat`);
    // A thread that ended between the listing and the read has nothing left to count.
    if (schedstat !== null) ns += Number(schedstat.split(' ')[0]);
  }
  return ns / 1000;
}

/**
 * The start time of a process in clock ticks since boot (field 22 of `/proc/<pid>/stat`), or null if
 * no such process is alive. A PID reused by a new process gets a new start time.
 *
 * @example
 * ```ts
 * processStartTicks(process.pid); // e.g. 1234567
 * processStartTicks(2 ** 22 + 1); // null
 * ```
 */
export function processStartTicks(pid: number): number | null {
  const stat = readProcFile(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = procStatFields(stat);
  const ticks = Number(fields[19]);
  return fields[0] === 'Z' || !Number.isFinite(ticks) ? null : ticks;
}

/**
 * The command line of a process, one entry per argument (from `/proc/<pid>/cmdline`); null if it is gone.
 *
 * @example
 * ```ts
 * processArgv(unit.pid); // ['node', '/tmp/mm-deploys-x/microservices-billing.r3.cjs']
 * ```
 */
export function processArgv(pid: number): string[] | null {
  const cmdline = readProcFile(`/proc/${pid}/cmdline`);
  return cmdline === null ? null : cmdline.split('\0').filter((arg, index, all) => arg !== '' || index < all.length - 1);
}

/**
 * The live (not zombie) children of a process, each with its command line, read from every
 * `/proc/<pid>/stat`.
 *
 * @example
 * ```ts
 * childProcesses(process.pid); // [{ pid: 4242, argv: ['node', 'unit.cjs'] }]
 * ```
 */
export function childProcesses(parentPid: number): Array<{ readonly pid: number; readonly argv: readonly string[] }> {
  const children: Array<{ pid: number; argv: string[] }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcFile(`/proc/${entry}/stat`);
    if (stat === null) continue;
    const [state, ppid] = procStatFields(stat);
    if (Number(ppid) === parentPid && state !== 'Z') children.push({ pid: Number(entry), argv: processArgv(Number(entry)) ?? [] });
  }
  return children;
}

/**
 * Where each open file descriptor of a process points (`/tmp/x/orders.db`, `socket:[1234]`),
 * read from `/proc/<pid>/fd`; empty for a process that has gone. A descriptor closed while it is
 * being read is left out.
 *
 * @example
 * ```ts
 * openFileTargets(process.pid); // ['/dev/null', 'socket:[81234]', ...]
 * ```
 */
export function openFileTargets(pid: number): string[] {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  return fds.flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return []; // The descriptor closed between the listing and the read.
    }
  });
}
