import { Hono, type MiddlewareHandler } from 'hono';
import { CheckoutError } from '../../checkout/checkout-error.ts';
import type { CheckoutStep, StepName } from '../../checkout/steps.ts';
import type { AnyShape } from '../model/shapes.ts';
import type { CallUnit } from './transport.ts';
import { networkCallsHeader } from './wire.ts';

/** What an experiment may change about one unit; the shape and the chain stay as they are. */
export interface UnitOptions {
  /** Replaces checkout functions in this unit, e.g. another tax provider or a function that works longer. */
  readonly steps?: Partial<Record<StepName, CheckoutStep>>;
  /** Runs before every route of the unit, e.g. authentication or fault injection. */
  readonly middleware?: readonly MiddlewareHandler[];
  /** Headers the unit sends with its call to the next unit, e.g. its credential for that unit. */
  readonly outgoingHeaders?: (toUnit: string) => Readonly<Record<string, string>>;
}

/**
 * Builds the Hono app of one deploy unit from the steps it is given (`createUnitApp` gives it every
 * checkout step; a unit packaged with only its own functions gives it those). One `POST /<function>`
 * route per function the unit holds: a request runs that function and the rest of the unit's
 * functions in process, then hands the result to the unit holding the next function through
 * `callUnit` (the transport). A `CheckoutError` answers 422 with its code, anything else 500.
 *
 * @example
 * ```ts
 * const app = createUnitAppFrom({ validateCart }, nanoservices, 'validateCart', callUnit);
 * ```
 */
export function createUnitAppFrom(steps: Partial<Record<StepName, CheckoutStep>>, shape: AnyShape, unitName: string, callUnit: CallUnit, options: UnitOptions = {}): Hono {
  const index = shape.units.findIndex((unit) => unit.name === unitName);
  const unit = shape.units[index];
  if (!unit) throw new Error(`shape ${shape.name} has no unit named ${unitName}`);
  const stepOf = (name: StepName) => options.steps?.[name] ?? steps[name];
  const unknown = unit.functions.find((name) => !stepOf(name));
  if (unknown) throw new Error(`unit ${unitName} of shape ${shape.name} names ${unknown}, which is not a checkout function`);
  const next = shape.units[index + 1];
  const app = new Hono();
  for (const middleware of options.middleware ?? []) app.use(middleware);

  unit.functions.forEach((route, position) => {
    const localSteps = unit.functions.slice(position).map((name: StepName) => stepOf(name) as CheckoutStep);
    app.post(`/${route}`, async (c) => {
      let value = localSteps.reduce((acc: unknown, step) => step.run(acc), await c.req.json());
      let networkCalls = 1;
      if (next?.functions[0]) {
        const answer = await callUnit(next.name, next.functions[0], value, options.outgoingHeaders?.(next.name));
        value = answer.value;
        networkCalls += answer.networkCalls;
      }
      c.header(networkCallsHeader, String(networkCalls));
      return c.json(value as object);
    });
  });

  app.onError((error, c) => {
    if (error instanceof CheckoutError) return c.json({ error: { code: error.code, message: error.message } }, 422);
    return c.json({ error: { code: 'internal', message: error.message } }, 500);
  });
  return app;
}
