import { describe, expect, it } from 'vitest';
import { sampleCart } from '../../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../../checkout/steps.ts';
import { deployShape } from '../units/deploy.ts';
import { findLeftovers } from '../processes/leftovers.ts';
import { processTransport } from './process-transport.ts';
import { microservices } from '../model/shapes.ts';

describe('processTransport', () => {
  it('runs each unit as its own process and stops them all with SIGTERM', async () => {
    const deployment = await deployShape(microservices, processTransport);
    try {
      expect(findLeftovers().childProcesses).toHaveLength(microservices.units.length);
      const answer = await deployment.checkout(sampleCart);
      expect(answer.value).toEqual(runCheckoutInProcess(sampleCart));
      expect(answer.networkCalls).toBe(microservices.units.length);
    } finally {
      await deployment.close();
    }
    expect(findLeftovers().childProcesses).toEqual([]);
  });

  it('fails with the unit name when a unit cannot start, and leaves nothing behind', async () => {
    const broken = { ...microservices, units: [...microservices.units, { name: 'ghost', functions: ['noSuchFunction' as never] }] };
    await expect(deployShape(broken, processTransport)).rejects.toThrow(/unit ghost \(microservices\) did not start/);
    expect(findLeftovers().childProcesses).toEqual([]);
  });
});
