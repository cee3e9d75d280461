import { describe, expect, it } from 'vitest';
import { noFaults } from '../faults/fault-model.ts';
import { parseSystemFile } from '../model/system-file.ts';
import { memorySystemTransport } from '../runtime/memory-system-transport.ts';
import type { RunningSystem } from '../runtime/running-system.ts';
import { checkCutNames, runSystem, type ResourceMeter } from './run-system.ts';

const tiny = parseSystemFile(JSON.stringify({ name: 'tiny', entry: 'a', operations: { a: { work: { cpuUs: 20 }, calls: [{ sync: 'b' }] }, b: { work: { cpuUs: 20 } } } }), 'tiny.json');

describe('checkCutNames', () => {
  it('accepts the cuts the system has', () => {
    expect(() => checkCutNames(tiny, ['nanoservices', 'monolith'])).not.toThrow();
  });

  it('refuses every cut it does not have, naming those it has', () => {
    expect(() => checkCutNames(tiny, ['monolith', 'serverless', 'edge'])).toThrow(new RangeError('tiny has no cut named "serverless", "edge"; its cuts: monolith, nanoservices'));
  });
});

describe('runSystem reads CPU time and memory only through the meter it is given', () => {
  const options = { cuts: ['nanoservices'], transport: memorySystemTransport, faults: noFaults, quick: true, seed: 1 } as const;

  it('without a meter (as in a page), reports no CPU time or memory and says why', async () => {
    const report = await runSystem(tiny, options);
    expect(report.cuts[0]).toMatchObject({ cut: 'nanoservices', cpuUsPerRequest: null, memoryMiB: null });
    expect(report.notes).toContain('CPU time and memory are not read: the run was given no meter of them (a page in a browser cannot read them)');
  });

  it('with a meter, reports the CPU time the throughput phase cost per request and the memory it read', async () => {
    const read: RunningSystem[] = [];
    let cpuReadings = 0;
    // 5 s of CPU time between the readings before and after the throughput phase.
    const meter: ResourceMeter = {
      cpuUs: (running) => {
        read.push(running);
        cpuReadings += 1;
        return cpuReadings === 1 ? 1_000_000 : 6_000_000;
      },
      memoryMiB: () => 42,
    };
    const report = await runSystem(tiny, { ...options, meter });
    const [cut] = report.cuts;
    expect(cut?.memoryMiB).toBe(42);
    expect(cut?.cpuUsPerRequest).toBe(Math.round(5_000_000 / (cut?.throughput.requests ?? Number.NaN)));
    expect(read.map((running) => running.cut.name)).toEqual(['nanoservices', 'nanoservices']);
    expect(report.notes).toContain('every cut runs in this one process: memory is not separable by cut, and CPU per request includes the load generator');
  });
});
