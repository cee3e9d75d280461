import { keepAliveAgent, postJson } from './http-client.ts';
import { listenOnLoopback } from '../processes/serve.ts';
import type { AnyShape } from '../model/shapes.ts';
import type { CallUnit, RunningUnits, Transport, UnitEndpoint } from '../units/transport.ts';
import { createUnitApp, type UnitOptions } from '../units/unit-app.ts';

/**
 * Every unit a real HTTP server on 127.0.0.1 (port 0) in this process; units call each other
 * over keep-alive connections. The network stack and the event loop are real; the CPU is shared.
 * `endpoints` gives each unit's port, so that raw requests can reach any unit.
 *
 * @example
 * ```ts
 * const running = await httpTransport.start(microservices);
 * try { await running.call('cart', 'validateCart', sampleCart); } finally { await running.close(); }
 * ```
 */
export const httpTransport: Transport = {
  name: 'http',
  async start(shape: AnyShape, unitOptions?: (unitName: string) => UnitOptions): Promise<RunningUnits> {
    const agent = keepAliveAgent();
    const ports = new Map<string, number>();
    const endpoints: UnitEndpoint[] = [];
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
        const server = await listenOnLoopback(createUnitApp(shape, unit.name, call, unitOptions?.(unit.name)));
        ports.set(unit.name, server.port);
        endpoints.push({ unit: unit.name, port: server.port });
        closers.push(server.close);
      }
    } catch (error) {
      await close();
      throw error;
    }
    return { call, endpoints, close };
  },
};
