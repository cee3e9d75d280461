/**
 * A database of one run, with the units' schemas and roles in it, dropped afterwards (also after a
 * failed run), so that runs and tests never see each other's rows. Two layouts:
 * - `database-per-service`: each unit its own schema and its own role, and no grant on any other
 *   unit's schema: a read across units fails with PostgreSQL's permission error, so the database
 *   enforces the boundary, not a convention;
 * - `shared-database`: one schema that every unit's role reads and writes.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { noteCreatedOnServer } from '../infra/used-servers.ts';
import type { PostgresBackend } from './postgres.ts';

/** How the units' state is laid out. */
export type DatabaseLayout = 'database-per-service' | 'shared-database';

/** What one unit connects with: its role, the schema its tables live in, and a connection string. */
export interface UnitDatabase {
  readonly unit: string;
  readonly role: string;
  readonly schema: string;
  /** Connects as `role` to the run's database. */
  readonly url: string;
  /** True on the embedded PGlite, whose one session every client shares (see {@link openUnitStore}). */
  readonly embedded: boolean;
}

/** A database created for one run. */
export interface RunDatabase {
  readonly name: string;
  readonly backend: PostgresBackend;
  /** A superuser's connection string to this database. */
  readonly adminUrl: string;
  /** Creates each unit's role and schema (once per run) and says how each connects. */
  provision(layout: DatabaseLayout, units: readonly string[]): Promise<UnitDatabase[]>;
  /**
   * A unit that holds several modules (a modular monolith): a login role of its own that is a member
   * of each module's role, so that one transaction can write every module's schema, each module's
   * statements running as the module ({@link asModule}). The modules come from `provision`.
   */
  provisionModularUnit(unit: string, modules: readonly UnitDatabase[]): Promise<UnitDatabase>;
  /** The schemas among `schemas` that `role` may use (its own, and those of the roles it is a member of). */
  schemasReachable(role: string, schemas: readonly string[]): Promise<string[]>;
  /** Drops the database and every role created for it. Safe to call twice. */
  drop(): Promise<void>;
}

/** The run each embedded backend holds (one at a time). */
const embeddedRuns = new WeakMap<PostgresBackend, string>();

/** Every run's database and roles start with this, so that leftovers can be found. */
export const runPrefix = 'lab_';

/** A PostgreSQL identifier from a name: lower case, letters, digits and underscores. */
const identifier = (name: string) => name.toLowerCase().replace(/[^a-z0-9_]/g, '_');

/** Double-quoted, for names the lab built itself. */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The same connection string for another user and database. */
function urlFor(base: string, user: string, database: string): string {
  const url = new URL(base);
  url.username = user;
  url.password = '';
  url.pathname = `/${database}`;
  return url.toString();
}

async function asAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database for one run, named `lab_<label>_<pid>_<random>`. Call `drop()` when the run ends,
 * or use {@link withRunDatabase}, which does.
 *
 * @example
 * ```ts
 * const run = await createRunDatabase(backend, 'no-shared-data');
 * const [orders, payments] = await run.provision('database-per-service', ['orders', 'payments']);
 * await run.drop();
 * ```
 */
