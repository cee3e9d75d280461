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
export async function findServerLeftovers(pid: number, env: NodeJS.ProcessEnv = process.env): Promise<ServerLeftovers> {
  const mine = (name: string) => name.includes(`_${pid}_`);
  let databases: string[] = [];
  let roles: string[] = [];
  const client = new pg.Client({ connectionString: env.LAB_POSTGRES_URL || defaultPostgresUrl, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    databases = (await client.query<{ name: string }>(`SELECT datname AS name FROM pg_database WHERE datname LIKE '${runPrefix}%'`)).rows.map((row) => row.name).filter(mine);
    roles = (await client.query<{ name: string }>(`SELECT rolname AS name FROM pg_roles WHERE rolname LIKE '${runPrefix}%'`)).rows.map((row) => row.name).filter(mine);
  } catch {
    // No server answers: nothing of this process can be on it.
  } finally {
    await client.end().catch(() => {});
  }
  let streams: string[] = [];
  const broker = await connectJetStream(env.LAB_NATS_URL || defaultNatsUrl, 1_000).catch(() => undefined);
  if (broker) {
    try {
      streams = (await broker.streams()).filter((name) => name.startsWith(streamPrefix) && mine(name));
    } finally {
      await broker.close();
    }
  }
  return { databases: databases.sort(), roles: roles.sort(), streams: streams.sort() };
}
