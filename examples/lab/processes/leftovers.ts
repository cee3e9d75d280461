import { spawnSync } from 'node:child_process';
import { leftoversFromCommands, type RunCommand } from './leftovers-commands.ts';
import { childProcesses as childrenOf, openFileTargets, readProcFile } from './proc.ts';

/**
 * What a process left running: child processes (`"<pid> <command line>"`) and listening TCP ports.
 * Read from /proc on Linux, asked of `ps` and `lsof` on macOS.
 */
export interface Leftovers {
  readonly childProcesses: readonly string[];
  readonly listeningPorts: readonly number[];
}

/** Linux: children from /proc/<pid>/stat, listening sockets from the process's fds and /proc/net/tcp{,6}. */
function leftoversFromProc(pid: number): Leftovers {
  const childProcesses = childrenOf(pid).map((child) => `${child.pid} ${child.argv.join(' ')}`.trim());
  const socketInodes = new Set(openFileTargets(pid).flatMap((target) => /^socket:\[(\d+)\]$/.exec(target)?.[1] ?? []));
  const listeningPorts: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (readProcFile(table) ?? '').split('\n').slice(1)) {
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
