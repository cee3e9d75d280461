/**
 * The processes of this machine as the commands' interrupt handling needs them: who is whose parent,
 * in which process group, and whether a PID still names the same live process. Read from /proc on
 * Linux and asked of `ps` elsewhere (macOS). Only the commands use it (run-guard.ts): no experiment
 * imports it, so it is not part of any evidence's source hash.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { processArgv, processStartTicks, procStatFields, readProcFile } from '../processes/proc.ts';

/** One live process. */
export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** Start time in clock ticks since boot (Linux), so that a PID reused by a new process is not taken for the old one; null elsewhere. */
  readonly startTicks: number | null;
}

/** Linux: every process's /proc/<pid>/stat; a process that ends during the walk, or a zombie, is left out. */
function procTable(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProcFile(`/proc/${name}/stat`);
    if (stat === null) continue;
    const fields = procStatFields(stat);
    // A zombie has exited: it only waits for its parent to read its status.
    if (fields[0] === 'Z') continue;
    entries.push({ pid: Number(name), ppid: Number(fields[1]), pgid: Number(fields[2]), startTicks: Number(fields[19]) });
  }
  return entries;
}

/** Elsewhere: one `ps` over every process. */
function psTable(): ProcessEntry[] {
  const ps = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat='], { encoding: 'utf8' });
  if (ps.status !== 0) throw new Error(`ps -A failed: ${ps.stderr || ps.error?.message}`);
  return ps.stdout.split('\n').flatMap((line) => {
    const [pid, ppid, pgid, stat] = line.trim().split(/\s+/);
    // ps lists itself, a child of this process that has ended by now: it is not one of the run's.
    return pid && ppid && pgid && !stat?.startsWith('Z') && Number(pid) !== ps.pid ? [{ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), startTicks: null }] : [];
  });
}

/**
 * Every live (not zombie) process of the machine, with its parent and process group.
 *
 * @example
 * ```ts
 * readProcessTable().find((entry) => entry.pid === process.pid); // { pid: 4242, ppid: 4241, pgid: 4200, startTicks: 123456 }
 * ```
 */
export function readProcessTable(platform: string = process.platform): ProcessEntry[] {
  return platform === 'linux' ? procTable() : psTable();
}

/**
 * The processes below `pid` in `table`, children before grandchildren; `pid` itself is not one.
 *
 * @example
 * ```ts
 * descendantsOf(process.pid, readProcessTable()).map((entry) => entry.pid); // [4300, 4301, 4310]
 * ```
 */
export function descendantsOf(pid: number, table: readonly ProcessEntry[]): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  const parents = new Set([pid]);
  for (let added = true; added; ) {
    added = false;
    for (const entry of table) {
      if (parents.has(entry.ppid) && !parents.has(entry.pid)) {
        found.push(entry);
        parents.add(entry.pid);
        added = true;
      }
    }
  }
  return found;
}

/**
 * Whether a process seen earlier is still alive: the same PID, not a zombie, and (on Linux) the
 * same start time, so that a PID the system has since given to another process does not count.
 *
 * @example
 * ```ts
 * const [unit] = descendantsOf(process.pid, readProcessTable());
 * stillRunning(unit, readProcessTable()); // true until it exits
 * ```
 */
export function stillRunning(seen: ProcessEntry, table: readonly ProcessEntry[]): boolean {
  return table.some((entry) => entry.pid === seen.pid && entry.startTicks === seen.startTicks);
}

/**
 * Whether one process seen earlier is still alive, looking at that process alone (cheap enough to ask
 * several times a second): on Linux its /proc/<pid>/stat, not a zombie and with the same start time;
 * elsewhere whether a signal could reach its PID.
 *
 * @example
 * ```ts
 * const [launcher] = launchChain(process.pid, readProcessTable());
 * isAlive(launcher); // false once tsx, its shell or npm has exited
 * ```
 */
