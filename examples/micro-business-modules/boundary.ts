import type { MiddlewareHandler } from 'hono';
import { checkoutSteps, type CheckoutStep, type StepName } from '../checkout/steps.ts';

/** Counts, per unit, how often a checkout function was entered and how often its business body ran. */
export interface ExecutionCounter {
  entered: number;
  bodiesRun: number;
}

/**
 * Wraps a checkout function so that every call is counted. The step runs its body exactly when its
 * input schema accepts the value, so `bodiesRun` counts business logic that really executed.
 *
 * @example
 * ```ts
 * const counter = { entered: 0, bodiesRun: 0 };
 * countedStep(checkoutSteps.priceCart, counter).run(null); // throws; counter = { entered: 1, bodiesRun: 0 }
 * ```
 */
export function countedStep(step: CheckoutStep, counter: ExecutionCounter): CheckoutStep {
  return {
    ...step,
    run(raw) {
      counter.entered++;
      if (step.input.safeParse(raw).success) counter.bodiesRun++;
      return step.run(raw);
    },
  };
}

/**
 * The unit's published contract enforced at its door: before any function runs, the body must be
 * JSON and must match the input schema of the route's function, or the unit answers 400 with the
 * reasons. This is the "well-defined interface" made executable.
 *
 * @example
 * ```ts
 * deployShape(microservices, httpTransport, { unitOptions: () => ({ middleware: [contractAtBoundary()] }) });
 * ```
 */
export function contractAtBoundary(): MiddlewareHandler {
  return async (c, next) => {
    const route = c.req.path.slice(1) as StepName;
    const step = checkoutSteps[route] as CheckoutStep | undefined;
    if (!step) return c.json({ error: { code: 'no-such-route', message: `no route ${c.req.path}` } }, 404);
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return c.json({ error: { code: 'invalid-json', message: 'the body is not JSON' } }, 400);
    }
    const parsed = step.input.safeParse(body);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
      return c.json({ error: { code: 'contract-violation', message: `${route}: ${reasons}` } }, 400);
    }
    await next();
  };
}
