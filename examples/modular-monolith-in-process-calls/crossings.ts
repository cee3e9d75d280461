import { shapeCalls, type AnyShape } from '../lab/model/shapes.ts';

/** The business boundaries one checkout crosses in a shape, and how each is crossed. */
export interface BoundaryCrossings {
  /** Hand-overs from one business module (or unit) to another. */
  readonly boundaries: number;
  /** Boundaries crossed by a function call: two modules of one deploy unit. */
  readonly byFunctionCall: number;
  /** Boundaries crossed over the transport: two deploy units. */
  readonly overNetwork: number;
}

/**
 * Counts, from the shape value that is deployed, the business boundaries a checkout crosses and how:
 * the modular monolith and the microservices draw the same boundaries, and only this count says which
 * of them become network calls.
 *
 * @example
 * ```ts
 * boundaryCrossings(modularMonolith); // { boundaries: 2, byFunctionCall: 2, overNetwork: 0 }
 * boundaryCrossings(microservices); // { boundaries: 2, byFunctionCall: 0, overNetwork: 2 }
 * ```
 */
export function boundaryCrossings(shape: AnyShape): BoundaryCrossings {
  const calls = shapeCalls(shape);
  const byFunctionCall = calls.filter((call) => call.crossesModules).length;
  const overNetwork = calls.filter((call) => call.crossesUnits).length;
  return { boundaries: byFunctionCall + overNetwork, byFunctionCall, overNetwork };
}

/**
 * Where a shape's boundaries sit, as `from→to` hand-overs, whether a function call or the network
 * crosses them: equal lists for two shapes mean the same modules, only deployed differently.
 *
 * @example
 * ```ts
 * boundaryHandOvers(microservices); // ['applyDiscount→calculateTax', 'chargePayment→issueReceipt']
 * ```
 */
export function boundaryHandOvers(shape: AnyShape): string[] {
  return shapeCalls(shape)
    .filter((call) => call.crossesModules || call.crossesUnits)
    .map((call) => `${call.from}→${call.to}`);
}
