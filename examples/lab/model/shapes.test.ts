import { describe, expect, it } from 'vitest';
import { stepNames } from '../../checkout/steps.ts';
import { microservices, modularMonolith, monolith, nanoservices, shapeCalls, shapes, truncateShape } from './shapes.ts';

describe('shapes', () => {
  it('every shape deploys every checkout function exactly once, in chain order', () => {
    for (const shape of Object.values(shapes)) {
      expect(shape.units.flatMap((unit) => unit.functions)).toEqual([...stepNames]);
    }
  });

  it('nanoservices have one function per unit; the monolith has one unit', () => {
    expect(nanoservices.units.every((unit) => unit.functions.length === 1)).toBe(true);
    expect(nanoservices.units).toHaveLength(stepNames.length);
    expect(monolith.units).toHaveLength(1);
    expect(microservices.units.length).toBeGreaterThan(1);
    expect(microservices.units.length).toBeLessThan(stepNames.length);
  });

  it('counts calls that cross units: none for the monolith, one per boundary otherwise', () => {
    const crossing = (shape = monolith) => shapeCalls(shape).filter((call) => call.crossesUnits).length;
    expect(crossing(monolith)).toBe(0);
    expect(crossing(microservices)).toBe(microservices.units.length - 1);
    expect(crossing(nanoservices)).toBe(stepNames.length - 1);
  });

  it('truncates a shape to a chain length and drops empty units', () => {
    expect(truncateShape(nanoservices, 2).units.map((unit) => unit.name)).toEqual(['validateCart', 'priceCart']);
    expect(truncateShape(microservices, 4).units.map((unit) => unit.functions.length)).toEqual([3, 1]);
  });

  it('refuses a chain length outside 1..6 with a message that says the range', () => {
    expect(() => truncateShape(monolith, 0)).toThrow('chain length must be an integer from 1 to 6, got 0');
    expect(() => truncateShape(monolith, 7)).toThrow(RangeError);
  });

  it('the modular monolith is one unit whose modules are the microservices’ units, crossed in process', () => {
    expect(modularMonolith.units).toHaveLength(1);
    const [unit] = modularMonolith.units;
    expect(unit?.functions).toEqual([...stepNames]);
    expect(unit?.modules?.map((module) => [module.name, module.functions])).toEqual(microservices.units.map((u) => [u.name, u.functions]));
    const calls = shapeCalls(modularMonolith);
    expect(calls.filter((call) => call.crossesUnits)).toEqual([]);
    expect(calls.filter((call) => call.crossesModules).map((call) => `${call.from}>${call.to}`)).toEqual(['applyDiscount>calculateTax', 'chargePayment>issueReceipt']);
    expect(shapeCalls(monolith).some((call) => call.crossesModules)).toBe(false);
  });

  it('truncating a modular monolith drops the modules left without a function', () => {
    expect(truncateShape(modularMonolith, 4).units[0]?.modules?.map((module) => module.functions.length)).toEqual([3, 1]);
  });
});
