import { afterAll, expect } from 'vitest';
import { hasCreatedOnServers } from './examples/lab/infra/used-servers.ts';
import { findLeftovers } from './examples/lab/processes/leftovers.ts';

// Every test file must stop every server and process it started, even when it fails. The check reads
// /proc on Linux and asks ps and lsof on macOS (examples/lab/processes/leftovers.ts).
afterAll(() => {
  expect(findLeftovers(), 'a test file left a process or a listening port behind').toEqual({ childProcesses: [], listeningPorts: [] });
});

// Nor may it leave a database, a role or a stream on PostgreSQL or NATS: each run's names carry the
// process id of the worker that made them (examples/lab/infra/server-leftovers.ts). A file that never
// created anything on a server has nothing to look for, and does not load the clients to look.
afterAll(async () => {
  if (!hasCreatedOnServers()) return;
  const { findServerLeftovers } = await import('./examples/lab/infra/server-leftovers.ts');
  expect(await findServerLeftovers(process.pid), 'a test file left a database, a role or a stream behind').toEqual({ databases: [], roles: [], streams: [] });
});
