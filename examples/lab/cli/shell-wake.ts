/**
 * Telling that the shell npm runs a script in was sent SIGINT, from below it.
 *
 * npm runs a script as `sh -c '<script>'` and relays a SIGINT it receives to that shell only. Debian's
 * sh is dash, which does not `exec` a script's last command: it stays, waiting for the command to
 * end. A non-interactive dash that receives SIGINT while it waits catches it, notes it, goes back to
 * waiting, and acts on it (by killing itself with SIGINT) only once its command has ended; it passes
 * nothing on. So a SIGINT to npm, or to its shell, reaches no process that could stop the run, and
 * the run would go on to its end, writing its evidence.
 *
 * What a process below can see is that the shell woke: a shell waiting for its one command sleeps in
 * `wait()` and wakes only for a signal it catches (dash catches SIGINT and SIGCHLD; ignored signals,
 * such as SIGWINCH, do not wake it) or for its command changing state. Linux counts every time a
 * process goes back to sleep of its own accord (`voluntary_ctxt_switches` in `/proc/<pid>/status`),
 * and reading that count does not wake it. So a shell whose count has grown while its command, this
 * run's tsx, kept running was sent SIGINT.
 *
 * One other wake: the run stopped with Ctrl-Z and resumed, where the shell is told (SIGCHLD) that its
 * command stopped and went on. The whole run is stopped too, so the look that follows comes late; a
 * look that comes much later than asked for starts counting again instead of concluding.
 *
 * Linux only: elsewhere there is no count to read, and macOS's sh (bash) `exec`s a script's one
 * command, so no shell is left waiting there.
 */
import { readProcFile } from '../processes/proc.ts';

/** One look at a shell: when, and how many times it had gone to sleep by then (null: not known). */
export interface ShellLook {
  readonly at: number;
  readonly sleeps: number | null;
}

/**
 * How many times a process has gone to sleep of its own accord since it started (Linux), or null:
 * elsewhere, or when the process has gone.
 *
 * @example
 * ```ts
 * voluntarySleeps(process.ppid); // 2 for a `sh -c` that has waited on its command ever since it started
 * ```
 */
export function voluntarySleeps(pid: number, platform: string = process.platform): number | null {
  if (platform !== 'linux') return null;
  const match = /^voluntary_ctxt_switches:\s*(\d+)$/m.exec(readProcFile(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * Looks at a shell now.
 *
 * @example
 * ```ts
 * const first = lookAtShell(shellPid); // { at: 1733462400000, sleeps: 2 }
 * ```
 */
export function lookAtShell(pid: number, platform: string = process.platform): ShellLook {
  return { at: Date.now(), sleeps: voluntarySleeps(pid, platform) };
}

/**
 * Whether a waiting shell was sent SIGINT between two looks taken `intervalMs` apart: it woke
 * meanwhile, and the second look came on time. A look more than four intervals late means this
 * process was stopped or starved meanwhile (Ctrl-Z, then `fg`): the shell may have woken because its
 * command stopped and went on, so nothing is concluded, and the late look becomes the new start.
 *
 * @example
 * ```ts
 * shellWasInterrupted({ at: 0, sleeps: 2 }, { at: 250, sleeps: 3 }, 250); // true
 * shellWasInterrupted({ at: 0, sleeps: 2 }, { at: 250, sleeps: 2 }, 250); // false
 * shellWasInterrupted({ at: 0, sleeps: 2 }, { at: 9000, sleeps: 4 }, 250); // false: this run was stopped meanwhile
 * ```
 */
export function shellWasInterrupted(before: ShellLook, after: ShellLook, intervalMs: number): boolean {
  if (before.sleeps === null || after.sleeps === null) return false;
  if (after.at - before.at > 4 * intervalMs) return false;
  return after.sleeps > before.sleeps;
}
