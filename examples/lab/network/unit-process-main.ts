/**
 * The entry point of one deploy unit running as its own process (see `processTransport`).
 * It reads its shape, its unit name and the ports of the units it calls from the environment,
 * serves on 127.0.0.1 with a port the OS picks, and reports that port to its parent over IPC.
 */
import { keepAliveAgent, postJson } from './http-client.ts';
import { listenOnLoopback } from './http-transport.ts';
import type { AnyShape } from '../model/shapes.ts';
import type { CallUnit } from '../units/transport.ts';
import { createUnitApp } from '../units/unit-app.ts';

const shape = JSON.parse(process.env.LAB_SHAPE ?? 'null') as AnyShape | null;
const unitName = process.env.LAB_UNIT;
const peerPorts = JSON.parse(process.env.LAB_PEER_PORTS ?? '{}') as Record<string, number>;
if (!shape || !unitName || !process.send) {
  console.error('unit-process-main: start me through processTransport (LAB_SHAPE, LAB_UNIT and an IPC channel are required)');
  process.exit(2);
}

const agent = keepAliveAgent();
const call: CallUnit = (unit, route, body) => {
  const port = peerPorts[unit];
  if (port === undefined) return Promise.reject(new Error(`unit ${unitName} has no port for ${unit}`));
  return postJson(agent, port, `/${route}`, body);
};

const server = await listenOnLoopback(createUnitApp(shape, unitName, call));
process.send({ port: server.port });

async function stop() {
  agent.destroy();
  await server.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
// If the parent dies without stopping us, do not linger as an orphan holding a port.
process.once('disconnect', () => void stop());
