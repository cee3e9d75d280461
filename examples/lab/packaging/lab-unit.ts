/**
 * The `lab` packaging of a unit: its app built by `createUnitApp`, exactly as the lab deploys it.
 * That module imports every checkout step, so every unit's bundle ships every function.
 */
import { createUnitApp } from '../units/unit-app.ts';
import { serveBundledUnit, type BundledUnitConfig } from './bundled-unit.ts';

/**
 * Serves one unit of a shape with the lab's own unit app; what a `lab` bundle runs.
 *
 * @example
 * ```ts
 * await startLabUnit({ shape: microservices, unit: 'billing' });
 * ```
 */
export function startLabUnit(config: BundledUnitConfig): Promise<void> {
  return serveBundledUnit((callUnit) => createUnitApp(config.shape, config.unit, callUnit));
}
