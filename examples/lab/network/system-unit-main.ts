/**
 * The entry point of one unit of a system running as its own process (see `processSystemTransport`).
 * Over its IPC channel it receives the system, the cut and its unit; it serves on 127.0.0.1 with a
 * port the OS picks and reports the port; then it receives every unit's port and reports that it is
 * ready. Given a broker's address and a stream, it publishes its `async` steps there and consumes the
 * calls to its own operations. It stops on SIGTERM, SIGINT, or when its parent goes away.
 */
import type { System } from '../model/system.ts';
import { asyncCallsOn } from '../messaging/async-calls.ts';
import { connectBroker } from '../messaging/open-broker.ts';
import { listenOnLoopback } from '../processes/serve.ts';
import { cutNamed, operationCaller } from '../runtime/running-system.ts';
import { createSystemUnitApp } from '../runtime/system-unit.ts';
import { processSpinRate } from '../runtime/work.ts';
import { dropConnection } from './drop-connection.ts';
import { httpUnitClient } from './unit-http-client.ts';

/** The messages a unit process receives, in order. */
export type UnitProcessMessage =
  | { readonly kind: 'start'; readonly system: System; readonly cut: string; readonly unit: string; readonly calls?: { readonly brokerUrl: string; readonly stream: string } }
  | { readonly kind: 'peers'; readonly ports: Readonly<Record<string, number>> };

if (!process.send) {
  console.error('system-unit-main: start me through processSystemTransport (an IPC channel is required)');
  process.exit(2);
}

let ports: Readonly<Record<string, number>> = {};
const { client, close: closeClient } = httpUnitClient((unit) => ports[unit]);
let closeServer: (() => Promise<void>) | undefined;
let abandonInFlight: (() => void) | undefined;
let stopCalls: (() => Promise<void>) | undefined;

async function stop() {
  abandonInFlight?.();
  await stopCalls?.().catch(() => {});
  closeClient();
  await closeServer?.();
  process.exit(0);
}

async function start(message: Extract<UnitProcessMessage, { kind: 'start' }>) {
  const cut = cutNamed(message.system, message.cut);
  const broker = message.calls ? await connectBroker(message.calls.brokerUrl) : undefined;
  const calls = broker && message.calls ? asyncCallsOn(broker, message.calls.stream) : undefined;
  stopCalls = async () => {
    await calls?.stop();
    await broker?.close();
  };
  const unit = createSystemUnitApp(message.system, cut, message.unit, operationCaller(client), { spinPerUs: processSpinRate(), dropAnswer: dropConnection, publish: calls?.publish });
  abandonInFlight = unit.abandonInFlight;
  await calls?.attach(message.unit, unit);
  const server = await listenOnLoopback(unit.app);
  closeServer = server.close;
  process.send?.({ kind: 'listening', port: server.port });
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
// If the parent dies without stopping us, do not linger as an orphan holding a port.
process.once('disconnect', () => void stop());

process.on('message', (message: UnitProcessMessage) => {
  if (message.kind === 'start') {
    start(message).catch((error: unknown) => {
      console.error(`system-unit-main: unit ${message.unit} could not start: ${(error as Error).message}`);
      process.exit(1);
    });
  } else if (message.kind === 'peers') {
    ports = message.ports;
    process.send?.({ kind: 'ready' });
  }
});
