import { describe, expect, it } from 'vitest';
import { callEdges, callStep, cutUnit, graphShape, normaliseSystem, unitOf, writesPerRequest } from './system.ts';

const shop = normaliseSystem({
  name: 'shop',
  entry: 'checkout',
  operations: {
    checkout: { work: { cpuUs: { median: 300, p99: 3000 } }, calls: [{ sync: ['cart', 'catalog'] }, { sync: 'payment' }, { async: 'email' }] },
    cart: { work: { cpuUs: 100 }, state: ['carts'] },
    catalog: { work: { cpuUs: 150 } },
    payment: { work: { cpuUs: 400 }, calls: [{ sync: 'fraud' }] },
    email: { work: { cpuUs: 50 } },
    fraud: { work: { cpuUs: 80 } },
  },
  cuts: { microservices: [['checkout'], ['cart', 'catalog'], ['payment', 'fraud', 'email']] },
});

describe('normaliseSystem', () => {
  it('fills in what a file may leave out and puts the generated cuts first', () => {
    expect(shop.title).toBe('shop');
    expect(shop.operations.catalog).toEqual({ name: 'catalog', description: '', work: { cpuUs: 150 }, payloadBytes: 1500, state: [], calls: [] });
    expect(Object.keys(shop.cuts)).toEqual(['monolith', 'nanoservices', 'microservices']);
    expect(shop.cuts.monolith?.units).toEqual([{ name: 'shop', operations: ['checkout', 'cart', 'catalog', 'payment', 'email', 'fraud'] }]);
  });
});

describe('callStep and cutUnit', () => {
  it('read a step and a unit as a file writes them', () => {
    expect(callStep({ async: ['a', 'b'] })).toEqual({ mode: 'async', targets: ['a', 'b'] });
    expect(cutUnit({ name: 'shop', modules: { orders: ['a'], billing: ['b', 'c'] } })).toEqual({
      name: 'shop',
      operations: ['a', 'b', 'c'],
      modules: [
        { name: 'orders', operations: ['a'] },
        { name: 'billing', operations: ['b', 'c'] },
      ],
    });
  });
});

describe('callEdges and unitOf', () => {
  it('list every call with its step and how it is made', () => {
    expect(callEdges(shop)).toEqual([
      { from: 'checkout', to: 'cart', step: 0, mode: 'sync', parallel: true },
      { from: 'checkout', to: 'catalog', step: 0, mode: 'sync', parallel: true },
      { from: 'checkout', to: 'payment', step: 1, mode: 'sync', parallel: false },
      { from: 'checkout', to: 'email', step: 2, mode: 'async', parallel: false },
      { from: 'payment', to: 'fraud', step: 0, mode: 'sync', parallel: false },
    ]);
  });

  it('find the unit that holds an operation, and say when none does', () => {
    expect(unitOf(shop.cuts.microservices!, 'fraud').name).toBe('payment+fraud+email');
    expect(() => unitOf(shop.cuts.microservices!, 'nowhere')).toThrow(/no unit holding nowhere/);
  });
});

describe('graphShape', () => {
  it('measures depth, fan-out and the share of asynchronous calls', () => {
    expect(graphShape(shop)).toEqual({ operations: 6, depth: 2, maxFanOut: 4, medianFanOut: 2.5, asyncShare: 0.2 });
  });

  it('gives depth 0 and no fan-out to a system of one operation', () => {
    expect(graphShape(normaliseSystem({ name: 'one', entry: 'a', operations: { a: { work: { cpuUs: 1 } } } }))).toEqual({ operations: 1, depth: 0, maxFanOut: 0, medianFanOut: 0, asyncShare: 0 });
  });
});

describe('transportCalls', () => {
  it('counts the calls between units of one request, the client’s included', async () => {
    const { normaliseSystem: normalise, transportCalls } = await import('./system.ts');
    const shop = normalise({
      name: 'shop',
      entry: 'checkout',
      operations: {
        checkout: { work: { cpuUs: 1 }, calls: [{ sync: ['cart', 'catalog'] }, { sync: 'payment' }, { async: 'email' }] },
        cart: { work: { cpuUs: 1 } },
        catalog: { work: { cpuUs: 1 } },
        payment: { work: { cpuUs: 1 }, calls: [{ sync: 'cart' }] },
        email: { work: { cpuUs: 1 } },
      },
      cuts: { microservices: [['checkout'], ['cart', 'catalog'], ['payment', 'email']] },
    });
    expect(transportCalls(shop, shop.cuts.monolith!)).toBe(1);
    expect(transportCalls(shop, shop.cuts.nanoservices!)).toBe(6);
    // checkout → cart, catalog, payment, email cross; payment → cart crosses too.
    expect(transportCalls(shop, shop.cuts.microservices!)).toBe(6);
  });
});

describe('writesPerRequest', () => {
  it('counts each table once per run of the operations holding it, along every path from the entry', () => {
    const system = normaliseSystem({
      name: 'shop',
      entry: 'checkout',
      operations: {
        checkout: { work: { cpuUs: 10 }, calls: [{ sync: 'cart' }, { sync: ['price', 'price'] }, { sync: 'cart' }, { async: 'email' }] },
        cart: { work: { cpuUs: 10 }, state: ['carts'] },
        price: { work: { cpuUs: 10 }, calls: [{ sync: 'catalogue' }] },
        catalogue: { work: { cpuUs: 10 }, state: ['products'] },
        email: { work: { cpuUs: 10 }, state: ['outbox'] },
        unused: { work: { cpuUs: 10 }, state: ['never'] },
      },
    });
    expect(Object.fromEntries(writesPerRequest(system))).toEqual({ carts: 2, products: 2, outbox: 1 });
  });
});
