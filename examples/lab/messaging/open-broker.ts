/**
 * Which broker the lab uses, chosen like its PostgreSQL: NATS JetStream when it answers, the embedded
 * broker when it does not (never under CI), and the address a child process connects with.
 */
import { chooseServer, type ChooseOptions, type ServerRole } from '../infra/choose-server.ts';
import type { Broker } from './broker.ts';
import { connectEmbeddedBroker, startEmbeddedBroker } from './embedded-broker.ts';
import { connectJetStream, defaultNatsUrl, startNatsCommand } from './jetstream-broker.ts';

/** The broker as `chooseServer` picks it. */
const brokerRole: ServerRole<Broker> = {
  role: 'broker',
  name: 'NATS with JetStream',
  envPrefix: 'LAB_NATS',
  defaultUrl: defaultNatsUrl,
  startCommand: startNatsCommand,
  connect: (url) => connectJetStream(url),
  startEmbedded: startEmbeddedBroker,
  addressOf: (broker) => broker.url,
};

/**
 * The broker the lab uses (`chooseServer`): `LAB_NATS_URL` when set (it must answer); NATS with
 * JetStream on 127.0.0.1:4222 when it answers; otherwise the embedded broker, served by this
 * process, unless `CI=true`. `LAB_NATS=embedded` asks for the embedded broker even when NATS answers.
 *
 * @example
 * ```ts
 * const broker = await openBroker();
 * child = spawn(process.execPath, [unitMain], { env: { ...process.env, LAB_BROKER_URL: broker.url } });
 * ```
 */
export function openBroker(options: ChooseOptions = {}): Promise<Broker> {
  return chooseServer(brokerRole, options);
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
