import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseSystem } from '../model/system.ts';
import { noFaults } from '../faults/fault-model.ts';
import { createSystemUnitApp, type SystemUnit } from '../runtime/system-unit.ts';
import { settingsPath } from '../runtime/unit-protocol.ts';
import { asyncCallsOn, createCallStream } from './async-calls.ts';
import type { Broker } from './broker.ts';
import { openBroker } from './open-broker.ts';

const system = normaliseSystem({
  name: 'orders',
  entry: 'order',
  operations: { order: { work: { cpuUs: 10 }, calls: [{ async: 'email' }] }, email: { work: { cpuUs: 10 }, state: ['emails'] } },
});
const cut = system.cuts.nanoservices!;
const never = async () => {
  throw new Error('no synchronous call in this system');
};

describe.each([
  ['NATS JetStream (or the embedded broker where none answers)', {}],
  ['the embedded broker', { LAB_NATS: 'embedded' }],
])('async calls on %s', (_name, env) => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await openBroker({ env: { ...process.env, ...env }, log: () => {} });
  }, 30_000);
  afterAll(() => broker.close());

  it('publishes the call with an id that names it in its request, so a republish is dropped; the target unit handles it once', async () => {
    const stream = await createCallStream(broker);
    const calls = asyncCallsOn(broker, stream);
    try {
      const email = createSystemUnitApp(system, cut, 'email', never, { spinPerUs: 1, publish: calls.publish });
      const order = createSystemUnitApp(system, cut, 'order', never, { spinPerUs: 1, publish: calls.publish });
      await calls.attach('email', email);
      const send = (attempt: number) => order.app.fetch(new Request('http://order/op/order', { method: 'POST', headers: { 'x-lab-request': `7.${attempt}` }, body: '' }));
      expect((await send(0)).status).toBe(200);
      // A client retry of the same request publishes the same call again: the stream drops it by its id.
      expect((await send(1)).status).toBe(200);
      const stats = async () => (await (await email.app.fetch(new Request('http://email/_lab/stats'))).json()) as { asyncHandled: number; arrivals: number };
      const until = performance.now() + 10_000;
      while ((await stats()).asyncHandled < 1 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await stats()).toMatchObject({ asyncHandled: 1, arrivals: 1 });
      const orderStats = (await (await order.app.fetch(new Request('http://order/_lab/stats'))).json()) as { asyncPublished: number; asyncDuplicates: number };
      expect(orderStats).toMatchObject({ asyncPublished: 1, asyncDuplicates: 1 });
    } finally {
      await calls.stop();
      await broker.deleteStream(stream);
    }
  }, 30_000);

  it('does not acknowledge a call its unit crashed on: the broker delivers it again until it is handled', async () => {
    const stream = await createCallStream(broker);
    const calls = asyncCallsOn(broker, stream);
    try {
      const email = createSystemUnitApp(system, cut, 'email', never, { spinPerUs: 1 });
      let deliveries = 0;
      // The unit crashes on its first delivery (after its work), then recovers.
      const flaky: SystemUnit = {
        ...email,
        async handleDelivered(operation, request, body) {
          deliveries += 1;
          const crashing = { seed: 1, faults: { ...noFaults, crash: deliveries === 1 ? 1 : 0 }, work: 'skip' };
          await email.app.fetch(new Request(`http://email${settingsPath}`, { method: 'POST', body: JSON.stringify(crashing) }));
          return email.handleDelivered(operation, request, body);
        },
      };
      await calls.attach('email', flaky);
      await calls.publish('email', 'email', { id: 3, attempt: 0 }, 'order.0.email', '');
      const until = performance.now() + 10_000;
      while (deliveries < 2 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(deliveries).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 800));
      // Acknowledged after the second: not delivered a third time.
      expect(deliveries).toBe(2);
    } finally {
      await calls.stop();
      await broker.deleteStream(stream);
    }
  }, 30_000);
});
