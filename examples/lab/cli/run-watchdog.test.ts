import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { findServerLeftovers } from '../infra/server-leftovers.ts';

// A guarded run that made a database and a stream, then was killed outright (as tsx kills a command
// that has not acknowledged a relayed signal within 30 ms): nothing of its own can run, so its
// watchdog must remove what it made.
const run = `
  import { guardRun } from ${JSON.stringify(new URL('./run-guard.ts', import.meta.url).href)};
  import { openPostgres } from ${JSON.stringify(new URL('../state/postgres.ts', import.meta.url).href)};
  import { createRunDatabase } from ${JSON.stringify(new URL('../state/run-database.ts', import.meta.url).href)};
  import { openBroker } from ${JSON.stringify(new URL('../messaging/open-broker.ts', import.meta.url).href)};
  import { streamPrefix } from ${JSON.stringify(new URL('../messaging/broker.ts', import.meta.url).href)};
  guardRun();
  const postgres = await openPostgres({ log: () => {} });
  const broker = await openBroker({ log: () => {} });
  const database = await createRunDatabase(postgres, 'killed-run');
  await database.provision('database-per-service', ['orders']);
  await broker.addStream(streamPrefix + database.name, [streamPrefix + database.name + '.>']);
  console.log('made ' + postgres.kind + ' ' + broker.kind);
  setInterval(() => {}, 1000);
`;

describe('the watchdog of a run killed outright', () => {
  it('removes the database, roles and stream the run made on the servers', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', run], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // 'close': the run has exited and the watchdog, which writes to the same stderr, has too.
    const closed = once(child, 'close');
    try {
      for (const deadline = Date.now() + 30_000; !stdout.includes('made '); await new Promise((resolve) => setTimeout(resolve, 50))) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the run did not make its database and stream: ${stdout}${stderr}`);
      }
      // The guard tells its watchdog within one look (250 ms) that the run has made something on a server.
      await new Promise((resolve) => setTimeout(resolve, 600));
      if (/made (server|embedded server|server embedded)/.test(stdout)) expect(await findServerLeftovers(child.pid as number)).not.toEqual({ databases: [], roles: [], streams: [] });
    } finally {
      child.kill('SIGKILL');
    }
    await closed;
    const [, postgres, broker] = stdout.trim().split(' ');
    // On the embedded stand-ins (a laptop without the servers) nothing is made on a server, and nothing outlives the run.
    const onServer = (kind: string | undefined) => (kind === 'server' ? 1 : 0);
    const removal = postgres === 'server' || broker === 'server' ? `, removed ${onServer(postgres)} databases?, ${onServer(postgres)} roles? and ${onServer(broker)} streams? it had created on the servers` : '';
    expect(stderr).toMatch(new RegExp(`was killed before it could stop: removed 0 temporary folders${removal}; its units stop`));
    expect(await findServerLeftovers(child.pid as number)).toEqual({ databases: [], roles: [], streams: [] });
  }, 60_000);
});
