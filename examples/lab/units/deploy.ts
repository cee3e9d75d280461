import type { AnyShape, Shape } from '../model/shapes.ts';
import type { CallUnit, Transport, UnitAnswer, UnitEndpoint } from './transport.ts';
import type { UnitOptions } from './unit-app.ts';

/** A shape running on a transport, ready to take checkouts. */
export interface Deployment<S extends AnyShape = Shape> {
  readonly shape: S;
  readonly transport: Transport['name'];
  /** Sends a cart to the first unit, as a client would, and resolves with the end of the chain. */
  checkout(cart: unknown, headers?: Readonly<Record<string, string>>): Promise<UnitAnswer>;
  /** Calls any route of any unit directly, as a client (or an attacker) on the network could. */
  readonly call: CallUnit;
  /** Every unit's port and, on the process transport, its PID (see `RunningUnits`). */
  readonly endpoints: readonly UnitEndpoint[];
  close(): Promise<void>;
}

/**
 * Deploys a shape on a transport. The shape decides which functions share a unit; the transport
 * decides how units reach each other; the functions are the same whatever the two are. `unitOptions`
 * lets an experiment swap a function, add middleware or send credentials, unit by unit.
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
export async function deployShape<S extends AnyShape>(
  shape: S,
  transport: Transport,
  options: { readonly unitOptions?: (unitName: string) => UnitOptions } = {},
): Promise<Deployment<S>> {
  const entry = shape.units[0];
  const route = entry?.functions[0];
  if (!entry || !route) throw new Error(`shape ${shape.name} has no unit to send a cart to`);
  const running = await transport.start(shape, options.unitOptions);
  return {
    shape,
    transport: transport.name,
    checkout: (cart, headers) => running.call(entry.name, route, cart, headers),
    call: running.call,
    endpoints: running.endpoints,
    close: () => running.close(),
  };
}
