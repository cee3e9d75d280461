import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { procStatFields } from './proc-stat.ts';

/** What a process left running: child processes and listening TCP sockets. Linux only (/proc). */
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

/**
 * Lists the live child processes and the listening sockets of a process, so that a test can prove
 * it stopped everything it started.
 *
 * @example
 * ```ts
 * expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
 * ```
 */
export function findLeftovers(pid: number = process.pid): Leftovers {
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
