import { describe, expect, it } from 'vitest';
import { crashPlanFor, orderIdOf } from './crash-plan.ts';

describe('crashPlanFor', () => {
  it('picks the same orders for the same seed, alternating the two crash points', () => {
    const plan = crashPlanFor(12, 4, 7);
    expect(plan).toEqual(crashPlanFor(12, 4, 7));
    expect(Object.values(plan).sort()).toEqual(['after-payment-write', 'after-payment-write', 'before-order-paid', 'before-order-paid']);
    expect(Object.keys(crashPlanFor(12, 4, 8))).not.toEqual(Object.keys(plan));
  });

  it('never plans more crashes than orders, and only orders that exist', () => {
    const plan = crashPlanFor(3, 10, 1);
    expect(Object.keys(plan).sort()).toEqual([orderIdOf(0), orderIdOf(1), orderIdOf(2)]);
    expect(crashPlanFor(5, 0, 1)).toEqual({});
  });
});
