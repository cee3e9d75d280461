import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { leftoversFromCommands, type RunCommand } from './leftovers-commands.ts';
import { procStatFields } from './proc-stat.ts';

/**
 * What a process left running: child processes (`"<pid> <command line>"`) and listening TCP ports.
 * Read from /proc on Linux, asked of `ps` and `lsof` on macOS.
 */
export interface Leftovers {
  readonly childProcesses: readonly string[];
  readonly listeningPorts: readonly number[];
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Linux: children from /proc/<pid>/stat, listening sockets from the process's fds and /proc/net/tcp{,6}. */
function leftoversFromProc(pid: number): Leftovers {
  const childProcesses: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrEmpty(`/proc/${entry}/stat`);
    const [state, ppid] = procStatFields(stat);
    if (Number(ppid) === pid && state !== 'Z') childProcesses.push(`${entry} ${readOrEmpty(`/proc/${entry}/cmdline`).split('\0').join(' ').trim()}`);
  }
  const socketInodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) socketInodes.add(inode);
    } catch {
      // The descriptor closed while we were listing: it cannot be a leftover.
    }
  }
  const listeningPorts: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readOrEmpty(table).split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [localAddress, state, inode] = [fields[1], fields[3], fields[9]];
      if (state === '0A' && inode && socketInodes.has(inode) && localAddress) listeningPorts.push(Number.parseInt(localAddress.split(':')[1] ?? '0', 16));
    }
  }
  return { childProcesses, listeningPorts: listeningPorts.sort((a, b) => a - b) };
}

const runCommand: RunCommand = (command, args) => {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return { pid: run.pid, status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '', error: run.error };
};

/**
 * Lists the live child processes and the listening sockets of a process, so that a test can prove
 * it stopped everything it started. Linux and macOS; elsewhere it throws, saying so.
 *
 * @example
 * ```ts
 * expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
 * ```
 */
export function findLeftovers(pid: number = process.pid, platform: string = process.platform): Leftovers {
  if (platform === 'linux') return leftoversFromProc(pid);
  if (platform === 'darwin') return leftoversFromCommands(pid, runCommand);
  throw new Error(`the leak check reads /proc on Linux and asks ps and lsof on macOS; it cannot look on ${platform}`);
}
