import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModuleBoundaryError, moduleTables, tablesOpenedBy } from './module-tables.ts';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE orders_orders (id TEXT PRIMARY KEY, status TEXT); CREATE TABLE payments_payments (order_id TEXT PRIMARY KEY, amount INTEGER); CREATE INDEX payments_by_amount ON payments_payments (amount)');
});
afterEach(() => db.close());

describe('tablesOpenedBy', () => {
  it('reads the tables a statement opens from its bytecode, indexes counted as their table', () => {
    expect(tablesOpenedBy(db, 'SELECT status FROM orders_orders WHERE id = ?')).toEqual(['orders_orders']);
    expect(tablesOpenedBy(db, 'SELECT COUNT(*) FROM payments_payments WHERE amount > ?')).toEqual(['payments_payments']);
    // A reference hidden in a subquery is still an open in the bytecode.
    expect(tablesOpenedBy(db, "UPDATE orders_orders SET status = 'paid' WHERE EXISTS (SELECT 1 FROM payments_payments WHERE order_id = ?)")).toEqual(['orders_orders', 'payments_payments']);
  });
});

describe('moduleTables', () => {
  it('lets a module prepare statements on its own tables and records what they opened', () => {
    const orders = moduleTables(db, 'orders');
    orders.prepare('INSERT INTO orders_orders (id, status) VALUES (?, ?)').run('o1', 'new');
    expect(orders.audit()).toEqual({ owner: 'orders', statements: 1, tables: ['orders_orders'] });
  });

  it("refuses a statement that opens another module's table, even inside a subquery or a join", () => {
    const payments = moduleTables(db, 'payments');
    expect(() => payments.prepare('SELECT * FROM orders_orders')).toThrow(ModuleBoundaryError);
    expect(() => payments.prepare('SELECT p.amount FROM payments_payments p JOIN orders_orders o ON o.id = p.order_id')).toThrow(/may not open orders_orders/);
    expect(payments.audit().statements).toBe(0);
  });

  it('refuses a definition of a foreign table, a cross-module foreign key, a trigger or a view, and leaves the schema as it was', () => {
    const payments = moduleTables(db, 'payments');
    const before = db.prepare('SELECT name FROM sqlite_schema ORDER BY name').all();
    expect(() => payments.define('CREATE TABLE orders_extra (id TEXT)')).toThrow(ModuleBoundaryError);
    expect(() => payments.define('CREATE VIEW payments_view AS SELECT 1')).toThrow(/view payments_view/);
    expect(() => payments.define("CREATE TRIGGER payments_t AFTER INSERT ON payments_payments BEGIN UPDATE orders_orders SET status = 'paid'; END")).toThrow(/trigger/);
    expect(db.prepare('SELECT name FROM sqlite_schema ORDER BY name').all()).toEqual(before);
    db.pragma('foreign_keys = ON');
    payments.define('CREATE TABLE payments_refs (order_id TEXT REFERENCES orders_orders (id))');
    // The reference is in the schema, but every write that would check it is refused.
    expect(() => payments.prepare('INSERT INTO payments_refs (order_id) VALUES (?)')).toThrow(/orders_orders/);
  });
});
