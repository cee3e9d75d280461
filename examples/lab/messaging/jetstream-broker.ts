/**
 * The lab's broker on NATS JetStream, with the official clients (`@nats-io/transport-node`,
 * `@nats-io/jetstream`): streams with a duplicate window, publishing with `Nats-Msg-Id`, durable
 * consumers with explicit acknowledgement and an ack wait after which JetStream redelivers.
 */
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { noteCreatedOnServer } from '../infra/used-servers.ts';
import { defaultDuplicateWindowMs, type Broker, type Consumption } from './broker.ts';

/** Deliveries a consumer handles at once. */
const maxInFlight = 16;

/** JetStream counts durations in nanoseconds. */
const nanos = (ms: number) => ms * 1_000_000;

/** What the project's machines start (shared/services.md). */
export const defaultNatsUrl = 'nats://127.0.0.1:4222';

/** How to start the project's NATS again (shared/services.md). */
export const startNatsCommand = 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log';

/**
 * Connects to a NATS server with JetStream at `url`; rejects within `timeoutMs` when none answers,
 * or when the server has no JetStream.
 *
 * @example
 * ```ts
 * const broker = await connectJetStream('nats://127.0.0.1:4222');
 * await broker.addStream('LAB_demo', ['LAB_demo.>']);
 * ```
 */
export async function connectJetStream(url: string, timeoutMs = 2_000): Promise<Broker> {
  const nc = await connect({ servers: url, timeout: timeoutMs, reconnect: false });
  try {
    const jsm = await jetstreamManager(nc, { timeout: timeoutMs });
    const js = jetstream(nc);
    const consumptions = new Set<Consumption>();
    return {
      kind: 'server',
      version: `NATS ${nc.info?.version ?? 'unknown'} (JetStream)`,
      url,
      async addStream(name, subjects, options) {
        noteCreatedOnServer();
        await jsm.streams.add({ name, subjects: [...subjects], duplicate_window: nanos(options?.duplicateWindowMs ?? defaultDuplicateWindowMs) });
      },
      async deleteStream(name) {
        await jsm.streams.delete(name);
      },
      async streams() {
        const names: string[] = [];
        for await (const name of jsm.streams.names()) names.push(name);
        return names.sort();
      },
      async publish(subject, data, msgId) {
        const ack = await js.publish(subject, data, { msgID: msgId });
        return { seq: ack.seq, duplicate: ack.duplicate };
      },
      async consume(stream, durable, handler, options) {
        const existing = await jsm.consumers.info(stream, durable).catch(() => undefined);
        if (!existing) {
          await jsm.consumers.add(stream, {
            durable_name: durable,
            ack_policy: AckPolicy.Explicit,
            ack_wait: nanos(options.ackWaitMs),
            deliver_policy: DeliverPolicy.All,
            ...(options.filterSubject ? { filter_subject: options.filterSubject } : {}),
          });
        }
        const consumer = await js.consumers.get(stream, durable);
        const messages = await consumer.consume({ max_messages: maxInFlight });
        const handling = new Set<Promise<void>>();
        const loop = (async () => {
          for await (const m of messages) {
            // Handled side by side, as a consumer's workers would; at most maxInFlight at once.
            while (handling.size >= maxInFlight) await Promise.race(handling);
            // A handler that throws leaves the message unacknowledged: JetStream redelivers it after the ack wait.
            const handled: Promise<void> = handler({
              subject: m.subject,
              data: m.string(),
              msgId: m.headers?.get('Nats-Msg-Id') ?? '',
              seq: m.seq,
              deliveryCount: m.info.deliveryCount,
              ack: async () => {
                await m.ackAck();
              },
            })
              .catch(() => {})
              .finally(() => handling.delete(handled));
            handling.add(handled);
          }
          await Promise.all(handling);
        })();
        const consumption: Consumption = {
          async stop() {
            consumptions.delete(consumption);
            await messages.close();
            await loop.catch(() => {});
          },
        };
        consumptions.add(consumption);
        return consumption;
      },
      async close() {
        await Promise.allSettled([...consumptions].map((consumption) => consumption.stop()));
        await nc.drain();
      },
    };
  } catch (error) {
    await nc.close();
    throw error;
  }
}
