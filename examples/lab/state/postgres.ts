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
import { chooseServer, type ChooseOptions, type ServerRole } from '../infra/choose-server.ts';

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

/** The server at `url`, or a rejection when none answers within `timeoutMs`. */
async function connectServer(url: string, timeoutMs: number): Promise<PostgresBackend> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    const version = `PostgreSQL ${(rows[0]?.server_version ?? 'unknown').split(' ')[0]}`;
    return { kind: 'server', version, adminUrl: url, close: async () => {} };
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

/** PostgreSQL as `chooseServer` picks it. */
const postgresRole: ServerRole<PostgresBackend> = {
  role: 'postgres',
  name: 'PostgreSQL',
  envPrefix: 'LAB_POSTGRES',
  defaultUrl: defaultPostgresUrl,
  startCommand: startPostgresCommand,
  connect: (url) => connectServer(url, 2_000),
  startEmbedded: startEmbeddedPostgres,
  addressOf: (backend) => backend.adminUrl.replace(/\/\/[^@/]*@/, '//'),
};

/**
 * The PostgreSQL the lab uses (`chooseServer`): `LAB_POSTGRES_URL` when set (it must answer); the
 * project's server on 127.0.0.1:5432 when it answers; otherwise PGlite on a loopback port, unless
 * `CI=true`. `LAB_POSTGRES=embedded` asks for PGlite even when a server answers.
 *
 * @example
 * ```ts
 * const backend = await openPostgres();
 * backend.kind; // 'server' on the project's machines, 'embedded' on a laptop without PostgreSQL
 * ```
 */
export function openPostgres(options: ChooseOptions = {}): Promise<PostgresBackend> {
  return chooseServer(postgresRole, options);
}
