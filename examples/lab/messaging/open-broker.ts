/**
 * Which broker the lab uses, chosen like its PostgreSQL: NATS JetStream when it answers, the embedded
 * broker when it does not (never under CI), and the address a child process connects with.
 */
import { ServerUnavailableError } from '../infra/server-unavailable.ts';
import { recordServer } from '../infra/used-servers.ts';
import type { Broker } from './broker.ts';
import { connectEmbeddedBroker, startEmbeddedBroker } from './embedded-broker.ts';
import { connectJetStream, defaultNatsUrl, startNatsCommand } from './jetstream-broker.ts';

/**
 * The broker the lab uses, in this order: `LAB_NATS_URL` when set (it must answer); NATS with
 * JetStream on 127.0.0.1:4222 when it answers; otherwise the embedded broker, served by this process,
 * unless `CI=true`, where a server that does not answer is an error naming the command that starts
 * it. `LAB_NATS=embedded` asks for the embedded broker even when NATS answers. `log` is told which;
 * `defaultUrl` replaces the project's address (for tests).
 *
 * @example
 * ```ts
 * const broker = await openBroker();
 * child = spawn(process.execPath, [unitMain], { env: { ...process.env, LAB_BROKER_URL: broker.url } });
 * ```
 */
export async function openBroker(options: { readonly env?: NodeJS.ProcessEnv; readonly log?: (line: string) => void; readonly defaultUrl?: string } = {}): Promise<Broker> {
  const broker = await chooseBroker(options);
  recordServer({ role: 'broker', kind: broker.kind, version: broker.version });
  return broker;
}

async function chooseBroker(options: { readonly env?: NodeJS.ProcessEnv; readonly log?: (line: string) => void; readonly defaultUrl?: string }): Promise<Broker> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (env.LAB_NATS === 'embedded') {
    const embedded = await startEmbeddedBroker();
    log(`lab: broker: ${embedded.version} at ${embedded.url} (LAB_NATS=embedded)`);
    return embedded;
  }
  const fallbackUrl = options.defaultUrl ?? defaultNatsUrl;
  const url = env.LAB_NATS_URL || fallbackUrl;
  try {
    const broker = await connectJetStream(url);
    log(`lab: broker: ${broker.version} at ${url}`);
    return broker;
  } catch (error) {
    const reason = (error as Error).message;
    if (env.LAB_NATS_URL) throw new ServerUnavailableError(`LAB_NATS_URL (${env.LAB_NATS_URL}) does not answer with JetStream: ${reason}. Start that server, or unset LAB_NATS_URL.`);
    if (env.CI === 'true') throw new ServerUnavailableError(`NATS with JetStream does not answer at ${fallbackUrl.replace('nats://', '')} (${reason}); CI never falls back to the embedded broker. Start it with: ${startNatsCommand}`);
    const embedded = await startEmbeddedBroker();
    log(`lab: broker: no NATS answers at ${fallbackUrl.replace('nats://', '')}, so the lab uses the ${embedded.version} at ${embedded.url}; published evidence needs NATS`);
    return embedded;
  }
}

/**
 * A child process's connection to the broker its parent opened, by the address it was given.
 *
 * @example
 * ```ts
 * const broker = await connectBroker(process.env.LAB_BROKER_URL as string);
 * ```
 */
export async function connectBroker(url: string): Promise<Broker> {
  if (url.startsWith('nats://')) return connectJetStream(url);
  if (url.startsWith('http://')) return connectEmbeddedBroker(url);
  throw new RangeError(`a broker address is nats://… (JetStream) or http://… (the embedded broker), got "${url}"`);
}
