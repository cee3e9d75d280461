/**
 * What a shared schema costs: the orders service renames a column in a migration, and the payments
 * service, which reads the orders total, keeps reading. Two layouts in PostgreSQL:
 * - `shared table`: one schema both roles read and write; payments queries the orders table itself;
 * - `own table behind an API`: each service its own schema and role; payments asks the orders API over HTTP.
 * In both, orders ships the migration together with its own queries (one unit, one deploy).
 */
import { Hono } from 'hono';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { listenOnLoopback } from '../lab/processes/serve.ts';
import type { PostgresBackend } from '../lab/state/postgres.ts';
import { openUnitStore, withRunDatabase, type UnitStore } from '../lab/state/run-database.ts';
import type { SchemaChangeRow } from './report.ts';

const renameMigration = 'ALTER TABLE orders RENAME COLUMN total_cents TO amount_cents';

/** The orders service's side: its table, its migration, and its own query that follows the migration. */
async function ordersStore(store: UnitStore, orderCount: number) {
  await store.query('CREATE TABLE orders (id text PRIMARY KEY, total_cents integer NOT NULL)');
  await store.query('INSERT INTO orders (id, total_cents) SELECT $1 || i, 1000 + i FROM generate_series(0, $2 - 1) AS i', ['order-', orderCount]);
  let totalColumn = 'total_cents';
  return {
    async migrate() {
      await store.query(renameMigration);
      totalColumn = 'amount_cents';
    },
    totalOf: async (orderId: string) => (await store.query<{ total: number }>(`SELECT ${totalColumn} AS total FROM orders WHERE id = $1`, [orderId])).rows[0]?.total,
  };
}

async function countReads(reads: number, read: (orderId: string) => unknown, errors: string[]) {
  let failed = 0;
  for (let i = 0; i < reads; i++) {
    try {
      await read(`order-${i}`);
    } catch (error) {
      failed++;
      errors.push((error as Error).message);
    }
  }
  return failed;
}

/**
 * Runs both layouts, each in a run database of its own, with `reads` reads by payments before and
 * after the orders migration.
 *
 * @example
 * ```ts
 * const rows = await runSchemaChange(backend, 20);
 * rows[1]; // { layout: 'shared table', reader: 'payments', failedBefore: 0, failedAfter: 20, ... }
 * ```
 */
export async function runSchemaChange(backend: PostgresBackend, reads: number): Promise<SchemaChangeRow[]> {
  const rows: SchemaChangeRow[] = [];
  const row = (layout: SchemaChangeRow['layout'], reader: string, failedBefore: number, failedAfter: number, errors: string[]) =>
    rows.push({ layout, reader, reads, failedBefore, failedAfter, firstError: errors[0] ?? null });

  // Shared table: payments' own role, with its own SQL against the orders table in the shared schema.
  await withRunDatabase(backend, 'shared-table', async (run) => {
    const [ordersDb, paymentsDb] = await run.provision('shared-database', ['orders', 'payments']);
    const ordersConnection = openUnitStore(ordersDb!);
    const paymentsConnection = openUnitStore(paymentsDb!);
    try {
      const shared = await ordersStore(ordersConnection, reads);
      const paymentsRead = (orderId: string) => paymentsConnection.query('SELECT total_cents AS total FROM orders WHERE id = $1', [orderId]);
      const ordersErrors: string[] = [];
      const paymentsErrors: string[] = [];
      const ordersBefore = await countReads(reads, shared.totalOf, ordersErrors);
      const paymentsBefore = await countReads(reads, paymentsRead, paymentsErrors);
      await shared.migrate();
      row('shared table', 'orders (owner)', ordersBefore, await countReads(reads, shared.totalOf, ordersErrors), ordersErrors);
      row('shared table', 'payments', paymentsBefore, await countReads(reads, paymentsRead, paymentsErrors), paymentsErrors);
    } finally {
      await Promise.all([ordersConnection.end(), paymentsConnection.end()]);
    }
  });

  // Own table behind an API: the orders API keeps its contract (totalCents) whatever the column is called.
  await withRunDatabase(backend, 'own-table', async (run) => {
    const [ordersDb] = await run.provision('database-per-service', ['orders', 'payments']);
    const ordersConnection = openUnitStore(ordersDb!);
    const owned = await ordersStore(ordersConnection, reads);
    const app = new Hono().post('/orders/total', async (c) => {
      const { orderId } = await c.req.json<{ orderId: string }>();
      return c.json({ orderId, totalCents: await owned.totalOf(orderId) });
    });
    const server = await listenOnLoopback(app);
    const agent = keepAliveAgent();
    try {
      const paymentsRead = async (orderId: string) => {
        const { value } = await postJson(agent, server.port, '/orders/total', { orderId });
        if (typeof (value as { totalCents?: unknown }).totalCents !== 'number') throw new Error('the orders API answered without totalCents');
      };
      const errors: string[] = [];
      const before = await countReads(reads, paymentsRead, errors);
      await owned.migrate();
      row('own table behind an API', 'payments', before, await countReads(reads, paymentsRead, errors), errors);
    } finally {
      agent.destroy();
      await server.close();
      await ordersConnection.end();
    }
  });
  return rows;
}
