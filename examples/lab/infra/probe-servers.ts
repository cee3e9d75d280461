import { streamPrefix } from '../messaging/broker.ts';
import { openBroker } from '../messaging/open-broker.ts';
import { openPostgres } from '../state/postgres.ts';
import { labLeftovers, withRunDatabase } from '../state/run-database.ts';

/**
 * Opens the lab's PostgreSQL and broker as a run would (see `openPostgres`, `openBroker`), proves
 * each with a round trip, and says what answered and what the lab has left on it; closes both.
 *
 * @example
 * ```ts
 * await probeServers(); // ['PostgreSQL: PostgreSQL 15.14 (server) ...', 'broker: NATS 2.10.x (JetStream) (server) ...']
 * ```
 */
export async function probeServers(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const lines: string[] = [];
  const postgres = await openPostgres({ env, log: () => {} });
  try {
    const rows = await withRunDatabase(postgres, 'probe', async (run) => {
      const [unit] = await run.provision('database-per-service', ['probe']);
      return unit ? 1 : 0;
    });
    const left = await labLeftovers(postgres);
    lines.push(`PostgreSQL: ${postgres.version} (${postgres.kind}) at ${postgres.adminUrl.replace(/\/\/[^@/]*@/, '//')}: a run database created and dropped (${rows} unit); lab databases left: ${left.databases.length}, roles left: ${left.roles.length}`);
  } finally {
    await postgres.close();
  }
  const broker = await openBroker({ env, log: () => {} });
  try {
    const stream = `${streamPrefix}probe_${process.pid}_${Date.now()}`;
    await broker.addStream(stream, [`${stream}.>`]);
    try {
      const first = await broker.publish(`${stream}.ping`, 'ping', 'ping-1');
      const again = await broker.publish(`${stream}.ping`, 'ping', 'ping-1');
      if (again.duplicate !== true || again.seq !== first.seq) throw new Error(`${broker.version} kept a republished message id (seq ${first.seq}, then ${again.seq})`);
    } finally {
      await broker.deleteStream(stream);
    }
    const left = (await broker.streams()).filter((name) => name.startsWith(streamPrefix));
    lines.push(`broker: ${broker.version} (${broker.kind}) at ${broker.url}: a stream created, a duplicate dropped, the stream deleted; lab streams left: ${left.length}`);
  } finally {
    await broker.close();
  }
  return lines;
}
