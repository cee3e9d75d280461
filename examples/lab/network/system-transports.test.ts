import { describe, expect, it } from 'vitest';
import { readSystemFile } from '../files/system-files.ts';
import { noFaults } from '../faults/fault-model.ts';
import { transportCalls } from '../model/system.ts';
import { settledStats, type SystemTransport } from '../runtime/running-system.ts';
import { httpSystemTransport } from './http-system-transport.ts';
import { processSystemTransport } from './process-system-transport.ts';

const { system } = readSystemFile('examples/systems/shop.json');


describe.each<[string, SystemTransport]>([
  ['http', httpSystemTransport],
  ['process', processSystemTransport],
])('%s transport for systems', (_name, transport) => {
  it('deploys every cut of the worked example; each request crosses the network as often as the graph says', async () => {
    for (const cut of Object.values(system.cuts)) {
      const running = await transport.deploy(system, cut.name);
      try {
        expect(running.units.every((unit) => typeof unit.port === 'number')).toBe(true);
        if (transport.name === 'process') expect(running.units.every((unit) => typeof unit.pid === 'number' && unit.pid !== process.pid)).toBe(true);
        await running.apply({ seed: 1, faults: noFaults, work: 'full' });
        for (let id = 0; id < 5; id += 1) await running.send({ id, attempt: 0 });
        const stats = await settledStats(running, 2000);
        expect(stats.reduce((total, unit) => total + unit.arrivals, 0), cut.name).toBe(5 * transportCalls(system, cut));
      } finally {
        await running.close();
      }
    }
  }, 60_000);

  it('drops the connection of a unit that crashes: the client sees a lost answer, not an error', async () => {
    const running = await transport.deploy(system, 'monolith');
    try {
      await running.apply({ seed: 1, faults: { ...noFaults, crash: 1 }, work: 'skip' });
      await expect(running.send({ id: 1, attempt: 0 })).rejects.toMatchObject({ failure: 'lost' });
      await running.apply({ seed: 1, faults: noFaults, work: 'skip' });
      await expect(running.send({ id: 2, attempt: 0 })).resolves.toBeUndefined();
    } finally {
      await running.close();
    }
  }, 60_000);
});
