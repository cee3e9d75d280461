import type { Shape } from './shapes.ts';
import type { Transport, UnitAnswer } from './transport.ts';

/** A shape running on a transport, ready to take checkouts. */
export interface Deployment {
  readonly shape: Shape;
  readonly transport: Transport['name'];
  /** Sends a cart to the first unit, as a client would, and resolves with the end of the chain. */
  checkout(cart: unknown): Promise<UnitAnswer>;
  close(): Promise<void>;
}

/**
 * Deploys a shape on a transport. The shape decides which functions share a unit; the transport
 * decides how units reach each other; the functions are the same whatever the two are.
 *
 * @example
 * ```ts
 * const deployment = await deployShape(nanoservices, httpTransport);
 * try {
 *   const { value, networkCalls } = await deployment.checkout(sampleCart); // networkCalls === 6
 * } finally {
 *   await deployment.close();
 * }
 * ```
 */
export async function deployShape(shape: Shape, transport: Transport): Promise<Deployment> {
  const entry = shape.units[0];
  const route = entry?.functions[0];
  if (!entry || !route) throw new Error(`shape ${shape.name} has no unit to send a cart to`);
  const running = await transport.start(shape);
  return {
    shape,
    transport: transport.name,
    checkout: (cart) => running.call(entry.name, route, cart),
    close: () => running.close(),
  };
}
