import { describe, expect, it } from 'vitest';
import { streamPrefix } from '../messaging/broker.ts';
import { openBroker } from '../messaging/open-broker.ts';
import { openPostgres } from '../state/postgres.ts';
import { createRunDatabase } from '../state/run-database.ts';
import pg from 'pg';
import { findServerLeftovers, removeServerLeftovers } from './server-leftovers.ts';

describe('findServerLeftovers', () => {
  it('finds the database, roles and stream a run of this process has not removed yet, and nothing once they are gone', async () => {
    const postgres = await openPostgres({ log: () => {} });
    const broker = await openBroker({ log: () => {} });
    const run = await createRunDatabase(postgres, 'leftover-check');
    const stream = `${streamPrefix}${run.name}`;
    try {
      await run.provision('database-per-service', ['orders']);
      await broker.addStream(stream, [`${stream}.>`]);
      const found = await findServerLeftovers(process.pid);
      if (postgres.kind === 'server') expect(found.databases).toEqual([run.name]);
      if (postgres.kind === 'server') expect(found.roles).toEqual([`${run.name}_orders`]);
      if (broker.kind === 'server') expect(found.streams).toEqual([stream]);
      // Another process's names are not this one's.
      expect(await findServerLeftovers(process.pid + 1)).toEqual({ databases: [], roles: [], streams: [] });
    } finally {
      await broker.deleteStream(stream);
      await run.drop();
      await broker.close();
      await postgres.close();
    }
    expect(await findServerLeftovers(process.pid)).toEqual({ databases: [], roles: [], streams: [] });
  }, 30_000);

  it('removes what a run stopped midway left: its database while a session is still in it, its roles and its stream', async () => {
    const postgres = await openPostgres({ log: () => {} });
    const broker = await openBroker({ log: () => {} });
    const run = await createRunDatabase(postgres, 'interrupted-run');
    const stream = `${streamPrefix}${run.name}`;
    let session: pg.Client | undefined;
    let removed = false;
    try {
      const [orders] = await run.provision('database-per-service', ['orders']);
      await broker.addStream(stream, [`${stream}.>`]);
      if (postgres.kind === 'server' && orders) {
        // A unit's session that nothing closed: a plain DROP DATABASE would refuse while it is there.
        session = new pg.Client({ connectionString: orders.url });
        session.on('error', () => undefined); // the drop ends it
        await session.connect();
      }
      const gone = await removeServerLeftovers(process.pid);
      removed = true;
      expect(gone).toEqual({
        databases: postgres.kind === 'server' ? [run.name] : [],
        roles: postgres.kind === 'server' ? [`${run.name}_orders`] : [],
        streams: broker.kind === 'server' ? [stream] : [],
      });
      expect(await findServerLeftovers(process.pid)).toEqual({ databases: [], roles: [], streams: [] });
    } finally {
      await session?.end().catch(() => undefined);
      if (!removed || broker.kind !== 'server') await broker.deleteStream(stream).catch(() => undefined);
      if (!removed || postgres.kind !== 'server') await run.drop();
      await broker.close();
      await postgres.close();
    }
  }, 30_000);
});
