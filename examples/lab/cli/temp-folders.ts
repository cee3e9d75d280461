/**
 * The temporary folders a run makes, so that an interrupted run can remove them. An experiment
 * removes its own folder in a `finally`, but an interrupt stops the process without running it
 * (run-guard.ts exits from the signal handler, so that no experiment code runs after the signal),
 * and `micro-redundancy-*`, `micro-cd-*`, ... folders were left in the temporary folder.
 *
 * The folders are recorded where they are made, by wrapping `mkdtemp` of node:fs in this process,
 * rather than guessed from their names: experiments name them freely (`micro-cd-`,
 * `lab-no-shared-data-bundles-`), and another run on the machine may be making folders of the same
 * name at the same time.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const made = new Set<string>();
const listeners: Array<(folder: string) => void> = [];
let recording = false;

/** Whether `folder` lies in the temporary folder: only those are removed, never a folder of the repository. */
function inTemporaryFolder(folder: string): boolean {
  const relative = path.relative(os.tmpdir(), path.resolve(folder));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function remember(folder: unknown): void {
  if (typeof folder !== 'string' || !inTemporaryFolder(folder)) return;
  made.add(folder);
  for (const listener of listeners) listener(folder);
}

/**
 * Calls `listener` with each temporary folder recorded from now on (run-guard.ts tells its watchdog).
 *
 * @example
 * ```ts
 * onTemporaryFolder((folder) => watchdog.send({ folder }));
 * ```
 */
export function onTemporaryFolder(listener: (folder: string) => void): void {
  listeners.push(listener);
}

/**
 * From now on, records every folder this process makes with `mkdtemp` (sync, callback or promise)
 * in the temporary folder. `syncBuiltinESMExports` passes the wrapped functions on to modules that
 * import them by name (`import { mkdtempSync } from 'node:fs'`), even those already loaded.
 *
 * @example
 * ```ts
 * recordTemporaryFolders();
 * const dir = mkdtempSync(path.join(os.tmpdir(), 'micro-redundancy-')); // recorded
 * ```
 */
export function recordTemporaryFolders(): void {
  if (recording) return;
  recording = true;
  // A mutable view of node:fs: TypeScript types a module's functions as read-only.
  const patchable = fs as unknown as { mkdtempSync: typeof fs.mkdtempSync; mkdtemp: typeof fs.mkdtemp; promises: { mkdtemp: typeof fs.promises.mkdtemp } };
  const { mkdtempSync, mkdtemp } = fs;
  const promisesMkdtemp = fs.promises.mkdtemp;
  patchable.mkdtempSync = ((...args: Parameters<typeof mkdtempSync>) => {
    const folder = mkdtempSync(...args);
    remember(folder);
    return folder;
  }) as unknown as typeof mkdtempSync;
  patchable.mkdtemp = ((prefix: string, ...rest: unknown[]) => {
    const callback = rest.pop() as (error: NodeJS.ErrnoException | null, folder: string) => void;
    (mkdtemp as (...args: unknown[]) => void)(prefix, ...rest, (error: NodeJS.ErrnoException | null, folder: string) => {
      if (!error) remember(folder);
      callback(error, folder);
    });
  }) as unknown as typeof mkdtemp;
  patchable.promises.mkdtemp = (async (...args: Parameters<typeof promisesMkdtemp>) => {
    const folder = await promisesMkdtemp(...args);
    remember(folder);
    return folder;
  }) as unknown as typeof promisesMkdtemp;
  syncBuiltinESMExports();
}

/**
 * Removes every recorded folder that is still there (the run's `finally` removes them when it ends
 * normally) and returns those it removed.
 *
 * @example
 * ```ts
 * removeTemporaryFolders(); // ['/tmp/micro-redundancy-Xa81bQ']
 * ```
 */
export function removeTemporaryFolders(): string[] {
  const removed = [...made].filter((folder) => fs.existsSync(folder));
  for (const folder of removed) fs.rmSync(folder, { recursive: true, force: true });
  made.clear();
  return removed;
}
