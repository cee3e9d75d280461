/**
 * The entry point of one deploy unit running as its own process (see `processTransport`).
 * It reads its shape, its unit name and the ports of the units it calls from the environment,
 * serves on 127.0.0.1 with a port the OS picks, and reports that port to its parent over IPC.
 */
import { keepAliveAgent, postJson } from './http-client.ts';
import type { AnyShape } from '../model/shapes.ts';
import type { CallUnit } from '../units/transport.ts';
import { createUnitApp } from '../units/unit-app.ts';
import { serveUntilStopped } from '../processes/serve.ts';

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

// Reports its port over IPC; on SIGTERM, or if the parent dies without stopping it, closes and exits.
await serveUntilStopped(createUnitApp(shape, unitName, call), { onStop: () => agent.destroy() });
