/**
 * One replica of one deploy unit of a cut, run as its own process (started by
 * examples/lab/processes/service-process.ts). It serves the unit's checkout routes exactly as the lab
 * deploys them (`createUnitApp`: run the unit's functions, hand the rest to the next unit), and, when
 * the unit holds functions of the cart capability, the same routes under `/quote` for a price quote:
 * the checkout chain cut after the cart capability, so a quote never needs billing or receipts. A quote
 * is the request that tells whether a fault in payments takes down what does not need payments.
 *
 * Environment: REDUNDANCY_SHAPE (the cut, JSON) and REDUNDANCY_UNIT (which of its units this is). The
 * ports of the units it calls (their balancers) arrive over IPC, `{ peerPorts }`, answered with
 * `{ peersReceived: true }`; a balancer rebuilt between phases sends them again.
 */
import type { StepName } from '../checkout/step-names.ts';
import { microservices, truncateShape, type Shape } from '../lab/model/shapes.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { serveUntilStopped } from '../lab/processes/serve.ts';
import type { CallUnit } from '../lab/units/transport.ts';
import { createUnitApp } from '../lab/units/unit-app.ts';

/** The functions of the cart capability, in chain order: what a price quote runs. */
export const quoteFunctions: readonly StepName[] = microservices.units.find((unit) => unit.name === 'cart')?.functions ?? [];

/** The path prefix of the quote routes. */
export const quotePrefix = '/quote';

/**
 * The cut a quote travels through: the shape cut after the cart capability. Units left without a quote
 * function serve no quote route.
 *
 * @example
 * ```ts
 * quoteShape(nanoservices).units.map((unit) => unit.name); // ['validateCart', 'priceCart', 'applyDiscount']
 * quoteShape(monolith).units[0]?.functions; // ['validateCart', 'priceCart', 'applyDiscount']
 * ```
 */
export function quoteShape(shape: Shape): Shape {
  return truncateShape(shape, quoteFunctions.length);
}

/** Sent by the parent when the balancers in front of the peers are (re)built. */
interface PeerPortsMessage {
  readonly peerPorts?: Record<string, number>;
}

/**
 * Serves one replica until SIGTERM, a SIGKILL from the experiment, or its parent going away.
 *
 * @example
 * ```ts
 * await runRedundancyUnit(); // in a child started by startService, with REDUNDANCY_SHAPE and REDUNDANCY_UNIT set
 * ```
 */
export async function runRedundancyUnit(): Promise<void> {
  const shape = JSON.parse(process.env.REDUNDANCY_SHAPE ?? 'null') as Shape | null;
  const unitName = process.env.REDUNDANCY_UNIT;
  if (!shape || !unitName || !process.send) {
    console.error('redundancy-unit: start me through startService (REDUNDANCY_SHAPE, REDUNDANCY_UNIT and an IPC channel are required)');
    process.exit(2);
  }
  const agent = keepAliveAgent();
  const peerPorts: Record<string, number> = {};
  const callOn = (prefix: string): CallUnit => (unit, route, body) => {
    const port = peerPorts[unit];
    if (port === undefined) return Promise.reject(new Error(`unit ${unitName} has no port for ${unit}`));
    return postJson(agent, port, `${prefix}/${route}`, body);
  };
  process.on('message', (message: PeerPortsMessage | null) => {
    if (!message?.peerPorts) return;
    Object.assign(peerPorts, message.peerPorts);
    process.send?.({ peersReceived: true });
  });

  const app = createUnitApp(shape, unitName, callOn(''));
  const quotes = quoteShape(shape);
  if (quotes.units.some((unit) => unit.name === unitName)) app.route(quotePrefix, createUnitApp(quotes, unitName, callOn(quotePrefix)));
  await serveUntilStopped(app, { onStop: () => agent.destroy() });
}
