import { afterEach, describe, expect, it } from 'vitest';
import { sampleCart } from '../../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess } from '../../checkout/steps.ts';
import { keepAliveAgent, postJson } from './http-client.ts';
import { startReplaceableHttp, type ReplaceableDeployment } from './replaceable-http.ts';
import { shapes, type AnyShape } from '../model/shapes.ts';

const running: ReplaceableDeployment<AnyShape>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((deployment) => deployment.close()));
});
async function deploy(...args: Parameters<typeof startReplaceableHttp>) {
  const deployment = await startReplaceableHttp(...args);
  running.push(deployment);
  return deployment;
}

/** A calculateTax that charges no tax: easy to tell apart from the real one. */
const noTax = { ...checkoutSteps.calculateTax, run: (input: unknown) => ({ ...(input as object), taxCents: 0, totalCents: 5803 }) };

/** Keeps `concurrency` checkouts in flight for `requests` checkouts; counts failures. */
async function load(deployment: ReplaceableDeployment<AnyShape>, requests: number, concurrency: number) {
  let sent = 0;
  let failed = 0;
  const worker = async () => {
    while (sent < requests) {
      sent += 1;
      await deployment.checkout(sampleCart).catch(() => (failed += 1));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent, failed };
}

describe('startReplaceableHttp', () => {
  it.each(Object.values(shapes))('$name returns the in-process receipt with one network call per unit', async (shape) => {
    const deployment = await deploy(shape);
    const answer = await deployment.checkout(sampleCart);
    expect(answer.value).toEqual(runCheckoutInProcess(sampleCart));
    expect(answer.networkCalls).toBe(shape.units.length);
  });

  it('replaces a unit: the route moves to a new port, answers come from the new code, the old port is closed', async () => {
    const deployment = await deploy(shapes.nanoservices);
    const oldPort = deployment.portOf('calculateTax') as number;
    const report = await deployment.replaceUnits(['calculateTax'], () => ({ steps: { calculateTax: noTax } }), { strategy: 'blue-green' });
    expect(report).toMatchObject({ unitsReplaced: 1, functionsRedeployed: 1 });
    expect(deployment.portOf('calculateTax')).not.toBe(oldPort);
    expect((await deployment.checkout(sampleCart)).value).toMatchObject({ taxCents: 0, totalCents: 5803 });
    const agent = keepAliveAgent();
    try {
      await expect(postJson(agent, oldPort, '/calculateTax', {})).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      agent.destroy();
    }
  });

  it('counts the functions that go out with a unit: 6 for the monolith, 2 for billing', async () => {
    const mono = await deploy(shapes.monolith);
    const micro = await deploy(shapes.microservices);
    expect((await mono.replaceUnits(['checkout'], () => ({}), { strategy: 'blue-green' })).functionsRedeployed).toBe(6);
    expect((await micro.replaceUnits(['billing'], () => ({}), { strategy: 'blue-green' })).functionsRedeployed).toBe(2);
  });

  it('under load, blue-green loses no request while stop-start with a boot delay does', async () => {
    const results: Record<string, { sent: number; failed: number }> = {};
    for (const strategy of ['blue-green', 'stop-start'] as const) {
      const deployment = await deploy(shapes.nanoservices);
      const traffic = load(deployment, 300, 8);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await deployment.replaceUnits(['calculateTax'], () => ({ steps: { calculateTax: noTax } }), { strategy, startDelayMs: 50 });
      results[strategy] = await traffic;
    }
    expect(results['blue-green']).toEqual({ sent: 300, failed: 0 });
    expect(results['stop-start']?.failed).toBeGreaterThan(0);
  });
});