export function isAlive(seen: ProcessEntry, platform: string = process.platform): boolean {
  // processStartTicks is null for a process that has gone or is a zombie.
  if (platform === 'linux') return processStartTicks(seen.pid) === seen.startTicks;
  try {
    process.kill(seen.pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: the PID names another user's process, so ours has gone and it was reused.
    return false;
  }
}

/**
 * The command line of a process, one entry per argument ([] when it has gone). Elsewhere than Linux
 * `ps` gives it as one line, split here at spaces.
 *
 * @example
 * ```ts
 * argvOf(process.ppid); // ['node', '/repo/node_modules/.bin/tsx', 'examples/lab/cli/run-example.ts', 'nano-chaining']
 * ```
 */
export function argvOf(pid: number, platform: string = process.platform): string[] {
  if (platform === 'linux') return processArgv(pid) ?? [];
  const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  return ps.status === 0 ? ps.stdout.trim().split(' ') : [];
}

/** What started a command on the way down from `npm run`: npm itself, the shell npm runs the script in, or tsx. */
export type Launcher = 'npm' | 'shell' | 'tsx';

const shells = ['sh', 'dash', 'bash', 'zsh', 'ash', 'ksh'];

/**
 * Which launcher a command line is, if any: `npm run evidence` (npm sets its title to that), `node
 * /usr/lib/node_modules/npm/bin/npm-cli.js run evidence`, `sh -c tsx ...`, `node
 * node_modules/.bin/tsx ...` or `node .../tsx/dist/cli.mjs ...`.
 *
 * @example
 * ```ts
 * launcherOf(['npm run evidence']); // 'npm'
 * launcherOf(['sh', '-c', 'tsx examples/lab/cli/write-evidence.ts']); // 'shell'
 * launcherOf(['node', '/repo/node_modules/.bin/tsx', 'examples/lab/cli/run-example.ts']); // 'tsx'
 * launcherOf(['bash']); // undefined
 * ```
 */
export function launcherOf(argv: readonly string[]): Launcher | undefined {
  // npm sets its process title, which Linux then shows as one argument: 'npm run evidence'.
  if (/^np[mx] /.test(argv[0] ?? '')) return 'npm';
  const runsNode = ['node', 'nodejs'].includes(path.basename(argv[0] ?? ''));
  const program = (runsNode ? argv[1] : argv[0]) ?? '';
  const name = path.basename(program);
  if (['npm', 'npm-cli.js', 'npx', 'npx-cli.js'].includes(name)) return 'npm';
  if (name === 'tsx' || /[\\/]tsx[\\/]dist[\\/]cli\.[cm]?js$/.test(program)) return 'tsx';
  if (!runsNode && shells.includes(name) && argv[1] === '-c') return 'shell';
  return undefined;
}

/**
 * The processes that launched this one, nearest first, as far up as `npm run` (included): a tsx CLI
 * parent, then the `sh -c` npm runs a script in, then npm. It stops at the first process that is none
 * of these (a terminal's shell, a test runner, a CI step), which is not part of the run: a run started
 * with `nohup`, or from a script that then ends, must go on when that process goes. A shell counts
 * only when npm started it, for the same reason.
 *
 * @example
 * ```ts
 * // under `npm run evidence -- nano-chaining`:
 * launchChain(process.pid, readProcessTable()).map((entry) => entry.pid); // [tsx, sh, npm]
 * ```
 */
export function launchChain(pid: number, table: readonly ProcessEntry[], argv: (pid: number) => readonly string[] = argvOf): ProcessEntry[] {
  const byPid = new Map(table.map((entry) => [entry.pid, entry]));
  const chain: ProcessEntry[] = [];
  for (let parent = byPid.get(byPid.get(pid)?.ppid ?? -1); parent && parent.pid > 1; parent = byPid.get(parent.ppid)) {
    const launcher = launcherOf(argv(parent.pid));
    if (launcher === undefined) break;
    if (launcher === 'shell' && launcherOf(argv(parent.ppid)) !== 'npm') break;
    chain.push(parent);
    if (launcher === 'npm') break;
  }
  return chain;
}
