/**
 * What a process left running, asked of `ps` and `lsof` where there is no /proc (macOS). The parsing
 * is kept in pure functions so that it is tested with sample outputs on any machine.
 */

/** What running a command gave: its PID (so that `ps` can leave itself out), exit status and output. */
export interface CommandRun {
  readonly pid: number | undefined;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the command could not be started at all (not installed). */
  readonly error?: Error;
}

/** Runs a command to completion; `spawnSync` in the lab, a fake in the tests. */
export type RunCommand = (command: string, args: readonly string[]) => CommandRun;

/** `ps -A -o pid=,ppid=,stat=,command=`: every process, no header, the command line last (it may hold spaces). */
export const psArgs = ['-A', '-o', 'pid=,ppid=,stat=,command='] as const;

/**
 * `lsof -nP -a -p <pid> -iTCP -sTCP:LISTEN -F n`: the listening TCP sockets of one process, as
 * field output (`p<pid>`, then per socket `f<fd>` in lsof 4.88 to 4.93, which macOS ships, and
 * `n<address>:<port>`), numeric hosts and ports.
 *
 * @example
 * ```ts
 * lsofArgs(4242); // ['-nP', '-a', '-p', '4242', '-iTCP', '-sTCP:LISTEN', '-F', 'n']
 * ```
 */
export function lsofArgs(pid: number): string[] {
  return ['-nP', '-a', '-p', String(pid), '-iTCP', '-sTCP:LISTEN', '-F', 'n'];
}

/**
 * The live children of `parentPid` in the output of `ps -A -o pid=,ppid=,stat=,command=`, as
 * `"<pid> <command line>"`. Zombies (a state starting with Z) are left out: they have exited and
 * hold nothing. `ignorePid` leaves out the `ps` that produced the listing, itself a child.
 *
 * @example
 * ```ts
 * childProcessesFromPs('  812   700 S+   node unit.js --port 0\n  813   700 Z    (node)\n  900   812 S    sleep 9', 700);
 * // ['812 node unit.js --port 0']
 * ```
 */
export function childProcessesFromPs(output: string, parentPid: number, ignorePid?: number): string[] {
  const children: string[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    if (!match) continue;
    const [, pid, ppid, state, command = ''] = match;
    if (Number(ppid) !== parentPid || Number(pid) === ignorePid || state?.startsWith('Z')) continue;
    children.push(`${pid} ${command.trim()}`.trim());
  }
  return children;
}

/**
 * The ports in `lsof -F n` output, sorted: the number after the last colon of each `n` field
 * (`n127.0.0.1:3000`, `n*:3000`, `n[::1]:3000`). Other fields (`p`, `f`) are skipped.
 *
 * @example
 * ```ts
 * listeningPortsFromLsof('p4242\nf22\nn127.0.0.1:43001\nf23\nn[::1]:43002\n'); // [43001, 43002]
 * ```
 */
export function listeningPortsFromLsof(output: string): number[] {
  const ports: number[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('n')) continue;
    const port = Number(line.slice(line.lastIndexOf(':') + 1));
    if (Number.isInteger(port) && port > 0) ports.push(port);
  }
  return ports.sort((a, b) => a - b);
}

function failure(command: string, run: CommandRun): Error {
  if (run.error) return new Error(`the leak check runs ${command}, which could not start: ${run.error.message}`);
  return new Error(`the leak check ran ${command}, which exited ${run.status}: ${run.stderr.trim()}`);
}

/**
 * The live children and listening TCP ports of `pid`, from `ps` and `lsof` (macOS, where there is no
 * /proc). lsof exits 1, silent, when the process listens on nothing: that is an answer, not a failure.
 *
 * @example
 * ```ts
 * leftoversFromCommands(process.pid, runCommand); // { childProcesses: [], listeningPorts: [] }
 * ```
 */
export function leftoversFromCommands(pid: number, run: RunCommand): { childProcesses: string[]; listeningPorts: number[] } {
  const ps = run('ps', psArgs);
  if (ps.error || ps.status !== 0) throw failure('ps', ps);
  const lsof = run('lsof', lsofArgs(pid));
  const nothingListens = lsof.status === 1 && lsof.stdout.trim() === '' && lsof.stderr.trim() === '';
  if (lsof.error || (lsof.status !== 0 && !nothingListens)) throw failure('lsof', lsof);
  return { childProcesses: childProcessesFromPs(ps.stdout, pid, ps.pid), listeningPorts: listeningPortsFromLsof(lsof.stdout) };
}
