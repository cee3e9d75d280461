/**
 * How a module keeps its tables to itself when several modules share one SQLite file: every statement a
 * module prepares goes through {@link moduleTables}, which asks SQLite itself (the statement's EXPLAIN
 * bytecode) which tables and indexes the statement opens, and refuses it if any belongs to another module.
 * A table belongs to the module whose name prefixes it (`orders_…`, `payments_…`).
 */
import type Database from 'better-sqlite3';

/** Thrown when a module prepares a statement that would open another module's tables. */
export class ModuleBoundaryError extends Error {
  constructor(
    readonly owner: string,
    readonly foreignTables: readonly string[],
    readonly sql: string,
  ) {
    super(`the ${owner} module may not open ${foreignTables.join(', ')}: only ${owner}_* tables are its own (${sql})`);
    this.name = 'ModuleBoundaryError';
  }
}

/** What a module's statements opened, as SQLite compiled them. */
export interface TableAudit {
  readonly owner: string;
  /** Statements the module prepared, each checked. */
  readonly statements: number;
  /** Tables its statements opened (an index counts as its table). */
  readonly tables: readonly string[];
}

/** A module's view of a shared connection: it can define and use its own tables, and no others. */
export interface ModuleTables {
  readonly owner: string;
  /** Runs DDL that may create only tables and indexes whose table is the module's own. */
  define(ddl: string): void;
  /** Prepares a statement, or throws {@link ModuleBoundaryError} if it would open another module's table. */
  prepare(sql: string): Database.Statement;
  audit(): TableAudit;
}

interface Instruction {
  readonly opcode: string;
  readonly p2: number;
  readonly p3: number;
}

/** Compiles `EXPLAIN sql` and runs it with as many NULLs as it has parameters: SQLite knows the count, better-sqlite3 does not expose it. */
function bytecodeOf(db: Database.Database, sql: string): Instruction[] {
  const explain = db.prepare(`EXPLAIN ${sql}`);
  for (let parameters = 0; parameters <= 100; parameters++) {
    try {
      return explain.all(...new Array<null>(parameters).fill(null)) as Instruction[];
    } catch (error) {
      if (!/too few parameter/i.test((error as Error).message)) throw error;
    }
  }
  throw new Error(`cannot explain a statement with more than 100 parameters: ${sql}`);
}

/**
 * The tables (and the tables of the indexes) that `sql` opens, read from its bytecode: every
 * OpenRead/OpenWrite names a root page, and sqlite_schema says whose page it is. A statement on another
 * database of the connection (ATTACH, temp) is reported as that database, which no module owns.
 *
 * @example
 * ```ts
 * tablesOpenedBy(db, 'SELECT status FROM orders_orders WHERE id = ?'); // ['orders_orders']
 * ```
 */
export function tablesOpenedBy(db: Database.Database, sql: string): string[] {
  const owners = new Map<number, string>([[1, 'sqlite_schema']]);
  for (const { rootpage, tbl_name } of db.prepare('SELECT rootpage, tbl_name FROM main.sqlite_schema WHERE rootpage > 0').all() as Array<{ rootpage: number; tbl_name: string }>) {
    owners.set(rootpage, tbl_name);
  }
  const tables = new Set<string>();
  for (const op of bytecodeOf(db, sql)) {
    if (op.opcode !== 'OpenRead' && op.opcode !== 'OpenWrite' && op.opcode !== 'ReopenIdx') continue;
    tables.add(op.p3 === 0 ? (owners.get(op.p2) ?? `root page ${op.p2}`) : `database #${op.p3}`);
  }
  return [...tables].sort();
}

function schemaObjects(db: Database.Database): Map<string, { type: string; table: string }> {
  const rows = db.prepare('SELECT type, name, tbl_name FROM main.sqlite_schema').all() as Array<{ type: string; name: string; tbl_name: string }>;
  return new Map(rows.map((row) => [row.name, { type: row.type, table: row.tbl_name }]));
}

/**
 * A module's guarded view of a connection it may share with other modules. Statements are checked when
 * prepared (modules prepare theirs once, at start), so the check costs nothing per checkout. Triggers and
 * views are refused in `define`: their bodies run outside the statement that fires them, where the check
 * cannot see.
 *
 * @example
 * ```ts
 * const tables = moduleTables(db, 'payments');
 * tables.define('CREATE TABLE IF NOT EXISTS payments_payments (order_id TEXT PRIMARY KEY)');
 * tables.prepare('SELECT 1 FROM orders_orders'); // throws ModuleBoundaryError
 * ```
 */
export function moduleTables(db: Database.Database, owner: string): ModuleTables {
  const prefix = `${owner}_`;
  const opened = new Set<string>();
  let statements = 0;
  return {
    owner,
    define(ddl) {
      // DDL is transactional in SQLite: a refused definition leaves the schema as it was.
      const before = schemaObjects(db);
      db.exec('SAVEPOINT module_define');
      try {
        db.exec(ddl);
        const added = [...schemaObjects(db)].filter(([name]) => !before.has(name));
        const wrong = added.filter(([, object]) => (object.type !== 'table' && object.type !== 'index') || !object.table.startsWith(prefix));
        if (wrong.length) throw new ModuleBoundaryError(owner, wrong.map(([name, object]) => `${object.type} ${name} on ${object.table}`), ddl);
        db.exec('RELEASE module_define');
      } catch (error) {
        db.exec('ROLLBACK TO module_define; RELEASE module_define');
        throw error;
      }
    },
    prepare(sql) {
      const tables = tablesOpenedBy(db, sql);
      const foreign = tables.filter((table) => !table.startsWith(prefix));
      if (foreign.length) throw new ModuleBoundaryError(owner, foreign, sql);
      for (const table of tables) opened.add(table);
      statements++;
      return db.prepare(sql);
    },
    audit: () => ({ owner, statements, tables: [...opened].sort() }),
  };
}
