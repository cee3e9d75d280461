import { stepNames, type StepName } from '../checkout/steps.ts';

/** A deploy unit: the checkout functions that run in one app, in chain order. */
export interface DeployUnit {
  readonly name: string;
  readonly functions: readonly StepName[];
}

/**
 * A shape says which functions share a deploy unit. It is data, not code: the same shape value is
 * deployed by {@link deployShape} and drawn by {@link toMermaid}.
 */
export interface Shape {
  readonly name: ShapeName;
  readonly description: string;
  readonly units: readonly DeployUnit[];
}

/** The names of the shapes the lab ships. */
export type ShapeName = 'monolith' | 'microservices' | 'nanoservices';

/** Every function in one deploy unit. */
export const monolith: Shape = {
  name: 'monolith',
  description: 'every function in one deploy unit',
  units: [{ name: 'checkout', functions: stepNames }],
};

/** One unit per business capability: the cart, billing, and the receipt. */
export const microservices: Shape = {
  name: 'microservices',
  description: 'one deploy unit per business capability',
  units: [
    { name: 'cart', functions: ['validateCart', 'priceCart', 'applyDiscount'] },
    { name: 'billing', functions: ['calculateTax', 'chargePayment'] },
    { name: 'receipts', functions: ['issueReceipt'] },
  ],
};

/** One function per unit, one route per unit. */
export const nanoservices: Shape = {
  name: 'nanoservices',
  description: 'one function per deploy unit',
  units: stepNames.map((name) => ({ name, functions: [name] })),
};

/** Every shape, coarsest first. */
export const shapes: Readonly<Record<ShapeName, Shape>> = { monolith, microservices, nanoservices };

/**
 * The shape cut down to the first `length` checkout functions: units left without a function
 * disappear. This is how experiments vary the chain length with the shape fixed.
 *
 * @example
 * ```ts
 * truncateShape(nanoservices, 3).units.length; // 3
 * truncateShape(microservices, 3).units.length; // 1 (the cart unit holds the first three)
 * ```
 */
export function truncateShape(shape: Shape, length: number): Shape {
  if (!Number.isInteger(length) || length < 1 || length > stepNames.length) {
    throw new RangeError(`chain length must be an integer from 1 to ${stepNames.length}, got ${length}`);
  }
  const kept = new Set<StepName>(stepNames.slice(0, length));
  const units = shape.units
    .map((unit) => ({ ...unit, functions: unit.functions.filter((fn) => kept.has(fn)) }))
    .filter((unit) => unit.functions.length > 0);
  return { ...shape, units };
}

/** A call from one function to the next: in process when both share a unit, over the transport when not. */
export interface ShapeCall {
  readonly from: StepName;
  readonly to: StepName;
  readonly crossesUnits: boolean;
}

/**
 * The calls the checkout makes when deployed in this shape: each function hands its result to the
 * next one in chain order.
 *
 * @example
 * ```ts
 * shapeCalls(microservices).filter((call) => call.crossesUnits).length; // 2
 * ```
 */
export function shapeCalls(shape: Shape): ShapeCall[] {
  const unitOf = new Map<StepName, string>();
  for (const unit of shape.units) for (const fn of unit.functions) unitOf.set(fn, unit.name);
  const order = shape.units.flatMap((unit) => unit.functions);
  return order.slice(1).map((to, index) => {
    const from = order[index] as StepName;
    return { from, to, crossesUnits: unitOf.get(from) !== unitOf.get(to) };
  });
}
