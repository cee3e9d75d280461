/**
 * Removing what an interrupted run left on the servers, from inside the interrupt: run-guard.ts stops
 * a run synchronously (no code of the experiment may run after the signal), so the asynchronous
 * drops run in a child process (remove-server-leftovers.ts) that this one waits for.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerLeftovers } from '../infra/server-leftovers.ts';

const removerFile = fileURLToPath(new URL('./remove-server-leftovers.ts', import.meta.url));

/** How long the removal may take: two servers, each answering within a second or refused at once. */
const removalBoundMs = 15_000;

/** What a removal did: what it removed, or why it could not. */
export type Removal = { readonly removed: ServerLeftovers } | { readonly failed: string };

/**
 * Removes what the runs of process `pid` left on the servers, in this process, and says what it did
 * rather than throwing. The servers' clients are loaded only when it is called: the commands that
 * import this file should not pay for them at start-up.
 *
 * @example
 * ```ts
 * await removalOf(4242); // { removed: { databases: [], roles: [], streams: ['LAB_calls_4242_9f1c2a3b'] } }
 * ```
 */
export async function removalOf(pid: number): Promise<Removal> {
  try {
    const { removeServerLeftovers } = await import('../infra/server-leftovers.ts');
    return { removed: await removeServerLeftovers(pid) };
  } catch (error) {
    return { failed: (error as Error).message };
  }
}

/**
 * Removes, synchronously, the databases, roles and streams the run of process `pid` left on the
 * servers: a child process does the drops while this thread waits, so nothing else of this process
 * runs meanwhile.
 *
 * @example
 * ```ts
 * removeServerLeftoversNow(process.pid); // { removed: { databases: ['lab_orders_4242_9f1c2a3b'], roles: [...], streams: [] } }
 * ```
 */
export function removeServerLeftoversNow(pid: number): Removal {
  // tsx's loader as a URL: --import takes a URL or a bare name, and the bare name would be looked up from the working folder.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawnSync(process.execPath, ['--import', tsx, removerFile, String(pid)], { encoding: 'utf8', timeout: removalBoundMs, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.error) return { failed: child.error.message };
  try {
    // The remover prints its Removal as JSON, what it removed or why it could not (exit status 1).
    return JSON.parse(child.stdout) as Removal;
  } catch {
    return { failed: child.stderr.trim() || `exit status ${child.status ?? child.signal}` };
  }
}

/**
 * One line for the reader about a removal.
 *
 * @example
 * ```ts
 * describeRemoval({ removed: { databases: ['lab_a_1_ff'], roles: ['lab_a_1_ff_orders'], streams: [] } }, 1); // 'removed 1 database, 1 role and 0 streams it had created on the servers'
 * ```
 */
export function describeRemoval(removal: Removal, pid: number): string {
  if ('failed' in removal) return `could not remove what it had created on the servers (${removal.failed}): their names start with lab_ or LAB_ and hold _${pid}_`;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const { databases, roles, streams } = removal.removed;
  return `removed ${count(databases.length, 'database', 'databases')}, ${count(roles.length, 'role', 'roles')} and ${count(streams.length, 'stream', 'streams')} it had created on the servers`;
}
