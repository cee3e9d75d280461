import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import { keepAliveAgent, postJson } from './http-client.ts';
import type { AnyShape } from '../model/shapes.ts';
import type { CallUnit, RunningUnits, Transport } from '../units/transport.ts';
import { createUnitApp, type UnitOptions } from '../units/unit-app.ts';

/**
 * Serves a Hono app on 127.0.0.1 with a port the OS picks, and resolves once it listens.
 *
 * @example
 * ```ts
 * const { port, close } = await listenOnLoopback(app);
 * ```
 */
export function listenOnLoopback(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve, reject) => {
    const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ port: info.port, close: () => closeServer(server as Server) }),
    );
    server.once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would hold close() open; in-flight requests have already answered.
    server.closeIdleConnections();
  });
}

/**
 * Every unit a real HTTP server on 127.0.0.1 (port 0) in this process; units call each other
 * over keep-alive connections. The network stack and the event loop are real; the CPU is shared.
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
        closers.push(server.close);
      }
    } catch (error) {
      await close();
      throw error;
    }
    return { call, close };
  },
};
