/**
 * What the lab needs of a message broker, as NATS JetStream gives it: streams that keep messages,
 * publishing with a message id (a message republished with the same id within the duplicate window
 * is dropped), durable consumers that acknowledge each message after their work, and redelivery of a
 * message not acknowledged in time (after a crash). Two implementations hold to it: JetStream
 * (jetstream-broker.ts) and the embedded broker (embedded-broker.ts) for a machine without NATS.
 */

/** One delivery of a message to a consumer. */
export interface BrokerMessage {
  readonly subject: string;
  readonly data: string;
  /** The id it was published with. */
  readonly msgId: string;
  /** Its position in the stream. */
  readonly seq: number;
  /** 1 on the first delivery, more on each redelivery. */
  readonly deliveryCount: number;
  /** Acknowledges it: it will not be delivered to this consumer again. */
  ack(): Promise<void>;
}

/** What a publish did: the message's position, and whether the stream had it already (same id). */
export interface PublishAck {
  readonly seq: number;
  readonly duplicate: boolean;
}

/** A consumer's subscription; `stop` ends deliveries (unacknowledged messages are delivered again later). */
export interface Consumption {
  stop(): Promise<void>;
}

/** How a durable consumer takes its messages. */
export interface ConsumeOptions {
  /** How long a delivery may stay unacknowledged before it is delivered again. */
  readonly ackWaitMs: number;
  /** A NATS subject pattern (`*` one token, `>` the rest): only messages on matching subjects. */
  readonly filterSubject?: string;
}

/** A broker the lab publishes to and consumes from. */
export interface Broker {
  readonly kind: 'server' | 'embedded';
  /** What answers, with its version: `NATS 2.10.x (JetStream)` or `embedded broker (lab)`. */
  readonly version: string;
  /** The address a child process connects to with {@link connectBroker}-style code: `nats://…` or `http://…`. */
  readonly url: string;
  /** Creates a stream that keeps every message published to `subjects`. */
  addStream(name: string, subjects: readonly string[], options?: { readonly duplicateWindowMs?: number }): Promise<void>;
  /** Deletes a stream and its consumers. */
  deleteStream(name: string): Promise<void>;
  /** The streams that exist. */
  streams(): Promise<string[]>;
  publish(subject: string, data: string, msgId: string): Promise<PublishAck>;
  /**
   * Delivers the stream's messages to a durable consumer (created when missing) one at a time: the
   * handler acknowledges each after its work; one not acknowledged within `ackWaitMs` (a crash, a
   * throw) is delivered again. With `filterSubject`, only the messages on subjects it matches.
   */
  consume(stream: string, durable: string, handler: (message: BrokerMessage) => Promise<void>, options: ConsumeOptions): Promise<Consumption>;
  /** Closes the connection (and stops the embedded broker this process serves). */
  close(): Promise<void>;
}

/** The duplicate window the lab's streams keep when none is given: two minutes, JetStream's default. */
export const defaultDuplicateWindowMs = 120_000;

/** Every stream the lab creates starts with this, so that leftovers can be found. */
export const streamPrefix = 'LAB_';
