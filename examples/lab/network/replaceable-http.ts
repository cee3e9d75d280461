import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { keepAliveAgent, postJson } from './http-client.ts';
import type { AnyShape, Shape } from '../model/shapes.ts';
import type { CallUnit, UnitAnswer } from '../units/transport.ts';
import { createUnitApp, type UnitOptions } from '../units/unit-app.ts';

/**
 * How a unit is replaced. `blue-green`: start the new version on a new port, point the route at it,
 * wait until the old one has answered every call it was given, then stop it. `stop-start`: stop the
 * old version at once (dropping its connections), start the new one, then point the route at it.
 */
export const replaceStrategies = ['blue-green', 'stop-start'] as const;
/** One of {@link replaceStrategies}. */
export type ReplaceStrategy = (typeof replaceStrategies)[number];

/** What replacing units took. */
export interface ReplaceReport {
  readonly unitsReplaced: number;
  /** Checkout functions in the replaced units: the code that went out with the change. */
  readonly functionsRedeployed: number;
  /** Calls the old versions still had outstanding when the route switched. */
  readonly outstandingAtSwitch: number;
  /** `performance.now()` when the route pointed at the new versions. */
  readonly switchedAt: number;
  /** From the start of the replacement until the old versions were stopped. */
  readonly milliseconds: number;
}

/** A shape over HTTP on loopback whose units can be replaced while calls flow. */
export interface ReplaceableDeployment<S extends AnyShape = Shape> {
  readonly shape: S;
  checkout(cart: unknown, headers?: Readonly<Record<string, string>>): Promise<UnitAnswer>;
  readonly call: CallUnit;
  /** The port a unit's route points at now. */
  portOf(unitName: string): number | undefined;
  replaceUnits(
    unitNames: readonly string[],
    unitOptions: (unitName: string) => UnitOptions,
    options: { readonly strategy: ReplaceStrategy; readonly startDelayMs?: number; readonly drainTimeoutMs?: number },
  ): Promise<ReplaceReport>;
  close(): Promise<void>;
}

interface RunningServer {
  readonly port: number;
  stop(mode: 'drain' | 'abort'): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startServer(fetch: (request: Request) => Response | Promise<Response>): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        port: info.port,
        stop: (mode) =>
          new Promise<void>((done) => {
            const http = server as Server;
            http.close(() => done());
            if (mode === 'abort') http.closeAllConnections();
            else http.closeIdleConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

/**
 * Deploys a shape with every unit a real HTTP server on 127.0.0.1 (port 0), behind a routing table
 * the units share: each call looks up the port of the unit it goes to when it is sent, and the table
 * counts the calls outstanding on each port. Replacing a unit is starting a new server and changing
 * its entry, so callers need no restart, and a drain knows when the old server has no work left.
 *
 * @example
 * ```ts
 * const deployment = await startReplaceableHttp(nanoservices);
 * try {
 *   await deployment.replaceUnits(['calculateTax'], () => ({ steps: { calculateTax: otherTax } }), { strategy: 'blue-green' });
 * } finally {
 *   await deployment.close();
 * }
 * ```
 */
export async function startReplaceableHttp<S extends AnyShape>(shape: S, unitOptions: (unitName: string) => UnitOptions = () => ({})): Promise<ReplaceableDeployment<S>> {
  const agent = keepAliveAgent();
  const routes = new Map<string, RunningServer>();
  const outstanding = new Map<number, number>();
  const everyServer = new Set<RunningServer>();
  const call: CallUnit = (unit, route, body, headers) => {
    const server = routes.get(unit);
    if (!server) return Promise.reject(new Error(`no unit named ${unit} is running`));
    const port = server.port;
    outstanding.set(port, (outstanding.get(port) ?? 0) + 1);
    return postJson(agent, port, `/${route}`, body, headers).finally(() => outstanding.set(port, (outstanding.get(port) ?? 1) - 1));
  };
  const start = async (unitName: string, options: UnitOptions) => {
    const server = await startServer(createUnitApp(shape, unitName, call, options).fetch);
    everyServer.add(server);
    return server;
  };
  const stop = async (server: RunningServer, mode: 'drain' | 'abort', drainTimeoutMs: number) => {
    const deadline = performance.now() + drainTimeoutMs;
    // Bounded: a call that never settles cannot hold the drain longer than the timeout.
    while (mode === 'drain' && (outstanding.get(server.port) ?? 0) > 0 && performance.now() < deadline) await sleep(1);
    await server.stop(mode === 'drain' && (outstanding.get(server.port) ?? 0) === 0 ? 'drain' : 'abort');
    everyServer.delete(server);
  };
  const close = async () => {
    agent.destroy();
    await Promise.all([...everyServer].map((server) => stop(server, 'abort', 0)));
    routes.clear();
  };

  try {
    for (const unit of shape.units) routes.set(unit.name, await start(unit.name, unitOptions(unit.name)));
  } catch (error) {
    await close();
    throw error;
  }
  const entry = shape.units[0];
  const entryRoute = entry?.functions[0];
  if (!entry || !entryRoute) {
    await close();
    throw new Error(`shape ${shape.name} has no unit to send a cart to`);
  }

  return {
    shape,
    call,
    checkout: (cart, headers) => call(entry.name, entryRoute, cart, headers),
    portOf: (unitName) => routes.get(unitName)?.port,
    async replaceUnits(unitNames, newOptions, { strategy, startDelayMs = 0, drainTimeoutMs = 5_000 }) {
      const began = performance.now();
      const old = unitNames.map((name) => {
        const server = routes.get(name);
        if (!server) throw new Error(`no unit named ${name} is running`);
        return server;
      });
      if (strategy === 'stop-start') await Promise.all(old.map((server) => stop(server, 'abort', 0)));
      // startDelayMs stands for the time a real process takes to boot before it can listen.
      await sleep(startDelayMs);
      const fresh = await Promise.all(unitNames.map((name) => start(name, newOptions(name))));
      const outstandingAtSwitch = old.reduce((sum, server) => sum + (outstanding.get(server.port) ?? 0), 0);
      unitNames.forEach((name, index) => routes.set(name, fresh[index] as RunningServer));
      const switchedAt = performance.now();
      if (strategy === 'blue-green') await Promise.all(old.map((server) => stop(server, 'drain', drainTimeoutMs)));
      const functionsRedeployed = shape.units.filter((unit) => unitNames.includes(unit.name)).reduce((sum, unit) => sum + unit.functions.length, 0);
      return { unitsReplaced: unitNames.length, functionsRedeployed, outstandingAtSwitch, switchedAt, milliseconds: Math.round((performance.now() - began) * 10) / 10 };
    },
    close,
  };
}
