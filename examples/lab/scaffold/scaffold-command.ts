import os from 'node:os';
import { ScaffoldError } from './scaffold-input.ts';

const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs a scaffolder command (`npm run new:comparison`, `npm run new:claim`) and exits with its
 * status: 0 when it wrote the scaffold, 2 when it refused the request (a {@link ScaffoldError}: the
 * message says what to change, nothing was written), 1 when a write failed (the files written so far
 * are removed again, and the message says so).
 *
 * Ctrl-C or a kill never stops it half-way: the plan is written synchronously, and while it runs a
 * stop signal only waits, so it is handled once the scaffold is complete (or was never started).
 *
 * @example
 * ```ts
 * runScaffoldCommand('new:claim', () => writePlan(repoRoot, planClaim(repoRoot, comparison, id, says)), (written) => `created ${written.length} files`);
 * ```
 */
export function runScaffoldCommand(name: string, write: () => string[], report: (written: string[]) => string): void {
  let finished = false;
  const onStop = (signal: NodeJS.Signals) => {
    console.error(`${name}: stopped by ${signal} ${finished ? 'after the scaffold was written in full' : 'before anything was written'}`);
    // 128 + the signal's number, as a shell reports a process killed by it (130 for SIGINT, 143 for SIGTERM).
    process.exit(128 + os.constants.signals[signal]);
  };
  for (const signal of stopSignals) process.on(signal, onStop);
  let status: number;
  try {
    const written = write();
    finished = true;
    console.log(report(written));
    status = 0;
  } catch (error) {
    if (error instanceof ScaffoldError) {
      console.error(`${name}: ${error.message}`);
      status = 2;
    } else {
      const code = (error as NodeJS.ErrnoException).code;
      console.error(`${name}: could not write the scaffold${code ? ` (${code})` : ''}: ${(error as Error).message}\nWhat it had written was removed again.`);
      status = 1;
    }
  }
  // A stop signal that arrived while the plan was written is handled now, before the exit: it was
  // queued for the event loop, which runs once more here.
  setImmediate(() => process.exit(status));
}