export async function createRunDatabase(backend: PostgresBackend, label: string): Promise<RunDatabase> {
  // The process id in the name tells whose run it is: a test file's check finds what its worker left.
  const name = `${runPrefix}${identifier(label).slice(0, 30)}_${process.pid}_${randomBytes(4).toString('hex')}`;
  // PGlite has one database whatever a client names, so the schemas of two runs would meet there.
  if (backend.kind === 'embedded') {
    if (embeddedRuns.has(backend)) throw new Error(`the embedded PGlite holds one run at a time, and ${embeddedRuns.get(backend)} has not been dropped`);
    embeddedRuns.set(backend, name);
  }
  if (backend.kind === 'server') noteCreatedOnServer();
  await asAdmin(backend.adminUrl, (client) => client.query(`CREATE DATABASE ${quoted(name)}`));
  const adminUrl = urlFor(backend.adminUrl, new URL(backend.adminUrl).username || 'postgres', name);
  const roles: string[] = [];
  const embedded = backend.kind === 'embedded';
  let dropped = false;
  return {
    name,
    backend,
    adminUrl,
    async provision(layout, units) {
      const unitRoles = units.map((unit) => ({ unit, role: `${name}_${identifier(unit)}`.slice(0, 63) }));
      const databases = await asAdmin(adminUrl, async (client) => {
        // Nothing is created in `public` by anyone: every table lives in a schema the layout gives.
        await client.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
        for (const { role } of unitRoles) {
          await client.query(`CREATE ROLE ${quoted(role)} LOGIN`);
          roles.push(role);
          await client.query(`GRANT CONNECT ON DATABASE ${quoted(name)} TO ${quoted(role)}`);
        }
        if (layout === 'shared-database') {
          await client.query('CREATE SCHEMA shared');
          for (const { role } of unitRoles) await client.query(`GRANT USAGE, CREATE ON SCHEMA shared TO ${quoted(role)}`);
          // Each unit may read and write what the others create there: that is what sharing means.
          for (const { role: owner } of unitRoles) {
            for (const { role } of unitRoles) await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${quoted(owner)} IN SCHEMA shared GRANT ALL ON TABLES TO ${quoted(role)}`);
            await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${quoted(owner)} IN SCHEMA shared GRANT ALL ON SEQUENCES TO ${unitRoles.map(({ role }) => quoted(role)).join(', ')}`);
          }
          return unitRoles.map(({ unit, role }) => ({ unit, role, schema: 'shared', url: urlFor(backend.adminUrl, role, name), embedded }));
        }
        return Promise.all(
          unitRoles.map(async ({ unit, role }) => {
            const schema = identifier(unit);
            await client.query(`CREATE SCHEMA ${quoted(schema)} AUTHORIZATION ${quoted(role)}`);
            return { unit, role, schema, url: urlFor(backend.adminUrl, role, name), embedded };
          }),
        );
      });
      return databases;
    },
    async provisionModularUnit(unit, modules) {
      const role = `${name}_${identifier(unit)}`.slice(0, 63);
      await asAdmin(adminUrl, async (client) => {
        await client.query(`CREATE ROLE ${quoted(role)} LOGIN`);
        roles.push(role);
        await client.query(`GRANT CONNECT ON DATABASE ${quoted(name)} TO ${quoted(role)}`);
        for (const module of modules) await client.query(`GRANT ${quoted(module.role)} TO ${quoted(role)}`);
      });
      return { unit, role, schema: modules[0]?.schema ?? identifier(unit), url: urlFor(backend.adminUrl, role, name), embedded };
    },
    schemasReachable(role, schemas) {
      return asAdmin(adminUrl, async (client) => {
        const { rows } = await client.query<{ schema: string }>("SELECT s AS schema FROM unnest($2::text[]) AS s WHERE has_schema_privilege($1, s, 'USAGE') ORDER BY 1", [role, [...schemas]]);
        return rows.map((row) => row.schema);
      });
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        // What the roles own goes first (on PGlite it lives in its one database, not in the run's).
        await asAdmin(adminUrl, async (client) => {
          for (const role of roles) await client.query(`DROP OWNED BY ${quoted(role)} CASCADE`);
          await client.query('DROP SCHEMA IF EXISTS shared CASCADE');
        });
        await asAdmin(backend.adminUrl, async (client) => {
          await client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
          for (const role of roles) await client.query(`DROP ROLE IF EXISTS ${quoted(role)}`);
        });
      } finally {
        if (embeddedRuns.get(backend) === name) embeddedRuns.delete(backend);
      }
    },
  };
}

