import { describe, expect, it } from 'vitest';
import { cloudFaults, stressFaults } from '../faults/fault-model.ts';
import { readSystemFile } from '../files/system-files.ts';
import { httpSystemTransport } from '../network/http-system-transport.ts';
import { memorySystemTransport } from '../runtime/memory-system-transport.ts';
import { quickSweepSizes, referenceCuts, referenceStructures, sweepSteps, sweepSystems, sweptSystems } from './reference-sweep.ts';

const checkout = readSystemFile('examples/systems/checkout.json');
const small = { ...quickSweepSizes, latency: { warmup: 2, iterations: 50, rounds: 5, maxSeconds: 0.5 }, faults: { concurrency: 16, requests: 200, maxSeconds: 0.5 } };

describe('sweepSystems', () => {
  it('compares every cut with the monolith round by round, and counts what faults do to each cut over independent runs', async () => {
    const messages: string[] = [];
    const sweep = await sweepSystems([checkout], { cuts: ['nanoservices', 'monolith'], transport: httpSystemTransport, faultModels: [cloudFaults, stressFaults], sizes: small, seed: 1, onProgress: (message) => messages.push(message) });
    expect(messages).toHaveLength(sweepSteps(1, 2, 2));
    expect(sweep.cuts.map((cut) => cut.cut)).toEqual(['monolith', 'nanoservices']);
    const [monolith, nano] = sweep.cuts;
    expect(monolith?.p50RatioToMonolith).toEqual({ estimate: 1, low: 1, high: 1, runs: 5 });
    // Six units chained over loopback HTTP answer more slowly than one: the ratio's whole interval is above 1.
    expect(nano?.networkCallsPerRequest).toBeGreaterThan(monolith?.networkCallsPerRequest ?? 0);
    expect(nano?.p50RatioToMonolith.low).toBeGreaterThan(1);
    // Stress refuses 5% at every unit: a request crossing six units fails more often than one crossing one.
    const stress = (cut: typeof nano) => cut?.faults.find((f) => f.model === stressFaults.name)?.successShare.estimate ?? 1;
    expect(stress(nano)).toBeLessThan(stress(monolith));
    expect(nano?.faults.map((f) => f.model)).toEqual([cloudFaults.name, stressFaults.name]);
    expect(nano?.faults[0]?.successShare.runs).toBe(5);
  }, 60_000);

  it('refuses a sweep without the monolith or with a cut a system lacks, before deploying anything', async () => {
    const options = { transport: memorySystemTransport, faultModels: [cloudFaults], sizes: small, seed: 1 };
    await expect(sweepSystems([checkout], { ...options, cuts: ['nanoservices'] })).rejects.toThrow('include the monolith');
    await expect(sweepSystems([checkout], { ...options, cuts: ['monolith', 'galaxy'] })).rejects.toThrow('system checkout has no cut galaxy');
  });
});

describe('sweptSystems', () => {
  it('reads the three reference systems every sweep runs, each with a monolith, microservices and nanoservices cut', () => {
    const systems = sweptSystems();
    expect(systems.map(({ system }) => system.name)).toEqual(['checkout', 'online-boutique', 'alibaba-tree']);
    expect(systems.map(({ file }) => file)).toEqual(['examples/systems/checkout.json', 'examples/systems/online-boutique.json', 'examples/systems/alibaba-tree.json']);
    for (const { system } of systems) expect(Object.keys(system.cuts)).toEqual(expect.arrayContaining(['monolith', 'microservices', 'nanoservices']));
  });
});

describe('referenceStructures', () => {
  it('counts the structure of every reference system’s three cuts from their files', () => {
    const structures = referenceStructures();
    expect(structures.systems.map((system) => system.name)).toEqual(['checkout', 'online-boutique', 'alibaba-tree']);
    expect(structures.cuts.map((row) => `${row.system}/${row.cut}`)).toEqual(structures.systems.flatMap((system) => referenceCuts.map((cut) => `${system.name}/${cut}`)));
    // One unit per operation in the nanoservices cut, one unit in the monolith, on every system.
    for (const row of structures.cuts) {
      if (row.cut === 'monolith') expect([row.units, row.crossUnitContracts, row.capabilityIsolation]).toEqual([1, 0, 0]);
      if (row.cut === 'nanoservices') expect([row.units, row.crossUnitContracts, row.operationsPerDeploy]).toEqual([row.operations, row.contracts, 1]);
    }
  });
});
