/**
 * What a PostgreSQL round trip and a broker hop cost through the lab, next to the raw client's own
 * round trip measured in the same rounds, like the HTTP hop next to raw `node:http`:
 * - PostgreSQL: `SELECT 1` through a unit's store (its role, its schema) against the same query on a
 *   plain `pg` client;
 * - broker: a message published through the lab's broker until its durable consumer has it (JetStream
 *   stores it before it acknowledges the publish), against the platform's floor: a core NATS
 *   request and reply, which stores nothing (on the embedded broker, a plain HTTP round trip on loopback).
 */
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { measureLatencySideBySide, type LatencyOptions, type LatencySummary } from '../measure/measure.ts';
import { streamPrefix, type Broker } from '../messaging/broker.ts';
import { startRawHttpEcho } from '../network/raw-http-baseline.ts';
import type { PostgresBackend } from '../state/postgres.ts';
import { openUnitStore, withRunDatabase } from '../state/run-database.ts';

/** One quantity through the lab and through the raw client, measured side by side. */
export interface HopPair {
  /** What is measured, in words. */
  readonly what: string;
  readonly lab: LatencySummary;
  /** What the raw round trip is, in words. */
  readonly rawWhat: string;
  readonly raw: LatencySummary;
  /** lab p50 ÷ raw p50. */
  readonly ratio: number;
}

/** The servers' hops of a run. */
export interface ServerHops {
  readonly postgres: HopPair & { readonly server: string };
  readonly broker: HopPair & { readonly server: string };
}

const pair = (what: string, lab: LatencySummary, rawWhat: string, raw: LatencySummary): HopPair => ({ what, lab, rawWhat, raw, ratio: Math.round((lab.p50Us / raw.p50Us) * 100) / 100 });

/** Resolves the next delivery of a consumer one at a time: publish, then wait for it. */
function deliveries() {
  let waiting: (() => void) | undefined;
  return {
    next: () => new Promise<void>((resolve) => (waiting = resolve)),
    arrived: () => waiting?.(),
  };
}

/**
 * Measures a PostgreSQL round trip and a broker hop through the lab and through the raw clients,
 * side by side in `rounds`, in a run database and a stream of their own, removed afterwards.
 *
 * @example
 * ```ts
 * const hops = await measureServerHops(postgres, broker, { warmup: 100, iterations: 1000, rounds: 10, maxSeconds: 10 });
 * hops.postgres.ratio; // about 1: the lab adds no work to a query
 * ```
 */
export async function measureServerHops(postgres: PostgresBackend, broker: Broker, options: LatencyOptions & { readonly rounds: number }): Promise<ServerHops> {
  const postgresPair = await withRunDatabase(postgres, 'hops', async (run) => {
    const [unit] = await run.provision('database-per-service', ['probe']);
    const store = openUnitStore(unit!, 1);
    const raw = new pg.Client({ connectionString: run.adminUrl });
    await raw.connect();
    try {
      const latencies = await measureLatencySideBySide({ lab: () => store.query('SELECT 1'), raw: () => raw.query('SELECT 1') }, options);
      return pair("SELECT 1 through a unit's store (its role, its schema)", latencies.lab, 'SELECT 1 on a plain pg client', latencies.raw);
    } finally {
      await Promise.all([store.end(), raw.end()]);
    }
  });

  const stream = `${streamPrefix}hops_${process.pid}_${Date.now()}`;
  await broker.addStream(stream, [`${stream}.>`]);
  const consumed = deliveries();
  const consumption = await broker.consume(
    stream,
    'hops',
    async (message) => {
      await message.ack();
      consumed.arrived();
    },
    { ackWaitMs: 5_000 },
  );
  let sent = 0;
  const labHop = async () => {
    const arrival = consumed.next();
    await broker.publish(`${stream}.hop`, 'hop', `hop-${sent++}`);
    await arrival;
  };
  try {
    if (broker.kind === 'server') {
      const nc = await connect({ servers: broker.url });
      const subscription = nc.subscribe(`${stream}_raw`, { callback: (_error, message) => {
        message.respond('hop');
      } });
      try {
        const latencies = await measureLatencySideBySide({ lab: labHop, raw: () => nc.request(`${stream}_raw`, 'hop', { timeout: 5_000 }) }, options);
        return {
          postgres: { ...postgresPair, server: postgres.version },
          broker: { ...pair('publish (stored by JetStream) until the durable consumer has it', latencies.lab, 'a core NATS request and reply (nothing stored)', latencies.raw), server: broker.version },
        };
      } finally {
        subscription.unsubscribe();
        await nc.drain();
      }
    }
    const echo = await startRawHttpEcho('hop');
    try {
      const latencies = await measureLatencySideBySide({ lab: labHop, raw: echo.roundTrip }, options);
      return {
        postgres: { ...postgresPair, server: postgres.version },
        broker: { ...pair('publish until the durable consumer has it', latencies.lab, 'a plain node:http round trip on loopback', latencies.raw), server: broker.version },
      };
    } finally {
      await echo.close();
    }
  } finally {
    await consumption.stop();
    await broker.deleteStream(stream);
  }
}