/**
 * Runs `work` with a database of its own and drops it afterwards, also when `work` throws.
 *
 * @example
 * ```ts
 * await withRunDatabase(backend, 'outbox', async (run) => { ... });
 * ```
 */
export async function withRunDatabase<T>(backend: PostgresBackend, label: string, work: (run: RunDatabase) => Promise<T>): Promise<T> {
  const run = await createRunDatabase(backend, label);
  try {
    return await work(run);
  } finally {
    await run.drop();
  }
}

/** What a unit's code runs queries through: its store, or a transaction's client. */
export interface Queryable {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<Row>>;
}

/** A unit's connection to its state: queries as its role, with its schema first on the search path. */
export interface UnitStore extends Queryable {
  readonly unit: UnitDatabase;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/**
 * A unit's store: a pool of connections as its role, its schema first on the search path. On the
 * embedded PGlite, one session serves every client (a role or search path set by one would hold for
 * all), so each query runs in a transaction that sets both for itself (`SET LOCAL`), which PGlite's
 * socket server keeps together: the permission checks are the server's.
 *
 * @example
 * ```ts
 * const store = openUnitStore(orders);
 * await store.query('CREATE TABLE orders (id text PRIMARY KEY)'); // in schema orders
 * await store.transaction(async (tx) => { await tx.query("INSERT INTO orders VALUES ('o-1')"); });
 * await store.end();
 * ```
 */
export function openUnitStore(unit: UnitDatabase, max = 4): UnitStore {
  const onServer = !unit.embedded;
  const pool = new pg.Pool({ connectionString: unit.url, max, ...(onServer ? { options: `-c search_path=${quoted(unit.schema)}` } : {}) });
  const asUnit = `SET LOCAL ROLE ${quoted(unit.role)}; SET LOCAL search_path TO ${quoted(unit.schema)}`;
  const transaction = async <T>(work: (client: Queryable) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      if (!onServer) await client.query(asUnit);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    unit,
    query: <Row extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
      onServer ? pool.query<Row>(text, values) : transaction((client) => client.query<Row>(text, values)),
    transaction,
    end: () => pool.end(),
  };
}

/**
 * Runs `work` as a module inside the caller's transaction: its role and its schema for the rest of
 * the transaction, or until another module's turn. PostgreSQL then refuses the module any table of
 * another module's schema, inside the one transaction that writes both.
 *
 * @example
 * ```ts
 * await store.transaction(async (tx) => {
 *   await asModule(tx, ordersModule, (q) => q.query("INSERT INTO orders (id) VALUES ('o-1')"));
 *   await asModule(tx, paymentsModule, (q) => q.query("INSERT INTO payments (order_id) VALUES ('o-1')"));
 * });
 * ```
 */
export async function asModule<T>(tx: Queryable, module: Pick<UnitDatabase, 'role' | 'schema'>, work: (q: Queryable) => Promise<T>): Promise<T> {
  await tx.query(`SET LOCAL ROLE ${quoted(module.role)}; SET LOCAL search_path TO ${quoted(module.schema)}`);
  return work(tx);
}

/**
 * The lab's databases and roles on a backend (names starting with `lab_`): what a run left behind.
 *
 * @example
 * ```ts
 * await labLeftovers(backend); // { databases: [], roles: [] }
 * ```
 */
export async function labLeftovers(backend: PostgresBackend): Promise<{ databases: string[]; roles: string[] }> {
  return asAdmin(backend.adminUrl, async (client) => {
    const databases = await client.query<{ name: string }>(`SELECT datname AS name FROM pg_database WHERE datname LIKE '${runPrefix}%' ORDER BY 1`);
    const roles = await client.query<{ name: string }>(`SELECT rolname AS name FROM pg_roles WHERE rolname LIKE '${runPrefix}%' ORDER BY 1`);
    return { databases: databases.rows.map((row) => row.name), roles: roles.rows.map((row) => row.name) };
  });
}
