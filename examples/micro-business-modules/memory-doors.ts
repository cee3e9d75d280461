import type { Hono } from 'hono';
import type { Shape } from '../lab/model/shapes.ts';
import type { CallUnit } from '../lab/units/transport.ts';
import { createUnitApp, type UnitOptions } from '../lab/units/unit-app.ts';
import { decodeAnswer, networkCallsHeader } from '../lab/units/wire.ts';
import type { UnitDoors } from './contract-run.ts';

/**
 * Every unit of a shape as a Hono app in this thread, each door reached through `app.fetch` with a
 * real `Request`: the memory transport, but with raw bodies allowed at the door (what a careless or
 * hostile client can send), for the page. Browser-safe.
 *
 * @example
 * ```ts
 * const doors = await openDoorsInMemory(microservices, () => ({}));
 * await doors.postRaw('billing', '/calculateTax', '{"cartId":'); // 500 without a contract at the door
 * await doors.close();
 * ```
 */
export async function openDoorsInMemory(shape: Shape, unitOptions: (unitName: string) => UnitOptions): Promise<UnitDoors> {
  const apps = new Map<string, Hono>();
  const post = (unit: string, path: string, body: string, headers: Readonly<Record<string, string>> = {}) => {
    const app = apps.get(unit);
    if (!app) throw new Error(`no unit named ${unit} is running`);
    return app.fetch(new Request(`http://${unit}.memory${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body }));
  };
  const call: CallUnit = async (unit, route, body, headers) => {
    const response = await post(unit, `/${route}`, JSON.stringify(body), headers);
    return decodeAnswer(response.status, await response.text(), response.headers.get(networkCallsHeader));
  };
  for (const unit of shape.units) apps.set(unit.name, createUnitApp(shape, unit.name, call, unitOptions(unit.name)));
  return {
    call,
    async postRaw(unit, path, body) {
      const response = await post(unit, path, body);
      await response.text();
      return response.status;
    },
    close: async () => apps.clear(),
  };
}
