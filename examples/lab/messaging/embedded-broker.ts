/**
 * The embedded broker: the stand-in for NATS JetStream on a machine without it. Its streams live in
 * the process that starts it, which serves them on a loopback port, so that units in child processes
 * reach it like a server (`connectEmbeddedBroker(url)`). It keeps JetStream's guarantees that the lab
 * relies on: messages are kept in order, a message id seen within the duplicate window is dropped, a
 * durable consumer's acknowledged messages are not delivered again, and a delivered message not
 * acknowledged within the consumer's ack wait is delivered again. It keeps nothing on disk.
 */
import { Hono } from 'hono';
import { listenOnLoopback } from '../processes/serve.ts';
import { defaultDuplicateWindowMs, type Broker, type BrokerMessage, type Consumption, type PublishAck } from './broker.ts';

interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  readonly data: string;
  readonly msgId: string;
}

interface ConsumerState {
  readonly filterSubject: string | undefined;
  readonly acked: Set<number>;
  /** Sequence → when its delivery expires unacknowledged. */
  readonly inFlight: Map<number, number>;
  readonly deliveries: Map<number, number>;
  ackWaitMs: number;
}

interface Stream {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly duplicateWindowMs: number;
  readonly messages: StoredMessage[];
  readonly seen: Map<string, { seq: number; at: number }>;
  readonly consumers: Map<string, ConsumerState>;
}

/** A NATS subject pattern: `*` matches one token, `>` the rest. */
function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i += 1) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

/** A delivery as it crosses the wire. */
interface Delivery {
  readonly seq: number;
  readonly subject: string;
  readonly data: string;
  readonly msgId: string;
  readonly deliveryCount: number;
}

/** The broker's state and rules, with no transport. */
class EmbeddedStreams {
  private readonly streams = new Map<string, Stream>();
  private waiters: Array<() => void> = [];

