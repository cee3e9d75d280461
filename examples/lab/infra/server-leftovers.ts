import pg from 'pg';
import { streamPrefix } from '../messaging/broker.ts';
import { connectJetStream, defaultNatsUrl } from '../messaging/jetstream-broker.ts';
import { defaultPostgresUrl } from '../state/postgres.ts';
import { runPrefix } from '../state/run-database.ts';

/** What runs of one process left on the servers. */
export interface ServerLeftovers {
  readonly databases: readonly string[];
  readonly roles: readonly string[];
  readonly streams: readonly string[];
}

/**
 * The databases, roles and streams that runs of process `pid` left on the servers the lab uses
 * (their names carry the process id), for a test file to prove it removed what it created. A server
 * that does not answer has nothing to check: an embedded stand-in ends with its process.
 *
 * @example
 * ```ts
 * expect(await findServerLeftovers(process.pid)).toEqual({ databases: [], roles: [], streams: [] });
 * ```
 */
export function findServerLeftovers(pid: number, env: NodeJS.ProcessEnv = process.env): Promise<ServerLeftovers> {
  return visitServerLeftovers(pid, env, false);
}

/**
 * Removes what runs of process `pid` left on the servers, and says what it removed: its databases
 * (`WITH (FORCE)`, which ends the sessions still connected to them), then their roles, then its
 * streams. For a run that was stopped before it could drop them itself (`npm run example` or `npm run
 * evidence` interrupted, see cli/run-guard.ts). A server that does not answer is left alone.
 *
 * @example
 * ```ts
 * await removeServerLeftovers(4242); // { databases: ['lab_no_shared_data_4242_9f1c2a3b'], roles: [...], streams: [] }
 * ```
 */
export function removeServerLeftovers(pid: number, env: NodeJS.ProcessEnv = process.env): Promise<ServerLeftovers> {
  return visitServerLeftovers(pid, env, true);
}

async function visitServerLeftovers(pid: number, env: NodeJS.ProcessEnv, remove: boolean): Promise<ServerLeftovers> {
  const mine = (name: string) => name.includes(`_${pid}_`);
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  let databases: string[] = [];
  let roles: string[] = [];
  const client = new pg.Client({ connectionString: env.LAB_POSTGRES_URL || defaultPostgresUrl, connectionTimeoutMillis: 1_000 });
  let connected = false;
  try {
    await client.connect();
    connected = true;
    databases = (await client.query<{ name: string }>(`SELECT datname AS name FROM pg_database WHERE datname LIKE '${runPrefix}%'`)).rows.map((row) => row.name).filter(mine);
    roles = (await client.query<{ name: string }>(`SELECT rolname AS name FROM pg_roles WHERE rolname LIKE '${runPrefix}%'`)).rows.map((row) => row.name).filter(mine);
    if (remove) {
      // A role cannot be dropped while a database grants it something: the databases go first.
      for (const name of databases) await client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
      for (const name of roles) await client.query(`DROP ROLE IF EXISTS ${quoted(name)}`);
    }
  } catch (error) {
    // No server answers: nothing of this process can be on it. One that answers and refuses a drop says why.
    if (remove && connected) throw error;
  } finally {
    await client.end().catch(() => {});
  }
  let streams: string[] = [];
  const broker = await connectJetStream(env.LAB_NATS_URL || defaultNatsUrl, 1_000).catch(() => undefined);
  if (broker) {
    try {
      streams = (await broker.streams()).filter((name) => name.startsWith(streamPrefix) && mine(name));
      if (remove) for (const name of streams) await broker.deleteStream(name);
    } finally {
      await broker.close();
    }
  }
  return { databases: databases.sort(), roles: roles.sort(), streams: streams.sort() };
}
