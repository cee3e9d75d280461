import { describe, expect, it } from 'vitest';
import { toMermaid } from './shape-mermaid.ts';
import { microservices, modularMonolith, monolith, nanoservices, shapeCalls, shapes, truncateShape } from './shapes.ts';

describe('toMermaid', () => {
  it('draws one subgraph per deploy unit and one node per function', () => {
    for (const shape of Object.values(shapes)) {
      const chart = toMermaid(shape);
      expect(chart.match(/^ {2}subgraph /gm)).toHaveLength(shape.units.length);
      for (const fn of shape.units.flatMap((unit) => unit.functions)) expect(chart).toContain(`${fn}["${fn}()"]`);
    }
  });

  it('draws a network arrow exactly where a call crosses units, plus the client call', () => {
    for (const shape of [monolith, microservices, nanoservices]) {
      const crossings = shapeCalls(shape).filter((call) => call.crossesUnits).length;
      expect(toMermaid(shape).match(/==>\|network\|/g)).toHaveLength(crossings + 1);
    }
  });

  it('draws the modular monolith as one unit of module boxes, with no network arrow between them', () => {
    const chart = toMermaid(modularMonolith);
    expect(chart.match(/^ {4}subgraph module_/gm)).toHaveLength(3);
    expect(chart.match(/==>\|network\|/g)).toHaveLength(1);
    expect(chart).toContain('applyDiscount -->|module interface| calculateTax');
    expect(chart).toContain('chargePayment -->|module interface| issueReceipt');
    expect(chart).toContain('validateCart --> priceCart');
  });

  it('names the shape and counts its deploy units in an accTitle, the diagram’s accessible name', () => {
    expect(toMermaid(microservices).split('\n')[1]).toBe('  accTitle: The checkout cut as microservices: 3 deploy units');
    expect(toMermaid(nanoservices)).toContain(`accTitle: The checkout cut as nanoservices: ${nanoservices.units.length} deploy units\n`);
    expect(toMermaid(truncateShape(microservices, 2))).toContain('accTitle: The checkout cut as microservices: 1 deploy unit\n');
  });

  it('draws the monolith as one box with in-process arrows', () => {
    expect(toMermaid(monolith)).toMatchInlineSnapshot(`
      "flowchart LR
        accTitle: The checkout cut as monolith: 1 deploy unit
        client(["client"])
        subgraph unit_checkout["checkout"]
          validateCart["validateCart()"]
          priceCart["priceCart()"]
          applyDiscount["applyDiscount()"]
          calculateTax["calculateTax()"]
          chargePayment["chargePayment()"]
          issueReceipt["issueReceipt()"]
        end
        client ==>|network| validateCart
        validateCart --> priceCart
        priceCart --> applyDiscount
        applyDiscount --> calculateTax
        calculateTax --> chargePayment
        chargePayment --> issueReceipt"
    `);
  });
});
