/**
 * What every process of this experiment does before it serves its modules (with the lab's
 * `serveUntilStopped`, which closes the file on SIGTERM or when the parent goes away): open its one
 * SQLite file. A planned crash skips the closing: SIGKILL leaves the file as the last commit left it.
 */
import Database from 'better-sqlite3';

/**
 * Opens the file named by the environment variable `variable`, or exits if the process was not started
 * by the experiment.
 *
 * @example
 * ```ts
 * const db = openStore('CHECKOUT_DB');
 * ```
 */
export function openStore(variable: string): Database.Database {
  const file = process.env[variable];
  if (!file || !process.send) {
    console.error(`start me through startService: ${variable} and an IPC channel are required`);
    process.exit(2);
  }
  const db = new Database(file);
  // WAL with synchronous=NORMAL: a commit survives the process being killed (it is in the OS's cache);
  // only a power cut could lose the last commits, and this experiment kills processes, not machines.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}
