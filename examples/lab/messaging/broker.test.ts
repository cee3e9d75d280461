import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamPrefix, type Broker, type BrokerMessage } from './broker.ts';
import { openBroker } from './open-broker.ts';

let streamCount = 0;
const newStream = () => `${streamPrefix}test_${process.pid}_${Date.now()}_${streamCount++}`;

/** Collects deliveries until `count` have arrived or `ms` have passed. */
function collector(count: number, ms: number, act: (message: BrokerMessage) => Promise<void>) {
  const seen: BrokerMessage[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const timer = setTimeout(() => done(), ms);
  const handler = async (message: BrokerMessage) => {
    seen.push(message);
    await act(message);
    if (seen.length >= count) {
      clearTimeout(timer);
      done();
    }
  };
  return { seen, handler, finished };
}

// The same contract on NATS JetStream (when it answers; CI requires it) and on the embedded broker.
describe.each([
  ['NATS JetStream, or the embedded broker when none answers', {}],
  ['the embedded broker', { LAB_NATS: 'embedded' }],
])('the broker on %s', (_name, env) => {
  let broker: Broker;
  // This worker's streams (other test files may be making theirs at the same time).
  const mine = async () => (await broker.streams()).filter((name) => name.startsWith(`${streamPrefix}test_${process.pid}_`));
  beforeAll(async () => {
    broker = await openBroker({ env: { ...process.env, ...env }, log: () => {} });
  }, 30_000);
  afterAll(async () => {
    // Every test deleted its streams: none is left on the server by this file.
    expect(await mine()).toEqual([]);
    await broker.close();
  });

  it('drops a message republished with the same id within the duplicate window', async () => {
    const stream = newStream();
    await broker.addStream(stream, [`${stream}.>`]);
    try {
      const first = await broker.publish(`${stream}.paid`, 'order 1 paid', 'paid:1');
      const again = await broker.publish(`${stream}.paid`, 'order 1 paid', 'paid:1');
      const other = await broker.publish(`${stream}.paid`, 'order 2 paid', 'paid:2');
      expect(first).toEqual({ seq: 1, duplicate: false });
      expect(again).toEqual({ seq: 1, duplicate: true });
      expect(other).toEqual({ seq: 2, duplicate: false });
    } finally {
      await broker.deleteStream(stream);
    }
  }, 30_000);

  it('delivers in order to a durable consumer, and not again what it acknowledged', async () => {
    const stream = newStream();
    await broker.addStream(stream, [`${stream}.>`]);
    try {
      for (const n of [1, 2, 3]) await broker.publish(`${stream}.paid`, `order ${n}`, `paid:${n}`);
      const first = collector(2, 10_000, async (message) => {
        if (message.data !== 'order 3') await message.ack();
      });
      const consumption = await broker.consume(stream, 'orders', first.handler, { ackWaitMs: 1_000 });
      await first.finished;
      await consumption.stop();
      expect(first.seen.slice(0, 2).map((message) => [message.data, message.msgId, message.deliveryCount])).toEqual([
        ['order 1', 'paid:1', 1],
        ['order 2', 'paid:2', 1],
      ]);
      // The same durable consumer, started again: what it acknowledged does not come back.
      const second = collector(1, 10_000, (message) => message.ack());
      const again = await broker.consume(stream, 'orders', second.handler, { ackWaitMs: 1_000 });
      await second.finished;
      await again.stop();
      expect(second.seen[0]?.data).toBe('order 3');
    } finally {
      await broker.deleteStream(stream);
    }
  }, 30_000);

  it('gives a consumer with a subject filter only the messages on matching subjects', async () => {
    const stream = newStream();
    await broker.addStream(stream, [`${stream}.>`]);
    try {
      await broker.publish(`${stream}.email.send`, 'to email', 'm-1');
      await broker.publish(`${stream}.ledger.post`, 'to ledger', 'm-2');
      await broker.publish(`${stream}.email.send`, 'to email again', 'm-3');
      const email = collector(2, 10_000, (message) => message.ack());
      const consumption = await broker.consume(stream, 'email', email.handler, { ackWaitMs: 1_000, filterSubject: `${stream}.email.>` });
      await email.finished;
      await consumption.stop();
      expect(email.seen.map((message) => message.data)).toEqual(['to email', 'to email again']);
    } finally {
      await broker.deleteStream(stream);
    }
  }, 30_000);

  it('delivers again a message not acknowledged within the ack wait, as after a crash', async () => {
    const stream = newStream();
    await broker.addStream(stream, [`${stream}.>`]);
    try {
      await broker.publish(`${stream}.paid`, 'order 1', 'paid:1');
      // The first delivery is dropped without an acknowledgement, as a consumer killed mid-work would.
      const deliveries = collector(2, 15_000, async (message) => {
        if (message.deliveryCount > 1) await message.ack();
      });
      const consumption = await broker.consume(stream, 'orders', deliveries.handler, { ackWaitMs: 1_000 });
      await deliveries.finished;
      await consumption.stop();
      expect(deliveries.seen.map((message) => [message.data, message.deliveryCount])).toEqual([
        ['order 1', 1],
        ['order 1', 2],
      ]);
    } finally {
      await broker.deleteStream(stream);
    }
  }, 30_000);
});
