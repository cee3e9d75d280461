import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const stopTimeoutMs = 3_000;

/**
 * Stops a child: SIGTERM, then SIGKILL if it has not exited within `timeoutMs`. Resolves at once for
 * a child that has already exited.
 *
 * @example
 * ```ts
 * await stopChild(child); // resolves once the process has exited
 * ```
 */
export async function stopChild(child: ChildProcess, timeoutMs = stopTimeoutMs): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
