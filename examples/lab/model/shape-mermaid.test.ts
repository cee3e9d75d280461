import { describe, expect, it } from 'vitest';
import { toMermaid } from './shape-mermaid.ts';
import { microservices, modularMonolith, monolith, nanoservices, shapeCalls, shapes } from './shapes.ts';

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

  it('draws the monolith as one box with in-process arrows', () => {
    expect(toMermaid(monolith)).toMatchInlineSnapshot(`
      "flowchart LR
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
