/**
 * What every bundled unit does around its app (see bundle-units.ts): it learns its peers' ports from
 * `LAB_PEER_PORTS`, or over IPC when the fleet starts at once, serves on 127.0.0.1, reports its port,
 * and stops on SIGTERM or when its parent goes away. The app itself comes from `lab-unit.ts` or
 * `own-functions-unit.ts`, whichever packaging is measured.
 */
import type { StepName } from '../../checkout/steps.ts';
import type { AnyShape } from '../model/shapes.ts';
import { keepAliveAgent, postJson } from '../network/http-client.ts';
import { serveUntilStopped } from '../processes/serve.ts';
import type { CallUnit } from '../units/transport.ts';

/** The configuration a unit's bundle is built with: the shape and which of its units this is. */
export interface BundledUnitConfig {
  readonly shape: AnyShape;
  readonly unit: string;
}

/** Sent by the parent in a start at once, when every unit has reported its port. */
interface PeerPortsMessage {
  readonly peerPorts?: Record<string, number>;
}

/**
 * Serves the app `buildApp` makes, giving it a `callUnit` that reaches the peers by their ports, and
 * reports the port to the parent; resolves once it listens.
 *
 * @example
 * ```ts
 * await serveBundledUnit((callUnit) => createUnitApp(shape, 'billing', callUnit));
 * ```
 */
export async function serveBundledUnit(buildApp: (callUnit: CallUnit) => { fetch: (request: Request) => Response | Promise<Response> }): Promise<void> {
  const agent = keepAliveAgent();
  const peerPorts = JSON.parse(process.env.LAB_PEER_PORTS ?? '{}') as Record<string, number>;
  const callUnit: CallUnit = (unit: string, route: StepName, body: unknown) => {
    const port = peerPorts[unit];
    if (port === undefined) return Promise.reject(new Error(`no port for unit ${unit}`));
    return postJson(agent, port, `/${route}`, body);
  };
  // In a start at once the parent learns the peers' ports only after every unit has reported its own.
  process.on('message', (message: PeerPortsMessage | null) => {
    if (!message?.peerPorts) return;
    Object.assign(peerPorts, message.peerPorts);
    process.send?.({ peersReceived: true });
  });
  await serveUntilStopped(buildApp(callUnit), { onStop: () => agent.destroy() });
}
