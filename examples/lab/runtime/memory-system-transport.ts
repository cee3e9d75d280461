import type { System } from '../model/system.ts';
import { cutNamed, operationCaller, runningSystem, type SystemTransport, type UnitClient } from './running-system.ts';
import { AnswerLostError, createSystemUnitApp, type SystemUnit } from './system-unit.ts';
import { CallFailedError } from './unit-protocol.ts';
import { processSpinRate } from './work.ts';

/**
 * Every unit of the cut in this process, reached through Hono's `app.fetch` with a real `Request`:
 * the cost of the framework and of the bodies, without a socket. A crashed unit's answer is lost by
 * throwing. Browser-safe.
 *
 * @example
 * ```ts
 * const running = await memorySystemTransport.deploy(system, 'nanoservices');
 * try { await running.send({ id: 1, attempt: 0 }); } finally { await running.close(); }
 * ```
 */
export const memorySystemTransport: SystemTransport = {
  name: 'memory',
  async deploy(system: System, cutName: string) {
    const cut = cutNamed(system, cutName);
    const spinPerUs = processSpinRate();
    const apps = new Map<string, SystemUnit>();
    const client: UnitClient = async (unit, method, path, headers, body) => {
      const app = apps.get(unit);
      if (!app) throw new CallFailedError('failed', `no unit named ${unit} is running`);
      try {
        const response = await app.app.fetch(new Request(`http://${encodeURIComponent(unit)}.memory${path}`, { method, headers, body }));
        return { status: response.status, text: await response.text() };
      } catch (error) {
        if (error instanceof AnswerLostError) throw new CallFailedError('lost', error.message);
        throw error;
      }
    };
    const callOperation = operationCaller(client);
    for (const unit of cut.units) apps.set(unit.name, createSystemUnitApp(system, cut, unit.name, callOperation, { spinPerUs }));
    const units = cut.units.map((unit) => ({ name: unit.name, operations: unit.operations }));
    const close = async () => {
      for (const unit of apps.values()) unit.abandonInFlight();
      apps.clear();
    };
    return runningSystem(system, cut, 'memory', units, client, close);
  },
};
