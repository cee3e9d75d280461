import { describe, expect, it } from 'vitest';
import { sampleCart } from '../../checkout/sample-carts.ts';
import { checkoutSteps } from '../../checkout/steps.ts';
import { calibrateSpin, spin, withBusyWork } from './busy-work.ts';

describe('busy work', () => {
  it('is deterministic: the same iterations give the same hash, other counts another', () => {
    expect(spin(10_000)).toBe(spin(10_000));
    expect(spin(10_000)).not.toBe(spin(10_001));
  });

  it('calibrates to a positive rate', () => {
    expect(calibrateSpin(200_000, 3)).toBeGreaterThan(0);
  });

  it('wraps a step without changing what it returns, and reports each run', () => {
    let runs = 0;
    const heavier = withBusyWork(checkoutSteps.validateCart, 1_000, () => (runs += 1));
    expect(heavier.run(sampleCart)).toEqual(checkoutSteps.validateCart.run(sampleCart));
    expect(runs).toBe(1);
    expect(heavier.name).toBe('validateCart');
  });
});
