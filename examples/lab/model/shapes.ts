import { stepNames, type StepName } from '../../checkout/step-names.ts';

/** A module inside a deploy unit: a business capability with its own functions, reached in process. */
export interface UnitModule {
  readonly name: string;
  readonly functions: readonly StepName[];
}

/** A deploy unit: the checkout functions that run in one app, in chain order. */
export interface DeployUnit {
  readonly name: string;
  readonly functions: readonly StepName[];
  /** The modules the unit is divided into, when it is divided (a modular monolith); together they hold `functions`. */
  readonly modules?: readonly UnitModule[];
}

/**
 * A shape says which functions share a deploy unit. It is data, not code: the same shape value is
 * deployed by {@link deployShape} and drawn by {@link toMermaid}.
 */
export interface Shape<Name extends string = ShapeName> {
  readonly name: Name;
  readonly description: string;
  readonly units: readonly DeployUnit[];
}

/** The three granularities the seed article compares; {@link shapes} holds one of each. */
export type ShapeName = 'monolith' | 'microservices' | 'nanoservices';

/** Any shape the lab can deploy and draw: the article's three and the {@link modularMonolith}. */
export type AnyShape = Shape<ShapeName | 'modular-monolith'>;

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

/** The article's three shapes, coarsest first. */
export const shapes: Readonly<Record<ShapeName, Shape>> = { monolith, microservices, nanoservices };

/**
 * One deploy unit divided into the microservices' business modules: the same boundaries as
 * {@link microservices}, crossed by a function call instead of the network. Not in {@link shapes}:
 * it belongs to the modular monolith comparison, not to the article's three.
 *
 * @example
 * ```ts
 * modularMonolith.units.length; // 1
 * modularMonolith.units[0].modules?.map((module) => module.name); // ['cart', 'billing', 'receipts']
 * ```
 */
export const modularMonolith: Shape<'modular-monolith'> = {
  name: 'modular-monolith',
  description: 'one deploy unit divided into business modules',
  units: [{ name: 'checkout', functions: stepNames, modules: microservices.units.map(({ name, functions }) => ({ name, functions })) }],
};

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
export function truncateShape<S extends AnyShape>(shape: S, length: number): S {
  if (!Number.isInteger(length) || length < 1 || length > stepNames.length) {
    throw new RangeError(`chain length must be an integer from 1 to ${stepNames.length}, got ${length}`);
  }
  const kept = new Set<StepName>(stepNames.slice(0, length));
  const units = shape.units
    .map((unit) => {
      const functions = unit.functions.filter((fn) => kept.has(fn));
      if (!unit.modules) return { ...unit, functions };
      const modules = unit.modules.map((module) => ({ ...module, functions: module.functions.filter((fn) => kept.has(fn)) })).filter((module) => module.functions.length > 0);
      return { ...unit, functions, modules };
    })
    .filter((unit) => unit.functions.length > 0);
  return { ...shape, units };
}

/** A call from one function to the next: in process when both share a unit, over the transport when not. */
export interface ShapeCall {
  readonly from: StepName;
  readonly to: StepName;
  readonly crossesUnits: boolean;
  /** True when the call stays in one unit but passes from one of its modules to another. */
  readonly crossesModules: boolean;
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
export function shapeCalls(shape: AnyShape): ShapeCall[] {
  const unitOf = new Map<StepName, string>();
  const moduleOf = new Map<StepName, string>();
  for (const unit of shape.units) {
    for (const fn of unit.functions) unitOf.set(fn, unit.name);
    for (const module of unit.modules ?? []) for (const fn of module.functions) moduleOf.set(fn, `${unit.name}/${module.name}`);
  }
  const order = shape.units.flatMap((unit) => unit.functions);
  return order.slice(1).map((to, index) => {
    const from = order[index] as StepName;
    const crossesUnits = unitOf.get(from) !== unitOf.get(to);
    return { from, to, crossesUnits, crossesModules: !crossesUnits && moduleOf.get(from) !== moduleOf.get(to) };
  });
}
