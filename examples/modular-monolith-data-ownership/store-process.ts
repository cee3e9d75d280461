/**
 * What every process of this experiment does around its modules: open its one SQLite file, serve its
 * Hono app on 127.0.0.1, report its port to the parent over IPC, and close cleanly on SIGTERM or when the
 * parent goes away. A planned crash skips all of that: SIGKILL leaves the file as the last commit left it.
 */
import Database from 'better-sqlite3';
import type { Hono } from 'hono';
import { listenOnLoopback } from '../lab/network/http-transport.ts';

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

/**
 * Serves `app` until SIGTERM or until the parent disconnects, then closes the server, `onStop`'s
 * resources and the database, and exits.
 *
 * @example
 * ```ts
 * await serveUntilStopped(app, db, () => agent.destroy());
 * ```
 */
export async function serveUntilStopped(app: Hono, db: Database.Database, onStop: () => void = () => {}): Promise<void> {
  const server = await listenOnLoopback(app);
  process.send?.({ port: server.port });
  const stop = async () => {
    onStop();
    await server.close();
    db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('disconnect', () => void stop());
}
