/**
 * What every process of this experiment does before it serves its modules (with the lab's
 * `serveUntilStopped`, which closes its connections on SIGTERM or when the parent goes away): open its
 * store as the role it was given, and learn its modules' roles and schemas. A planned crash skips the
 * closing: SIGKILL drops the connection, and PostgreSQL rolls back whatever transaction was open.
 */
import { openUnitStore, type UnitDatabase, type UnitStore } from '../lab/state/run-database.ts';

/** A process's store and its modules' roles and schemas, by module name. */
export interface ProcessStore {
  readonly store: UnitStore;
  readonly modules: Readonly<Record<string, UnitDatabase>>;
}

/**
 * Opens the store named by UNIT_DATABASE and the modules named by MODULES (both JSON), or exits if
 * the process was not started by the experiment.
 *
 * @example
 * ```ts
 * const { store, modules } = openProcessStore();
 * ```
 */
export function openProcessStore(): ProcessStore {
  const { UNIT_DATABASE: unit, MODULES: modules } = process.env;
  if (!unit || !modules || !process.send) {
    console.error('start me through startService: UNIT_DATABASE, MODULES and an IPC channel are required');
    process.exit(2);
  }
  return { store: openUnitStore(JSON.parse(unit) as UnitDatabase), modules: JSON.parse(modules) as Record<string, UnitDatabase> };
}
