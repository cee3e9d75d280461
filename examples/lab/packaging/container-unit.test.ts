import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCart } from '../../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../../checkout/steps.ts';
import { parseContainerEnv } from './container-env.ts';
import { bundleContainerUnit, freePort, probe, startBalancer, startContainer, waitUntilReady } from './container-unit.ts';
import { keepAliveAgent, postJson } from '../network/http-client.ts';

let dir: string;
let image: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'container-unit-'));
  image = await bundleContainerUnit(dir);
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseContainerEnv', () => {
  it('fills defaults and rejects a unit the environment cannot describe', () => {
    expect(parseContainerEnv({ PORT: '0', LAB_SHAPE: 'monolith', LAB_UNIT: 'checkout' }).LAB_GRACEFUL).toBe('1');
    expect(() => parseContainerEnv({ LAB_SHAPE: 'monolith', LAB_UNIT: 'checkout' })).toThrow(/PORT/);
  });
});

describe('a containerised unit', () => {
  it('listens on the port it is given, is alive before ready, serves a checkout, logs JSON and drains on SIGTERM', async () => {
    const port = await freePort();
    const unit = await startContainer(image, { PORT: port, LAB_SHAPE: 'monolith', LAB_UNIT: 'checkout', LAB_WARMUP_MS: 300 });
    const balancer = await startBalancer();
    const agent = keepAliveAgent();
    try {
      expect(unit.port).toBe(port);
      expect(await probe(port, '/healthz')).toBe(200);
      expect(await probe(port, '/readyz')).toBe(503);
      await waitUntilReady(port);
      balancer.add({ port, version: 'v1' });
      const answer = await postJson(agent, balancer.port, '/validateCart', sampleCart);
      expect(answer.value).toEqual(runCheckoutInProcess(sampleCart));
      expect(balancer.counts()).toEqual({ byVersion: { v1: 1 }, failed: 0 });
      unit.child.kill('SIGTERM');
      const exit = await unit.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      const entries = unit.stdoutLines.map((line) => JSON.parse(line) as { msg: string });
      expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['listening', 'ready', 'request', 'SIGTERM: draining', 'drained']));
    } finally {
      agent.destroy();
      await balancer.close();
      await unit.stop();
    }
  }, 20_000);

  it('without the drain handler, SIGTERM kills it and the balancer counts a failed request when no backend is listed', async () => {
    const unit = await startContainer(image, { PORT: 0, LAB_SHAPE: 'nanoservices', LAB_UNIT: 'issueReceipt', LAB_GRACEFUL: '0' });
    const balancer = await startBalancer();
    const agent = keepAliveAgent();
    try {
      unit.child.kill('SIGTERM');
      expect(await unit.exited).toMatchObject({ code: null, signal: 'SIGTERM' });
      await expect(postJson(agent, balancer.port, '/issueReceipt', {})).rejects.toThrow();
      expect(balancer.counts().failed).toBe(1);
    } finally {
      agent.destroy();
      await balancer.close();
      await unit.stop();
    }
  }, 20_000);
});