  /** Resolves at the next publish, or after `ms`. */
  nextPublish(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  addStream(name: string, subjects: readonly string[], duplicateWindowMs: number) {
    if (this.streams.has(name)) throw new Error(`stream ${name} exists already`);
    this.streams.set(name, { name, subjects: [...subjects], duplicateWindowMs, messages: [], seen: new Map(), consumers: new Map() });
  }

  deleteStream(name: string) {
    if (!this.streams.delete(name)) throw new Error(`no stream named ${name}`);
  }

  names() {
    return [...this.streams.keys()].sort();
  }

  private stream(name: string): Stream {
    const stream = this.streams.get(name);
    if (!stream) throw new Error(`no stream named ${name}`);
    return stream;
  }

  publish(subject: string, data: string, msgId: string): PublishAck {
    const stream = [...this.streams.values()].find((candidate) => candidate.subjects.some((pattern) => subjectMatches(pattern, subject)));
    if (!stream) throw new Error(`no stream takes subject ${subject}`);
    const now = Date.now();
    const seen = stream.seen.get(msgId);
    if (seen && now - seen.at < stream.duplicateWindowMs) return { seq: seen.seq, duplicate: true };
    const seq = stream.messages.length + 1;
    stream.messages.push({ seq, subject, data, msgId });
    stream.seen.set(msgId, { seq, at: now });
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
    return { seq, duplicate: false };
  }

  /** The next messages for a durable consumer: never acknowledged, and not delivered or delivered longer than the ack wait ago. */
  fetch(streamName: string, durable: string, ackWaitMs: number, max: number, filterSubject?: string): Delivery[] {
    const stream = this.stream(streamName);
    let consumer = stream.consumers.get(durable);
    if (!consumer) {
      consumer = { filterSubject, acked: new Set(), inFlight: new Map(), deliveries: new Map(), ackWaitMs };
      stream.consumers.set(durable, consumer);
    }
    consumer.ackWaitMs = ackWaitMs;
    const now = Date.now();
    const out: Delivery[] = [];
    for (const message of stream.messages) {
      if (out.length >= max) break;
      if (consumer.acked.has(message.seq)) continue;
      if (consumer.filterSubject && !subjectMatches(consumer.filterSubject, message.subject)) continue;
      const expires = consumer.inFlight.get(message.seq);
      if (expires !== undefined && expires > now) continue;
      const deliveryCount = (consumer.deliveries.get(message.seq) ?? 0) + 1;
      consumer.deliveries.set(message.seq, deliveryCount);
      consumer.inFlight.set(message.seq, now + ackWaitMs);
      out.push({ seq: message.seq, subject: message.subject, data: message.data, msgId: message.msgId, deliveryCount });
    }
    return out;
  }

  ack(streamName: string, durable: string, seq: number) {
    const consumer = this.stream(streamName).consumers.get(durable);
    if (!consumer) throw new Error(`no consumer ${durable} on stream ${streamName}`);
    consumer.acked.add(seq);
    consumer.inFlight.delete(seq);
  }
}

/** Deliveries a consumer handles at once. */
const maxInFlight = 16;

/** How long a fetch waits for a message before answering with none. */
const longPollMs = 500;

function brokerApp(streams: EmbeddedStreams): Hono {
  const app = new Hono();
  app.onError((error, c) => c.json({ error: error.message }, 400));
  app.post('/streams', async (c) => {
    const { name, subjects, duplicateWindowMs } = await c.req.json<{ name: string; subjects: string[]; duplicateWindowMs: number }>();
    streams.addStream(name, subjects, duplicateWindowMs);
    return c.json({ ok: true });
  });
  app.get('/streams', (c) => c.json(streams.names()));
  app.delete('/streams/:name', (c) => {
    streams.deleteStream(c.req.param('name'));
    return c.json({ ok: true });
  });
  app.post('/publish', async (c) => {
    const { subject, data, msgId } = await c.req.json<{ subject: string; data: string; msgId: string }>();
    return c.json(streams.publish(subject, data, msgId));
  });
  app.post('/fetch', async (c) => {
    const { stream, durable, ackWaitMs, max, filterSubject } = await c.req.json<{ stream: string; durable: string; ackWaitMs: number; max: number; filterSubject?: string }>();
    const until = Date.now() + longPollMs;
    for (;;) {
      const deliveries = streams.fetch(stream, durable, ackWaitMs, max, filterSubject);
      if (deliveries.length > 0 || Date.now() >= until) return c.json(deliveries);
      // Woken by a publish; a redelivery is due at most an ack wait later, so look again at least every 50 ms.
      await streams.nextPublish(Math.min(50, until - Date.now()));
    }
  });
  app.post('/ack', async (c) => {
    const { stream, durable, seq } = await c.req.json<{ stream: string; durable: string; seq: number }>();
    streams.ack(stream, durable, seq);
    return c.json({ ok: true });
  });
  return app;
}

/**
 * A client of an embedded broker served at `url` (by {@link startEmbeddedBroker}, perhaps in
 * another process).
 *
 * @example
 * ```ts
 * const broker = connectEmbeddedBroker(process.env.LAB_BROKER_URL as string);
 * await broker.publish('LAB_x.payments', JSON.stringify(event), event.eventId);
 * ```
 */
export function connectEmbeddedBroker(url: string, onClose: () => Promise<void> = async () => {}): Broker {
  // Requests in flight, so that closing the client ends a long poll at once.
  const inFlight = new Set<AbortController>();
  const call = async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    const controller = new AbortController();
    inFlight.add(controller);
    try {
      const response = await fetch(new URL(path, url), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      const value = (await response.json()) as T & { error?: string };
      if (!response.ok) throw new Error(`embedded broker: ${value.error ?? response.status}`);
      return value;
    } finally {
      inFlight.delete(controller);
    }
  };
  return {
    kind: 'embedded',
    version: 'embedded broker (lab, in memory)',
    url,
    async addStream(name, subjects, options) {
      await call('POST', '/streams', { name, subjects, duplicateWindowMs: options?.duplicateWindowMs ?? defaultDuplicateWindowMs });
    },
    async deleteStream(name) {
      await call('DELETE', `/streams/${encodeURIComponent(name)}`);
    },
    streams: () => call<string[]>('GET', '/streams'),
    publish: (subject, data, msgId) => call<PublishAck>('POST', '/publish', { subject, data, msgId }),
    async consume(stream, durable, handler, options): Promise<Consumption> {
      let running = true;
      const handling = new Set<Promise<void>>();
      const loop = (async () => {
        while (running) {
          // Handled side by side, as a consumer's workers would; at most maxInFlight at once.
          while (handling.size >= maxInFlight) await Promise.race(handling);
          let deliveries: Delivery[];
          try {
            deliveries = await call<Delivery[]>('POST', '/fetch', { stream, durable, ackWaitMs: options.ackWaitMs, max: maxInFlight - handling.size, filterSubject: options.filterSubject });
          } catch (error) {
            if (!running) break;
            throw error;
          }
          for (const delivery of deliveries) {
            if (!running) break;
            const message: BrokerMessage = { ...delivery, ack: () => call('POST', '/ack', { stream, durable, seq: delivery.seq }).then(() => {}) };
            // A handler that throws leaves the message unacknowledged: it comes back after the ack wait.
            const handled: Promise<void> = handler(message)
              .catch(() => {})
              .finally(() => handling.delete(handled));
            handling.add(handled);
          }
        }
        await Promise.all(handling);
      })();
      return {
        async stop() {
          running = false;
          await loop.catch(() => {});
        },
      };
    },
    async close() {
      for (const controller of inFlight) controller.abort();
      await onClose();
    },
  };
}

/**
 * Starts an embedded broker in this process, served on 127.0.0.1 at a port the OS picks, and
 * returns a client of it; closing the client stops the server.
 *
 * @example
 * ```ts
 * const broker = await startEmbeddedBroker();
 * broker.url; // 'http://127.0.0.1:41234/' — give it to child processes
 * await broker.close();
 * ```
 */
export async function startEmbeddedBroker(): Promise<Broker> {
  const server = await listenOnLoopback(brokerApp(new EmbeddedStreams()));
  return connectEmbeddedBroker(`http://127.0.0.1:${server.port}/`, server.close);
}
