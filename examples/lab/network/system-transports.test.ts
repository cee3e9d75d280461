import { describe, expect, it } from 'vitest';
import { readSystemFile } from '../files/system-files.ts';
import { noFaults } from '../faults/fault-model.ts';
import { transportCalls } from '../model/system.ts';
import { settledStats, type SystemTransport } from '../runtime/running-system.ts';
import { openBroker } from '../messaging/open-broker.ts';
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

// Asynchronous calls through a broker: NATS JetStream where it answers (CI requires it), and the
// embedded broker, each on both socket transports.
describe.each<[string, SystemTransport, NodeJS.ProcessEnv]>([
  ['http, JetStream (or the embedded broker where none answers)', httpSystemTransport, {}],
  ['process, JetStream (or the embedded broker where none answers)', processSystemTransport, {}],
  ['http, the embedded broker', httpSystemTransport, { LAB_NATS: 'embedded' }],
  ['process, the embedded broker', processSystemTransport, { LAB_NATS: 'embedded' }],
])('async steps on %s', (_name, transport, env) => {
  it('publishes each cross-unit async call once, and the target’s unit handles every one; a call in the same unit stays in process', async () => {
    const broker = await openBroker({ env: { ...process.env, ...env }, log: () => {} });
    try {
      for (const cutName of ['monolith', 'nanoservices']) {
        const running = await transport.deploy(system, cutName, { broker });
        try {
          await running.apply({ seed: 1, faults: noFaults, work: 'skip' });
          for (let id = 0; id < 6; id += 1) await running.send({ id, attempt: 0 });
          const stats = await settledStats(running, 10_000);
          const published = stats.reduce((total, unit) => total + unit.asyncPublished, 0);
          const handled = stats.reduce((total, unit) => total + unit.asyncHandled, 0);
          // The shop's checkout publishes one call to email: through the broker when email is a unit of its own.
          expect(published, cutName).toBe(cutName === 'monolith' ? 0 : 6);
          expect(handled, cutName).toBe(published);
          expect(stats.find((unit) => unit.unit === 'email')?.asyncHandled ?? 0, cutName).toBe(published);
        } finally {
          await running.close();
        }
      }
    } finally {
      await broker.close();
    }
  }, 60_000);
});
