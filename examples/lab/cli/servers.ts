/**
 * `npm run servers`: which PostgreSQL and which broker the lab uses here, each proved by a round
 * trip (a database created and dropped, a stream created, written, read and deleted). Under `CI=true`
 * a server that does not answer exits 2 with the command that starts it: CI never falls back.
 */
import { ServerUnavailableError } from '../infra/server-unavailable.ts';
import { probeServers } from '../infra/probe-servers.ts';

try {
  for (const line of await probeServers()) console.log(line);
} catch (error) {
  if (!(error instanceof ServerUnavailableError)) throw error;
  console.error(`error: ${error.message}`);
  process.exitCode = 2;
}
