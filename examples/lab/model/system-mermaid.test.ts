import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSystemFile } from './system-file.ts';
import { systemToMermaid } from './system-mermaid.ts';
import { normaliseSystem } from './system.ts';

const shop = parseSystemFile(readFileSync(new URL('../../systems/shop.json', import.meta.url), 'utf8'), 'shop.json');

describe('systemToMermaid', () => {
  it('draws one box per unit of the cut, with its operations', () => {
    const drawing = systemToMermaid(shop, 'microservices');
    expect(drawing).toContain('subgraph unit_1["cart+catalog"]\n    op_1["cart"]\n    op_2["catalog"]\n  end');
    expect(drawing.match(/subgraph unit_/g)).toHaveLength(3);
    expect(systemToMermaid(shop, 'monolith').match(/subgraph unit_/g)).toHaveLength(1);
    expect(systemToMermaid(shop, 'nanoservices').match(/subgraph unit_/g)).toHaveLength(5);
  });

  it('names the system, the cut and its deploy units in an accTitle, the diagram’s accessible name', () => {
    expect(systemToMermaid(shop, 'microservices').split('\n')[1]).toBe('  accTitle: shop cut as microservices: 3 deploy units');
    expect(systemToMermaid(shop, 'monolith')).toContain('\n  accTitle: shop cut as monolith: 1 deploy unit\n');
  });

  it('draws parallel calls thick, a call on its own plain, a published message dotted, each with its step', () => {
    const drawing = systemToMermaid(shop, 'microservices');
    expect(drawing).toContain('client -->|request| op_0');
    expect(drawing).toContain('op_0 ==>|"1 · parallel"| op_1');
    expect(drawing).toContain('op_0 ==>|"1 · parallel"| op_2');
    expect(drawing).toContain('op_0 -->|"2"| op_3');
    expect(drawing).toContain('op_0 -.->|"3 · async"| op_4');
  });

  it('draws the modules of a divided unit', () => {
    const file = JSON.parse(readFileSync(new URL('../../systems/shop.json', import.meta.url), 'utf8'));
    file.cuts = { 'modular-monolith': [{ name: 'shop', modules: { orders: ['checkout', 'cart', 'catalog'], billing: ['payment', 'email'] } }] };
    const drawing = systemToMermaid(parseSystemFile(JSON.stringify(file), 'shop.json'), 'modular-monolith');
    expect(drawing).toContain('subgraph module_0_1["billing module"]\n      op_3["payment"]\n      op_4["email"]\n    end');
  });

  it('draws a fan-out to 100 leaves as its first three, its last and a box for the rest', () => {
    const leaves = Array.from({ length: 100 }, (_, index) => `leaf${String(index + 1).padStart(3, '0')}`);
    const search = normaliseSystem({
      name: 'search',
      entry: 'root',
      operations: { root: { work: { cpuUs: 100 }, calls: [{ sync: leaves }] }, ...Object.fromEntries(leaves.map((leaf) => [leaf, { work: { cpuUs: 10 } }])) },
    });
    const nano = systemToMermaid(search, 'nanoservices');
    expect(nano.match(/subgraph unit_/g)).toHaveLength(5);
    expect(nano).toContain('more_units["… 96 more units like these"]');
    expect(nano.match(/==>/g)).toHaveLength(5);
    const mono = systemToMermaid(search, 'monolith');
    expect(mono).toContain('more_0["… 96 more like these"]');
    expect(systemToMermaid(search, 'nanoservices', { maxParallelShown: 200 }).match(/subgraph unit_/g)).toHaveLength(101);
  });

  it('refuses a cut the system does not have, naming the ones it has', () => {
    expect(() => systemToMermaid(shop, 'micro')).toThrow('shop has no cut "micro": its cuts are monolith, nanoservices, microservices');
  });
});
