import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresBackend } from './postgres.ts';
import { createRunDatabase, labLeftovers, openUnitStore, withRunDatabase, type UnitStore } from './run-database.ts';

// The same tests on the project's server (when one answers; CI requires it) and on embedded PGlite.
describe.each([
  ['the server, or PGlite when none answers', {}],
  ['embedded PGlite', { LAB_POSTGRES: 'embedded' }],
])('a run database on %s', (_name, env) => {
  let backend: PostgresBackend;
  // This worker's databases and roles (other test files may be making theirs at the same time).
  const mine = async () => {
    const { databases, roles } = await labLeftovers(backend);
    const ours = (name: string) => name.includes(`_${process.pid}_`);
    return { databases: databases.filter(ours), roles: roles.filter(ours) };
  };
  beforeAll(async () => {
    backend = await openPostgres({ env: { ...process.env, ...env }, log: () => {} });
  }, 60_000);
  afterAll(async () => {
    // Every test's database and roles are gone: nothing is left on the server by this file.
    expect(await mine()).toEqual({ databases: [], roles: [] });
    await backend.close();
  });

  const withPools = async <T>(pools: UnitStore[], work: () => Promise<T>) => {
    try {
      return await work();
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  };

  it('gives each unit its own schema and role: a read across units fails with PostgreSQL’s permission error', async () => {
    await withRunDatabase(backend, 'per-service-test', async (run) => {
      const [orders, payments] = await run.provision('database-per-service', ['orders', 'payments']);
      expect(orders).toMatchObject({ unit: 'orders', schema: 'orders' });
      const ordersPool = openUnitStore(orders!);
      const paymentsPool = openUnitStore(payments!);
      await withPools([ordersPool, paymentsPool], async () => {
        await ordersPool.query('CREATE TABLE orders (id text PRIMARY KEY)');
        await ordersPool.query("INSERT INTO orders VALUES ('o-1')");
        expect((await ordersPool.query('SELECT id FROM orders')).rows).toEqual([{ id: 'o-1' }]);
        // A transaction as the unit: rolled back when it throws.
        await expect(
          ordersPool.transaction(async (tx) => {
            await tx.query("INSERT INTO orders VALUES ('o-2')");
            throw new Error('changed its mind');
          }),
        ).rejects.toThrow('changed its mind');
        expect((await ordersPool.query('SELECT count(*)::int AS n FROM orders')).rows).toEqual([{ n: 1 }]);
        await paymentsPool.query('CREATE TABLE payments (order_id text PRIMARY KEY)');
        const refused = await paymentsPool.query('SELECT id FROM orders.orders').then(
          () => undefined,
          (error: unknown) => error as { code?: string; message: string },
        );
        expect(refused?.code).toBe('42501');
        expect(refused?.message).toBe('permission denied for schema orders');
        // Nor can a unit write where it has no schema.
        await expect(paymentsPool.query('CREATE TABLE public.sneaky (x int)')).rejects.toThrow(/permission denied for schema public/);
      });
    });
  }, 60_000);

  it('shares one schema that every unit reads and writes in a shared database', async () => {
    await withRunDatabase(backend, 'shared-test', async (run) => {
      const [orders, payments] = await run.provision('shared-database', ['orders', 'payments']);
      expect(orders?.schema).toBe('shared');
      const ordersPool = openUnitStore(orders!);
      const paymentsPool = openUnitStore(payments!);
      await withPools([ordersPool, paymentsPool], async () => {
        await ordersPool.query('CREATE TABLE orders (id text PRIMARY KEY, paid boolean NOT NULL DEFAULT false)');
        await ordersPool.query("INSERT INTO orders VALUES ('o-1')");
        await paymentsPool.query("UPDATE orders SET paid = true WHERE id = 'o-1'");
        expect((await ordersPool.query('SELECT paid FROM orders')).rows).toEqual([{ paid: true }]);
      });
    });
  }, 60_000);

  it('drops the database and its roles also when the run throws, and dropping twice is harmless', async () => {
    let name = '';
    await expect(
      withRunDatabase(backend, 'failing-test', async (run) => {
        name = run.name;
        await run.provision('database-per-service', ['a']);
        throw new Error('the run failed');
      }),
    ).rejects.toThrow('the run failed');
    expect(name).toMatch(new RegExp(`^lab_failing_test_${process.pid}_[0-9a-f]{8}$`));
    const left = await labLeftovers(backend);
    expect(left.databases).not.toContain(name);
    expect(left.roles.filter((role) => role.startsWith(name))).toEqual([]);
    const run = await createRunDatabase(backend, 'twice');
    await run.drop();
    await run.drop();
  }, 60_000);
});
