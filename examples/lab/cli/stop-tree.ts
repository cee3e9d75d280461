/**
 * Stops every process below this one, synchronously: what a command does on an interrupt before it
 * exits. Synchronous on purpose: while it waits, no code of the experiment runs, so nothing can start
 * a new unit, restart a killed replica or write evidence behind its back.
 */
import { descendantsOf, readProcessTable, stillRunning, type ProcessEntry } from './process-table.ts';

const pollMs = 50;

/**
 * Blocks the thread for `ms` milliseconds. Node lets the main thread wait on an Atomics cell, which
 * sleeps without spinning the CPU.
 *
 * @example
 * ```ts
 * sleepSync(50);
 * ```
 */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function signal(entry: ProcessEntry, name: NodeJS.Signals): void {
  try {
    process.kill(entry.pid, name);
  } catch {
    // It exited between the listing and the signal: nothing to stop.
  }
}

/**
 * Sends SIGTERM to every descendant of `root` (units drain and exit on it), waits up to `graceMs`
 * for them to exit, then SIGKILLs what is left and waits up to `killMs` more. A process a descendant
 * starts meanwhile is found on the next look and stopped too; one whose parent has exited is still
 * followed by its PID. The processes in `spare` are left running (the run's watchdog). Returns the
 * processes that were stopped and those still alive at the end (none, unless one is stuck in the
 * kernel).
 *
 * @example
 * ```ts
 * const { stopped, left } = stopDescendants(process.pid);
 * console.error(`stopped ${stopped.length} processes`);
 * ```
 */
export function stopDescendants(
  root: number = process.pid,
  { graceMs = 2_500, killMs = 1_000, spare = [] as readonly number[] } = {},
): { stopped: ProcessEntry[]; left: ProcessEntry[] } {
  const seen = new Map<number, ProcessEntry>();
  let alive: ProcessEntry[] = [];
  const look = (signalName: NodeJS.Signals) => {
    const table = readProcessTable();
    for (const entry of descendantsOf(root, table)) {
      if (seen.has(entry.pid) || spare.includes(entry.pid)) continue;
      seen.set(entry.pid, entry);
      signal(entry, signalName);
    }
    alive = [...seen.values()].filter((entry) => stillRunning(entry, table));
  };
  look('SIGTERM');
  for (const deadline = Date.now() + graceMs; alive.length && Date.now() < deadline; look('SIGTERM')) sleepSync(pollMs);
  for (const entry of alive) signal(entry, 'SIGKILL');
  for (const deadline = Date.now() + killMs; alive.length && Date.now() < deadline; look('SIGKILL')) sleepSync(pollMs);
  return { stopped: [...seen.values()], left: alive };
}
