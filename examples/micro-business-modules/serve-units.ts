import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { listenOnLoopback } from '../lab/network/http-transport.ts';
import type { Shape } from '../lab/model/shapes.ts';
import type { CallUnit } from '../lab/units/transport.ts';
import { createUnitApp, type UnitOptions } from '../lab/units/unit-app.ts';

/** A shape served over HTTP on 127.0.0.1 with every unit's port known, so raw requests can reach any door. */
export interface ServedUnits {
  readonly ports: ReadonlyMap<string, number>;
  readonly call: CallUnit;
  close(): Promise<void>;
}

/**
 * Serves every unit of a shape as its own HTTP server (port 0) and wires the chain through
 * keep-alive calls, like the lab's http transport, but tells the caller each unit's port.
 *
 * @example
 * ```ts
 * const served = await serveUnits(microservices, () => ({}));
 * try { served.ports.get('billing'); } finally { await served.close(); }
 * ```
 */
export async function serveUnits(shape: Shape, unitOptions: (unitName: string) => UnitOptions): Promise<ServedUnits> {
  const agent = keepAliveAgent();
  const ports = new Map<string, number>();
  const closers: Array<() => Promise<void>> = [];
  const call: CallUnit = (unit, route, body, headers) => {
    const port = ports.get(unit);
    if (port === undefined) return Promise.reject(new Error(`no unit named ${unit} is running`));
    return postJson(agent, port, `/${route}`, body, headers);
  };
  const close = async () => {
    agent.destroy();
    await Promise.all(closers.splice(0).map((closeOne) => closeOne()));
  };
  try {
    for (const unit of shape.units) {
      const server = await listenOnLoopback(createUnitApp(shape, unit.name, call, unitOptions(unit.name)));
      ports.set(unit.name, server.port);
      closers.push(server.close);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { ports, call, close };
}
