import { describe, expect, it } from 'vitest';
import { cutStructure, cutStructures, waitsFor } from './cut-structure.ts';
import { normaliseSystem } from './system.ts';

// Small enough to count by hand: checkout waits for cart, catalog and payment (which waits for
// fraud), and publishes to email without waiting.
const shop = normaliseSystem({
  name: 'shop',
  entry: 'checkout',
  operations: {
    checkout: { work: { cpuUs: 300 }, calls: [{ sync: ['cart', 'catalog'] }, { sync: 'payment' }, { async: 'email' }] },
    cart: { work: { cpuUs: 100 }, state: ['carts'] },
    catalog: { work: { cpuUs: 150 } },
    payment: { work: { cpuUs: 400 }, calls: [{ sync: 'fraud' }] },
    email: { work: { cpuUs: 50 } },
    fraud: { work: { cpuUs: 80 } },
  },
  cuts: { microservices: [['checkout'], ['cart', 'catalog'], ['payment', 'fraud', 'email']] },
});

describe('waitsFor', () => {
  it('follows synchronous calls only', () => {
    expect([...waitsFor(shop, 'checkout')].sort()).toEqual(['cart', 'catalog', 'checkout', 'fraud', 'payment']);
    expect([...waitsFor(shop, 'email')]).toEqual(['email']);
  });
});

describe('cutStructure', () => {
  const [monolith, nano, micro] = cutStructures(shop, ['monolith', 'nanoservices', 'microservices']);

  it('counts the contracts that cross units', () => {
    expect([monolith?.contracts, nano?.contracts, micro?.contracts]).toEqual([5, 5, 5]);
    // payment → fraud stays inside the payment service.
    expect([monolith?.crossUnitContracts, nano?.crossUnitContracts, micro?.crossUnitContracts]).toEqual([0, 5, 4]);
  });

  it('counts what one change redeploys and which units release with a broken contract', () => {
    expect(monolith?.operationsPerDeploy).toBe(6);
    expect(nano?.operationsPerDeploy).toBe(1);
    expect(micro?.operationsPerDeploy).toBeCloseTo(14 / 6, 10);
    expect(monolith?.unitsPerBreakingChange).toBe(1);
    expect(nano?.unitsPerBreakingChange).toBe(2);
    // fraud's only caller shares its unit: 1; the four others: 2.
    expect(micro?.unitsPerBreakingChange).toBeCloseTo(9 / 5, 10);
    // As shares: the monolith releases all of itself, the nanoservices two of six units, the microservices 1.8 of 3.
    expect(monolith?.breakingChangeShareOfUnits).toBe(1);
    expect(nano?.breakingChangeShareOfUnits).toBeCloseTo(2 / 6, 10);
    expect(micro?.breakingChangeShareOfUnits).toBeCloseTo(9 / 5 / 3, 10);
  });

  it('counts how far a crash reaches: waiting spreads it, publishing does not', () => {
    expect(monolith?.capabilityIsolation).toBe(0);
    expect(nano?.capabilityIsolation).toBeCloseTo(25 / 30, 10);
    expect(micro?.capabilityIsolation).toBeCloseTo(17 / 30, 10);
    expect(monolith?.entrySurvivesUnitCrash).toBe(0);
    expect(nano?.entrySurvivesUnitCrash).toBeCloseTo(1 / 6, 10);
    // email shares its unit with payment, which checkout waits for.
    expect(micro?.entrySurvivesUnitCrash).toBe(0);
  });

  it('counts how far an exploit in one operation reaches: its unit’s code and tables', () => {
    expect(monolith?.unitShareOfSystem).toBe(1);
    expect(nano?.unitShareOfSystem).toBeCloseTo(1 / 6, 10);
    expect(micro?.unitShareOfSystem).toBeCloseTo(14 / 36, 10);
    expect(monolith?.compromisedTablesShare).toBe(1);
    expect(nano?.compromisedTablesShare).toBeCloseTo(1 / 6, 10);
    expect(micro?.compromisedTablesShare).toBeCloseTo(2 / 6, 10);
  });

  it('has no table share for a system without state, and names a cut the system lacks', () => {
    const stateless = normaliseSystem({ name: 'one', entry: 'a', operations: { a: { work: { cpuUs: 1 } } } });
    expect(cutStructure(stateless, stateless.cuts.monolith!).compromisedTablesShare).toBeNull();
    expect(() => cutStructures(shop, ['serverless'])).toThrow(/no cut "serverless"; its cuts: monolith, nanoservices, microservices/);
  });
});
