/**
 * Which PostgreSQL and which broker a run used, so that its evidence says so: `openPostgres` and
 * `openBroker` record each one they open, and `npm run evidence` puts the list in the stamp, where
 * the claims check refuses figures about data or messaging produced on the embedded stand-ins.
 */

/** One server a run used. */
export interface UsedServer {
  readonly role: 'postgres' | 'broker';
  readonly kind: 'server' | 'embedded';
  /** What answered, with its version. */
  readonly version: string;
  /** `comparison`: opened only to be measured beside the one the figures come from (an embedded stand-in beside the server). */
  readonly purpose?: 'comparison';
}

const used: UsedServer[] = [];
let createdOnServers = false;

/**
 * Notes that this process created a database, a role or a stream on a server, so that the check after
 * a test file looks for leftovers only where something could be left.
 *
 * @example
 * ```ts
 * noteCreatedOnServer();
 * ```
 */
export function noteCreatedOnServer(): void {
  createdOnServers = true;
}

/**
 * Whether this process has created anything on a server since it started.
 *
 * @example
 * ```ts
 * if (hasCreatedOnServers()) await findServerLeftovers(process.pid);
 * ```
 */
export function hasCreatedOnServers(): boolean {
  return createdOnServers;
}

/**
 * Records a server this process opened (once per role, kind and version).
 *
 * @example
 * ```ts
 * recordServer({ role: 'postgres', kind: 'server', version: 'PostgreSQL 15.14' });
 * ```
 */
export function recordServer(server: UsedServer): void {
  if (!used.some((known) => known.role === server.role && known.kind === server.kind && known.version === server.version && known.purpose === server.purpose)) used.push(server);
}

/**
 * The servers recorded since the last {@link clearUsedServers}, in the order they were opened.
 *
 * @example
 * ```ts
 * usedServers(); // [{ role: 'postgres', kind: 'server', version: 'PostgreSQL 15.14' }, ...]
 * ```
 */
export function usedServers(): UsedServer[] {
  return [...used];
}

/**
 * Forgets the recorded servers: `npm run evidence` does it before each experiment.
 *
 * @example
 * ```ts
 * clearUsedServers();
 * ```
 */
export function clearUsedServers(): void {
  used.length = 0;
}
