/**
 * A system's asynchronous calls through a broker: an `async` step publishes each call to the
 * deployment's stream, on the subject of the unit that holds its target, with a message id that names
 * the call in its request (a republished call is dropped by the stream); each unit consumes its
 * subject with a durable consumer, handles the call as an arrival of the operation, and acknowledges
 * it after its work and its writes, so that a call it did not finish (refused, crashed) is delivered
 * again after the ack wait.
 */
import { randomBytes } from 'node:crypto';
import type { RequestKey } from '../faults/fault-model.ts';
import type { PublishCall, SystemUnit } from '../runtime/system-unit.ts';
import { streamPrefix, type Broker, type Consumption } from './broker.ts';

/** How long a delivered call may go unacknowledged before the broker delivers it again. */
export const asyncAckWaitMs = 500;

/** A unit or operation name as one NATS subject token (no dots, wildcards or spaces). */
const token = (name: string) => name.replace(/[^A-Za-z0-9_+-]/g, '_');

/** What travels on the stream: the call. */
interface PublishedCall {
  readonly operation: string;
  readonly request: RequestKey;
  readonly body: string;
}

/**
 * Creates a stream for one deployment's asynchronous calls and returns its name; delete it with
 * `broker.deleteStream` when the deployment stops.
 *
 * @example
 * ```ts
 * const stream = await createCallStream(broker);
 * ```
 */
export async function createCallStream(broker: Broker): Promise<string> {
  const stream = `${streamPrefix}calls_${process.pid}_${randomBytes(4).toString('hex')}`;
  await broker.addStream(stream, [`${stream}.>`]);
  return stream;
}

/** The publisher and the consumers of one process's units on a deployment's stream. */
export interface AsyncCalls {
  /** What the units' `async` steps publish through (`SystemUnitOptions.publish`). */
  readonly publish: PublishCall;
  /** Starts the durable consumer of a unit: the broker delivers it the calls to its operations. */
  attach(unitName: string, unit: SystemUnit): Promise<void>;
  /** Stops this process's consumers (what they had not acknowledged is delivered again later). */
  stop(): Promise<void>;
}

/**
 * The asynchronous calls of the units of one process, on a deployment's stream.
 *
 * @example
 * ```ts
 * const calls = asyncCallsOn(broker, stream);
 * const unit = createSystemUnitApp(system, cut, 'email', callOperation, { spinPerUs, publish: calls.publish });
 * await calls.attach('email', unit);
 * ```
 */
export function asyncCallsOn(broker: Broker, stream: string): AsyncCalls {
  const consumptions: Consumption[] = [];
  return {
    async publish(unit, operation, request, callKey, body) {
      const call: PublishedCall = { operation, request, body };
      const ack = await broker.publish(`${stream}.${token(unit)}.${token(operation)}`, JSON.stringify(call), `${request.id}:${callKey}`);
      return { duplicate: ack.duplicate };
    },
    async attach(unitName, unit) {
      consumptions.push(
        await broker.consume(
          stream,
          `unit_${token(unitName)}`,
          async (message) => {
            const call = JSON.parse(message.data) as PublishedCall;
            if (await unit.handleDelivered(call.operation, call.request, call.body)) await message.ack();
          },
          { ackWaitMs: asyncAckWaitMs, filterSubject: `${stream}.${token(unitName)}.>` },
        ),
      );
    },
    async stop() {
      await Promise.all(consumptions.splice(0).map((consumption) => consumption.stop()));
    },
  };
}
