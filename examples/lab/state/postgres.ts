/**
 * Where the lab keeps state: a PostgreSQL server when one answers (the project's machines and CI
 * start one on 127.0.0.1:5432), or PGlite served on a loopback port when none does, so that the same
 * `pg` code runs on a laptop with nothing installed. The lab says on stderr which one it uses, and
 * evidence records it: published figures about data come from the server.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { ServerUnavailableError } from '../infra/server-unavailable.ts';
import { recordServer } from '../infra/used-servers.ts';

/** Which PostgreSQL answers the lab: a server, or the embedded stand-in. */
export interface PostgresBackend {
  readonly kind: 'server' | 'embedded';
  /** What answers, with its version: `PostgreSQL 15.14` or `PGlite 0.5.14 (PostgreSQL 17.5)`. */
  readonly version: string;
  /** A superuser's connection string to the maintenance database (`postgres`). */
  readonly adminUrl: string;
  /** Stops the embedded server (a server's own life is not the lab's). */
  close(): Promise<void>;
}

/** What the project's machines start: trust auth for `postgres` on loopback. */
export const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** How to start the project's PostgreSQL again (shared/services.md). */
export const startPostgresCommand = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

/** The server's version, or the reason it does not answer within `timeoutMs`. */
async function serverVersion(url: string, timeoutMs: number): Promise<string | Error> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return `PostgreSQL ${(rows[0]?.server_version ?? 'unknown').split(' ')[0]}`;
  } catch (error) {
    return error as Error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The installed PGlite's version, from its package.json (which the package does not export): found above its entry file. */
function pgliteVersion(): string {
  for (let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === '@electric-sql/pglite') return manifest.version ?? 'unknown';
  }
  return 'unknown';
}

/**
 * PGlite in this process, served on 127.0.0.1 at a port the OS picks, so that `pg` clients (and
 * child processes given its URL) reach it like a server.
 *
 * @example
 * ```ts
 * const embedded = await startEmbeddedPostgres();
 * embedded.adminUrl; // 'postgres://postgres@127.0.0.1:41234/postgres'
 * await embedded.close();
 * ```
 */
export async function startEmbeddedPostgres(): Promise<PostgresBackend> {
  const db = await PGlite.create();
  // PGlite is one session; the socket server multiplexes clients onto it, one query at a time.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  await server.start();
  const address = server.getServerConn();
  const port = Number(address.split(':').at(-1));
  const { rows } = await db.query<{ server_version: string }>('SHOW server_version');
  return {
    kind: 'embedded',
    version: `PGlite ${pgliteVersion()} (PostgreSQL ${rows[0]?.server_version ?? 'unknown'})`,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * The PostgreSQL the lab uses, chosen in this order: `LAB_POSTGRES_URL` when set (it must answer);
 * the project's server on 127.0.0.1:5432 when it answers; otherwise PGlite on a loopback port,
 * unless `CI=true`, where a server that does not answer is an error naming the command that starts
 * it (CI never falls back). `LAB_POSTGRES=embedded` asks for PGlite even when a server answers.
 * `log` is told which one it is (stderr by default); `defaultUrl` replaces the project's address (for tests).
 *
 * @example
 * ```ts
 * const backend = await openPostgres();
 * backend.kind; // 'server' on the project's machines, 'embedded' on a laptop without PostgreSQL
 * ```
 */
export async function openPostgres(options: { readonly env?: NodeJS.ProcessEnv; readonly log?: (line: string) => void; readonly defaultUrl?: string } = {}): Promise<PostgresBackend> {
  const backend = await choosePostgres(options);
  recordServer({ role: 'postgres', kind: backend.kind, version: backend.version });
  return backend;
}

async function choosePostgres(options: { readonly env?: NodeJS.ProcessEnv; readonly log?: (line: string) => void; readonly defaultUrl?: string }): Promise<PostgresBackend> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (env.LAB_POSTGRES === 'embedded') {
    const embedded = await startEmbeddedPostgres();
    log(`lab: PostgreSQL: embedded ${embedded.version} at ${embedded.adminUrl} (LAB_POSTGRES=embedded)`);
    return embedded;
  }
  const fallbackUrl = options.defaultUrl ?? defaultPostgresUrl;
  const url = env.LAB_POSTGRES_URL || fallbackUrl;
  const version = await serverVersion(url, 2_000);
  if (typeof version === 'string') {
    log(`lab: PostgreSQL: ${version} at ${url.replace(/\/\/[^@/]*@/, '//')}`);
    return { kind: 'server', version, adminUrl: url, close: async () => {} };
  }
  if (env.LAB_POSTGRES_URL) throw new ServerUnavailableError(`LAB_POSTGRES_URL (${env.LAB_POSTGRES_URL}) does not answer: ${version.message}. Start that server, or unset LAB_POSTGRES_URL to use 127.0.0.1:5432 or the embedded PGlite.`);
  if (env.CI === 'true') {
    throw new ServerUnavailableError(`PostgreSQL does not answer at ${new URL(fallbackUrl).host} (${version.message}); CI never falls back to the embedded PGlite. Start it with: ${startPostgresCommand}`);
  }
  const embedded = await startEmbeddedPostgres();
  log(`lab: PostgreSQL: no server answers at ${new URL(fallbackUrl).host}, so the lab uses embedded ${embedded.version} at ${embedded.adminUrl}; published evidence needs the server`);
  return embedded;
}
