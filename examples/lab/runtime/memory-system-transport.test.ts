import { describe, expect, it } from 'vitest';
import { referenceSystems } from '../files/system-files.ts';
import { cloudFaults, noFaults, stressFaults } from '../faults/fault-model.ts';
import { normaliseSystem, transportCalls } from '../model/system.ts';
import { memorySystemTransport } from './memory-system-transport.ts';
import { settledStats } from './running-system.ts';
import { CallFailedError } from './unit-protocol.ts';


describe('memorySystemTransport', () => {
  it('deploys every reference system in every cut; each request makes exactly the calls its graph says', async () => {
    for (const { system } of referenceSystems()) {
      for (const cut of Object.values(system.cuts)) {
        const running = await memorySystemTransport.deploy(system, cut.name);
        try {
          await running.apply({ seed: 1, faults: noFaults, work: 'skip' });
          for (let id = 0; id < 3; id += 1) await running.send({ id, attempt: 0 });
          const stats = await settledStats(running, 2000);
          const arrivals = stats.reduce((total, unit) => total + unit.arrivals, 0);
          expect(arrivals, `${system.name} / ${cut.name}`).toBe(3 * transportCalls(system, cut));
          expect(stats.reduce((total, unit) => total + unit.operationsRun, 0), `${system.name} / ${cut.name}`).toBeGreaterThanOrEqual(3 * Object.keys(system.operations).length);
        } finally {
          await running.close();
        }
      }
    }
  });

  const pair = normaliseSystem({
    name: 'pair',
    entry: 'a',
    operations: { a: { work: { cpuUs: 10 }, calls: [{ sync: 'b' }] }, b: { work: { cpuUs: 10 }, state: ['orders'] } },
  });

  it('fails a request a unit refuses, loses one whose unit crashed, and a retry after a crash repeats the writes', async () => {
    const running = await memorySystemTransport.deploy(pair, 'nanoservices');
    try {
      await running.apply({ seed: 5, faults: { ...noFaults, unavailability: 1 }, work: 'skip' });
      await expect(running.send({ id: 1, attempt: 0 })).rejects.toMatchObject({ failure: 'failed' });

      await running.apply({ seed: 5, faults: { ...noFaults, crash: 1 }, work: 'skip' });
      const crashed = await running.send({ id: 1, attempt: 0 }).catch((error: unknown) => error);
      expect(crashed).toBeInstanceOf(CallFailedError);
      // b crashed after its write, so the entry, which waited for b, answers with an error (it never reaches its own crash).
      expect((crashed as CallFailedError).failure).toBe('failed');
      const monolith = await memorySystemTransport.deploy(pair, 'monolith');
      try {
        await monolith.apply({ seed: 5, faults: { ...noFaults, crash: 1 }, work: 'skip' });
        await expect(monolith.send({ id: 1, attempt: 0 })).rejects.toMatchObject({ failure: 'lost' });
      } finally {
        await monolith.close();
      }
      await running.send({ id: 1, attempt: 1 }).catch(() => {});
      const stats = await running.stats();
      expect(stats.find((unit) => unit.unit === 'b')?.duplicatedRequests).toEqual([1]);
    } finally {
      await running.close();
    }
  });

  it('meets the same faults in every cut and on every run for the same seed', async () => {
    const { system } = referenceSystems().find(({ system: candidate }) => candidate.name === 'shop') ?? referenceSystems()[0]!;
    const outcomes = async (cut: string) => {
      const running = await memorySystemTransport.deploy(system, cut);
      try {
        await running.apply({ seed: 9, faults: stressFaults, work: 'skip' });
        return await Promise.all(Array.from({ length: 300 }, (_, id) => running.send({ id, attempt: 0 }).then(() => 'ok', (error: CallFailedError) => error.failure)));
      } finally {
        await running.close();
      }
    };
    expect(await outcomes('nanoservices')).toEqual(await outcomes('nanoservices'));
    const monolith = await outcomes('monolith');
    const nano = await outcomes('nanoservices');
    // More units, more arrivals, more refusals: the monolith meets one draw per request, nanoservices one per operation.
    expect(monolith.filter((outcome) => outcome !== 'ok').length).toBeLessThan(nano.filter((outcome) => outcome !== 'ok').length);
    expect(cloudFaults.unavailability).toBeLessThan(stressFaults.unavailability);
  });

  it('refuses an unknown cut, naming the cuts there are', async () => {
    await expect(memorySystemTransport.deploy(pair, 'serverless')).rejects.toThrow('pair has no cut named "serverless"; its cuts: monolith, nanoservices');
  });
});
