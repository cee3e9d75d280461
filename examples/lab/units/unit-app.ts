import type { Hono } from 'hono';
import { checkoutSteps } from '../../checkout/steps.ts';
import type { AnyShape } from '../model/shapes.ts';
import type { CallUnit } from './transport.ts';
import { createUnitAppFrom, type UnitOptions } from './unit-routes.ts';

export type { UnitOptions };

/**
 * Builds the Hono app of one deploy unit: one `POST /<function>` route per function it holds.
 * A request to a route runs that function and the rest of the unit's functions in process, then
 * hands the result to the unit holding the next function through `callUnit` (the transport).
 * Every checkout step is at hand, as in the lab's deployments (see `createUnitAppFrom`).
 *
 * @example
 * ```ts
 * const app = createUnitApp(nanoservices, 'priceCart', callUnit);
 * await app.fetch(new Request('http://unit/priceCart', { method: 'POST', body: JSON.stringify(validated) }));
 * ```
 */
export function createUnitApp(shape: AnyShape, unitName: string, callUnit: CallUnit, options: UnitOptions = {}): Hono {
  return createUnitAppFrom(checkoutSteps, shape, unitName, callUnit, options);
}
