/**
 * A system with `async` steps on every cut over several brokers at once (NATS JetStream and the
 * embedded stand-in, say), measured side by side in the same rounds, so that a reader can see what the
 * stand-in changes: the latency of each cut, and that every published call was handled.
 */
import { noFaults } from '../faults/fault-model.ts';
import { measureLatencySideBySide, type LatencyOptions } from '../measure/measure.ts';
import type { Broker } from '../messaging/broker.ts';
import type { System } from '../model/system.ts';
import { settledStats, type RunningSystem, type SystemTransport } from '../runtime/running-system.ts';

/** One cut over one broker. */
export interface BrokerCutRow {
  /** What carried the async calls: the broker's version. */
  readonly broker: string;
  readonly brokerKind: Broker['kind'];
  readonly cut: string;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Requests sent in the latency rounds. */
  readonly requests: number;
  /** Async calls published through the broker, and handled by their target's unit once the broker delivered them. */
  readonly asyncPublished: number;
  readonly asyncHandled: number;
}

/**
 * Deploys every cut of `system` over each broker on `transport`, all at once, measures latency one
 * request at a time in interleaved rounds, then waits for the brokers to deliver what was published
 * and counts it. Every deployment is closed before it resolves, and also when it throws.
 *
 * @example
 * ```ts
 * const rows = await compareBrokers(shop, httpSystemTransport, [jetStream, embedded], { warmup: 20, iterations: 300, rounds: 5, maxSeconds: 5 });
 * rows.filter((row) => row.cut === 'nanoservices').map((row) => [row.broker, row.p50Us]);
 * ```
 */
export async function compareBrokers(system: System, transport: SystemTransport, brokers: readonly Broker[], sizes: LatencyOptions & { readonly rounds: number }): Promise<BrokerCutRow[]> {
  const running: Array<{ broker: Broker; deployed: RunningSystem }> = [];
  try {
    for (const broker of brokers) {
      for (const cut of Object.keys(system.cuts)) {
        const deployed = await transport.deploy(system, cut, { broker });
        running.push({ broker, deployed });
        await deployed.apply({ seed: 1, faults: noFaults, work: 'full' });
      }
    }
    const key = (index: number) => `${index}`;
    const counters = running.map(() => 0);
    const latencies = await measureLatencySideBySide(
      Object.fromEntries(running.map(({ deployed }, index) => [key(index), () => deployed.send({ id: (counters[index] = (counters[index] ?? 0) + 1), attempt: 0 })])),
      sizes,
    );
    return await Promise.all(
      running.map(async ({ broker, deployed }, index) => {
        const stats = await settledStats(deployed, 10_000);
        const summary = latencies[key(index)];
        return {
          broker: broker.version,
          brokerKind: broker.kind,
          cut: deployed.cut.name,
          p50Us: summary?.p50Us ?? 0,
          p99Us: summary?.p99Us ?? 0,
          requests: summary?.iterations ?? 0,
          asyncPublished: stats.reduce((total, unit) => total + unit.asyncPublished, 0),
          asyncHandled: stats.reduce((total, unit) => total + unit.asyncHandled, 0),
        };
      }),
    );
  } finally {
    await Promise.allSettled(running.map(({ deployed }) => deployed.close()));
  }
}
