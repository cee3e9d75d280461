import { describe, expect, it } from 'vitest';
import { cutStructures } from '../model/cut-structure.ts';
import { normaliseSystem } from '../model/system.ts';
import type { ReferenceStructures } from '../system-run/reference-sweep.ts';
import { formatPercent } from './format.ts';
import { formatRatiosBySystem, structureByCut, structureMap, structureOf, structureRatios, structureTable, systemsWhere } from './structure-table.ts';

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

// A second system without state, and with a microservices cut that keeps both its operations in one unit:
// its tables figure is missing and its microservices cross no contract, so a ratio over either has no value.
const blog = normaliseSystem({
  name: 'blog',
  title: 'A blog',
  entry: 'page',
  operations: { page: { work: { cpuUs: 100 }, calls: [{ sync: 'render' }] }, render: { work: { cpuUs: 50 } } },
  cuts: { microservices: [['page', 'render']] },
});
// A third, so that a sentence of three titles shows its commas.
const feed = normaliseSystem({ name: 'feed', title: 'A feed', entry: 'list', operations: { list: { work: { cpuUs: 10 } } }, cuts: { microservices: [['list']] } });
const threeSystems: ReferenceStructures = {
  systems: [...structures.systems, { name: 'blog', title: 'A blog', file: 'blog.json' }, { name: 'feed', title: 'A feed', file: 'feed.json' }],
  cuts: [...structures.cuts, ...cutStructures(blog, ['monolith', 'microservices', 'nanoservices']), ...cutStructures(feed, ['monolith', 'microservices', 'nanoservices'])],
};

describe('structureRatios', () => {
  it('divides a figure in one cut by the same figure in another, per system in the structure’s order', () => {
    // The shop: 2 microservices, 4 nanoservices. The blog: 1 microservice, 2 nanoservices. The feed: 1 and 1.
    expect(structureRatios(threeSystems, 'units', 'nanoservices', 'microservices')).toEqual([
      { system: 'shop', title: 'A shop', ratio: 2 },
      { system: 'blog', title: 'A blog', ratio: 2 },
      { system: 'feed', title: 'A feed', ratio: 1 },
    ]);
    // The shop's one table: the monolith's login reaches it from all 4 operations (1), the microservices'
    // from 3 of 4 (checkout's unit holds none: 0.75), a nanoservice's from 1 of 4 (only cart: 0.25).
    expect(structureRatios(structures, 'compromisedTablesShare', 'monolith', 'microservices')[0]?.ratio).toBeCloseTo(4 / 3, 10);
    expect(structureRatios(structures, 'compromisedTablesShare', 'nanoservices', 'microservices')[0]?.ratio).toBeCloseTo(1 / 3, 10);
  });

  it('gives null, not Infinity or NaN, over a zero and where a figure is missing', () => {
    // The shop's monolith crosses no contract (3 over 0); the blog's microservices cross none (1 over 0, and 0 over 0 for its monolith).
    expect(structureRatios(threeSystems, 'crossUnitContracts', 'microservices', 'monolith').map((row) => row.ratio)).toEqual([null, null, null]);
    expect(structureRatios(threeSystems, 'crossUnitContracts', 'nanoservices', 'microservices').map((row) => row.ratio)).toEqual([1, null, null]);
    // The blog and the feed have no tables: their figure is null in every cut.
    expect(structureRatios(threeSystems, 'compromisedTablesShare', 'nanoservices', 'monolith').map((row) => row.ratio)).toEqual([0.25, null, null]);
  });
});

describe('formatRatiosBySystem', () => {
  it('prints each title with its ratio in a sentence, a missing ratio as the format prints null', () => {
    const contracts = structureRatios(threeSystems, 'crossUnitContracts', 'nanoservices', 'microservices');
    expect(formatRatiosBySystem(contracts)).toBe('A shop 1.00×, A blog – and A feed –');
    expect(formatRatiosBySystem(structureRatios(structures, 'compromisedTablesShare', 'nanoservices', 'microservices'), formatPercent)).toBe('A shop 33%');
  });
});

describe('systemsWhere', () => {
  it('names the systems that pass, in the structure’s order, as a sentence', () => {
    expect(systemsWhere(threeSystems, () => true)).toBe('A shop, A blog and A feed');
    expect(systemsWhere(threeSystems, (system) => system !== 'blog')).toBe('A shop and A feed');
    // Only the shop's microservices put more than one unit in the system (2; the blog's and the feed's 1).
    expect(systemsWhere(threeSystems, (system) => structureOf(threeSystems, system, 'microservices').units > 1)).toBe('A shop');
  });

  it('says none of them when no system passes', () => {
    expect(systemsWhere(threeSystems, () => false)).toBe('none of them');
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

  it('puts a cut without a ratio at zero, so that every line has a point at every cut', () => {
    const map = structureMap(threeSystems, { figure: 'crossUnitContracts', relativeTo: 'microservices', title: 't', yLabel: 'y', threshold: 1.1, aboveThreshold: 'more', belowThreshold: 'fewer' });
    // The blog's microservices cross no contract: its monolith (0 over 0), microservices (0 over 0) and nanoservices (1 over 0) have no ratio.
    expect(map.lines[1]?.points.map((point) => point.estimate)).toEqual([0, 0, 0]);
  });
});
