import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { streamPrefix } from '../messaging/broker.ts';
import { openBroker } from '../messaging/open-broker.ts';
import { findServerLeftovers } from '../infra/server-leftovers.ts';
import { openPostgres } from '../state/postgres.ts';
import { createRunDatabase } from '../state/run-database.ts';
import { describeRemoval, removeServerLeftoversNow } from './server-cleanup.ts';

describe('removeServerLeftoversNow', () => {
  it('removes, from a child process this thread waits for, the database, roles and stream a run of this process left', async () => {
    const postgres = await openPostgres({ log: () => {} });
    const broker = await openBroker({ log: () => {} });
    const run = await createRunDatabase(postgres, 'stopped-midway');
    const stream = `${streamPrefix}${run.name}`;
    let removal: ReturnType<typeof removeServerLeftoversNow> | undefined;
    try {
      await run.provision('shared-database', ['orders', 'payments']);
      await broker.addStream(stream, [`${stream}.>`]);
      removal = removeServerLeftoversNow(process.pid);
      expect(removal).toEqual({
        removed: {
          databases: postgres.kind === 'server' ? [run.name] : [],
          roles: postgres.kind === 'server' ? [`${run.name}_orders`, `${run.name}_payments`] : [],
          streams: broker.kind === 'server' ? [stream] : [],
        },
      });
      expect(await findServerLeftovers(process.pid)).toEqual({ databases: [], roles: [], streams: [] });
    } finally {
      if (!removal || broker.kind !== 'server') await broker.deleteStream(stream).catch(() => undefined);
      if (!removal || postgres.kind !== 'server') await run.drop();
      await broker.close();
      await postgres.close();
    }
  }, 30_000);
});

describe('remove-server-leftovers.ts', () => {
  const remover = fileURLToPath(new URL('./remove-server-leftovers.ts', import.meta.url));
  it.each([[[]], [['0']], [['12x']], [['--say']], [['42', '--json']], [['42', '43']]])('refuses %j with exit status 2 and its usage', (args) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', remover, ...args], { encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(/^usage: remove-server-leftovers\.ts <pid> \[--say\]/);
    expect(child.stdout).toBe('');
  });
});

describe('describeRemoval', () => {
  it('counts what was removed, in words', () => {
    expect(describeRemoval({ removed: { databases: ['a'], roles: ['a_x', 'a_y'], streams: [] } }, 7)).toBe('removed 1 database, 2 roles and 0 streams it had created on the servers');
  });

  it('says why it could not, and how to find what is left', () => {
    expect(describeRemoval({ failed: 'permission denied to drop database' }, 7)).toBe('could not remove what it had created on the servers (permission denied to drop database): their names start with lab_ or LAB_ and hold _7_');
  });
});
