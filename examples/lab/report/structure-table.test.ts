import { describe, expect, it } from 'vitest';
import { cutStructures } from '../model/cut-structure.ts';
import { normaliseSystem } from '../model/system.ts';
import type { ReferenceStructures } from '../system-run/reference-sweep.ts';
import { structureByCut, structureMap, structureOf, structureTable } from './structure-table.ts';

const shop = normaliseSystem({
  name: 'shop',
  title: 'A shop',
  entry: 'checkout',
  operations: {
    checkout: { work: { cpuUs: 300 }, calls: [{ sync: ['cart', 'catalog'] }, { sync: 'payment' }] },
    cart: { work: { cpuUs: 100 }, state: ['carts'] },
    catalog: { work: { cpuUs: 150 } },
    payment: { work: { cpuUs: 400 } },
  },
  cuts: { microservices: [['checkout'], ['cart', 'catalog', 'payment']] },
});
const structures: ReferenceStructures = {
  systems: [{ name: 'shop', title: 'A shop', file: 'examples/systems/shop.json' }],
  cuts: cutStructures(shop, ['monolith', 'microservices', 'nanoservices']),
};

describe('structureTable', () => {
  it('prints counts as numbers and shares as percentages, the system by title', () => {
    const table = structureTable(structures, 'Contracts', [
      { figure: 'crossUnitContracts', label: 'contracts across units' },
      { figure: 'unitShareOfSystem', label: 'code an exploit reaches', share: true },
      { figure: 'operationsPerDeploy', label: 'operations per deploy' },
    ]);
    expect(table.columns.map((column) => column.key)).toEqual(['system', 'cut', 'units', 'crossUnitContracts', 'unitShareOfSystem', 'operationsPerDeploy']);
    expect(table.rows[1]).toEqual({ system: 'A shop', cut: 'microservices', units: 2, crossUnitContracts: 3, unitShareOfSystem: '63%', operationsPerDeploy: '2.5' });
  });
});

describe('structureOf and structureByCut', () => {
  it('find a row and say a figure across systems', () => {
    expect(structureOf(structures, 'shop', 'nanoservices').units).toBe(4);
    expect(() => structureOf(structures, 'shop', 'serverless')).toThrow(/no structure for serverless of shop; it holds shop\/monolith/);
    expect(structureByCut(structures, 'crossUnitContracts', 'microservices')).toBe('A shop 3');
    expect(structureByCut(structures, 'unitShareOfSystem', 'nanoservices', true)).toBe('A shop 25%');
  });
});

describe('structureMap', () => {
  it('places each cut at its operations per unit and marks the system’s own microservices', () => {
    const map = structureMap(structures, {
      figure: 'crossUnitContracts',
      relativeTo: 'microservices',
      title: 't',
      yLabel: 'y',
      threshold: 1.1,
      aboveThreshold: 'more',
      belowThreshold: 'fewer',
    });
    expect(map.lines[0]?.points).toEqual([
      { x: 1, estimate: 1 },
      { x: 2, estimate: 1 },
      { x: 4, estimate: 0 },
    ]);
    expect(map.markers).toEqual([{ label: 'A shop: its microservices', x: 2, source: 'examples/systems/shop.json' }]);
  });
});
