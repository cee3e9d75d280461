/**
 * What a shared schema costs: the orders service renames a column in a migration, and the payments
 * service, which reads the orders total, keeps reading. Two layouts on real SQLite files:
 * - `shared table`: payments opens the orders file with its own connection and queries the table;
 * - `own table behind an API`: only orders opens its file; payments asks the orders API over HTTP.
 * In both, orders ships the migration together with its own queries (one unit, one deploy).
 */
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import path from 'node:path';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { listenOnLoopback } from '../lab/processes/serve.ts';
import type { SchemaChangeRow } from './report.ts';

const renameMigration = 'ALTER TABLE orders RENAME COLUMN total_cents TO amount_cents';

/** The orders service's side: its file, its migration, and its own query that follows the migration. */
function ordersStore(file: string, orderCount: number) {
  const db = new Database(file);
  db.exec('CREATE TABLE orders (id TEXT PRIMARY KEY, total_cents INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO orders (id, total_cents) VALUES (?, ?)');
  for (let i = 0; i < orderCount; i++) insert.run(`order-${i}`, 1000 + i);
  let totalColumn = 'total_cents';
  return {
    db,
    migrate() {
      db.exec(renameMigration);
      totalColumn = 'amount_cents';
    },
    totalOf: (orderId: string) => (db.prepare(`SELECT ${totalColumn} AS total FROM orders WHERE id = ?`).get(orderId) as { total: number }).total,
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
 * Runs both layouts in `dir` with `reads` reads by payments before and after the orders migration.
 *
 * @example
 * ```ts
 * const rows = await runSchemaChange(tmpDir, 20);
 * rows[0]; // { layout: 'shared table', reader: 'payments', failedBefore: 0, failedAfter: 20, ... }
 * ```
 */
export async function runSchemaChange(dir: string, reads: number): Promise<SchemaChangeRow[]> {
  const rows: SchemaChangeRow[] = [];
  const row = (layout: SchemaChangeRow['layout'], reader: string, failedBefore: number, failedAfter: number, errors: string[]) =>
    rows.push({ layout, reader, reads, failedBefore, failedAfter, firstError: errors[0] ?? null });

  // Shared table: a second connection to the same file, with its own SQL against the orders table.
  const shared = ordersStore(path.join(dir, 'shared-orders.db'), reads);
  const paymentsConnection = new Database(path.join(dir, 'shared-orders.db'));
  try {
    const paymentsRead = (orderId: string) => paymentsConnection.prepare('SELECT total_cents AS total FROM orders WHERE id = ?').get(orderId);
    const ordersErrors: string[] = [];
    const paymentsErrors: string[] = [];
    const ordersBefore = await countReads(reads, shared.totalOf, ordersErrors);
    const paymentsBefore = await countReads(reads, paymentsRead, paymentsErrors);
    shared.migrate();
    row('shared table', 'orders (owner)', ordersBefore, await countReads(reads, shared.totalOf, ordersErrors), ordersErrors);
    row('shared table', 'payments', paymentsBefore, await countReads(reads, paymentsRead, paymentsErrors), paymentsErrors);
  } finally {
    paymentsConnection.close();
    shared.db.close();
  }

  // Own table behind an API: the orders API keeps its contract (totalCents) whatever the column is called.
  const owned = ordersStore(path.join(dir, 'owned-orders.db'), reads);
  const app = new Hono().post('/orders/total', async (c) => {
    const { orderId } = await c.req.json<{ orderId: string }>();
    return c.json({ orderId, totalCents: owned.totalOf(orderId) });
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
    owned.migrate();
    row('own table behind an API', 'payments', before, await countReads(reads, paymentsRead, errors), errors);
  } finally {
    agent.destroy();
    await server.close();
    owned.db.close();
  }
  return rows;
}
