import type { Hono } from 'hono';
import type { AnyShape } from '../model/shapes.ts';
import type { CallUnit, RunningUnits, Transport } from './transport.ts';
import { createUnitApp, type UnitOptions } from './unit-app.ts';
import { decodeAnswer, networkCallsHeader } from './wire.ts';

/**
 * Every unit in this process, reached through Hono's `app.fetch` with a real `Request` and a JSON
 * body: the cost of the framework and serialisation, without a socket. Browser-safe.
 *
 * @example
 * ```ts
 * const running = await memoryTransport.start(nanoservices);
 * await running.call('validateCart', 'validateCart', sampleCart);
 * ```
 */
export const memoryTransport: Transport = {
  name: 'memory',
  async start(shape: AnyShape, unitOptions?: (unitName: string) => UnitOptions): Promise<RunningUnits> {
    const apps = new Map<string, Hono>();
    const call: CallUnit = async (unit, route, body, headers) => {
      const app = apps.get(unit);
      if (!app) throw new Error(`no unit named ${unit} is running`);
      const response = await app.fetch(
        new Request(`http://${unit}.memory/${route}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
      return decodeAnswer(response.status, await response.text(), response.headers.get(networkCallsHeader));
    };
    for (const unit of shape.units) apps.set(unit.name, createUnitApp(shape, unit.name, call, unitOptions?.(unit.name)));
    return { call, endpoints: [], close: async () => apps.clear() };
  },
};
