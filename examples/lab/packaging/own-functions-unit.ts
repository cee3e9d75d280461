/**
 * The `own-functions` packaging of a unit: the same routes and contract as the lab's unit app
 * (`createUnitAppFrom`), built from only the steps the unit holds. Nothing here imports the other
 * checkout functions, so the bundler can leave them out.
 */
import type { CheckoutStep, StepName } from '../../checkout/steps.ts';
import { createUnitAppFrom } from '../units/unit-routes.ts';
import { serveBundledUnit, type BundledUnitConfig } from './bundled-unit.ts';

/**
 * Serves one unit of a shape with only the steps it is given (those of its own functions); what an
 * `own-functions` bundle runs.
 *
 * @example
 * ```ts
 * await startOwnFunctionsUnit({ shape: nanoservices, unit: 'validateCart' }, { validateCart: defineStep('validateCart', CartSchema, ValidatedCartSchema, validateCart) });
 * ```
 */
export function startOwnFunctionsUnit(config: BundledUnitConfig, steps: Partial<Record<StepName, CheckoutStep>>): Promise<void> {
  return serveBundledUnit((callUnit) => createUnitAppFrom(steps, config.shape, config.unit, callUnit));
}
