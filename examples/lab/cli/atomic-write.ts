/**
 * Writing a file so that a reader, or a run stopped halfway, never sees half of it.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes `text` to a temporary file beside `file` (same folder, so the same file system), then
 * renames it onto `file`: a rename within a file system replaces the old file in one step, so
 * `file` holds either its old bytes or all of the new ones. If the write fails (disk full), the
 * temporary file is removed and `file` is left as it was.
 *
 * An interrupt cannot land between the write and the rename: both run in one synchronous stretch,
 * and run-guard.ts handles a signal on the event loop, then exits without returning to this code.
 * Only a SIGKILL or a crash of the machine mid-write can leave the temporary file, named
 * `.<name>.<pid>.tmp` so that it is hidden and says which run left it.
 *
 * @example
 * ```ts
 * writeFileAtomically('/repo/evidence/nano-chaining.json', `${JSON.stringify(evidence, null, 2)}\n`);
 * ```
 */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
