import { describe, expect, it } from 'vitest';
import { microservices, modularMonolith, monolith, nanoservices } from '../lab/model/shapes.ts';
import { boundaryCrossings, boundaryHandOvers } from './crossings.ts';

describe('boundaryCrossings', () => {
  it('the modular monolith crosses its two module boundaries by function call, none over the network', () => {
    expect(boundaryCrossings(modularMonolith)).toEqual({ boundaries: 2, byFunctionCall: 2, overNetwork: 0 });
  });

  it('the microservices cross the same two boundaries over the network', () => {
    expect(boundaryCrossings(microservices)).toEqual({ boundaries: 2, byFunctionCall: 0, overNetwork: 2 });
  });

  it('a plain monolith has no boundary to cross; nanoservices cross one per function after the first', () => {
    expect(boundaryCrossings(monolith)).toEqual({ boundaries: 0, byFunctionCall: 0, overNetwork: 0 });
    expect(boundaryCrossings(nanoservices)).toEqual({ boundaries: 5, byFunctionCall: 0, overNetwork: 5 });
  });
});

describe('boundaryHandOvers', () => {
  it('the modular monolith and the microservices draw their boundaries between the same functions', () => {
    expect(boundaryHandOvers(modularMonolith)).toEqual(['applyDiscount→calculateTax', 'chargePayment→issueReceipt']);
    expect(boundaryHandOvers(modularMonolith)).toEqual(boundaryHandOvers(microservices));
  });

  it('differs when the boundaries differ', () => {
    expect(boundaryHandOvers(nanoservices)).not.toEqual(boundaryHandOvers(microservices));
    expect(boundaryHandOvers(monolith)).toEqual([]);
  });
});
