/**
 * A system deployed in one cut on one transport, seen from the client: send requests to its entry,
 * set up the next phase of a run, read every unit's counters, stop it. Browser-safe: the transports
 * differ only in the {@link UnitClient} that reaches a unit.
 */
import type { Broker } from '../messaging/broker.ts';
import type { Cut, System } from '../model/system.ts';
import type { RequestKey } from '../faults/fault-model.ts';
import type { CallOperation } from './system-unit.ts';
import {
  CallFailedError,
  formatRequestKey,
  operationPath,
  requestHeader,
  settingsPath,
  statsPath,
  type RunSettings,
  type UnitStats,
} from './unit-protocol.ts';

/** What a unit answered. */
export interface UnitReply {
  readonly status: number;
  readonly text: string;
}

/**
 * Sends one HTTP request to a unit and resolves with its reply; rejects with a `lost`
 * {@link CallFailedError} when the unit dropped the connection instead of answering.
 */
export type UnitClient = (unit: string, method: 'GET' | 'POST', path: string, headers: Readonly<Record<string, string>>, body?: string) => Promise<UnitReply>;

/** The transports a system can be deployed over. */
export const systemTransportNames = ['memory', 'http', 'process'] as const;
/** How the units of a deployed system reach each other. */
export type SystemTransportName = (typeof systemTransportNames)[number];

/** A unit as deployed: where it runs. */
export interface DeployedUnit {
  readonly name: string;
  readonly operations: readonly string[];
  /** Its port on 127.0.0.1 (http and process transports). */
  readonly port?: number;
  /** Its process (process transport). */
  readonly pid?: number;
}

/** A system running in one cut on one transport. */
export interface RunningSystem {
  readonly system: System;
  readonly cut: Cut;
  readonly transport: SystemTransportName;
  readonly units: readonly DeployedUnit[];
  /** Sends one attempt of a request to the entry operation, as a client would; rejects with a {@link CallFailedError}. */
  send(request: RequestKey): Promise<void>;
  /** Applies the settings of the next phase to every unit and clears their counters. */
  apply(settings: RunSettings): Promise<void>;
  /** Every unit's counters. */
  stats(): Promise<UnitStats[]>;
  /** Stops every server and process the deployment started. Safe to call twice. */
  close(): Promise<void>;
}

/** Where a deployment's asynchronous calls go: a broker (and the stream the deployment creates on it), or, without one, calls through the transport that nobody waits for. */
export interface DeployOptions {
  readonly broker?: Broker;
}

/** Deploys a system's cut on a transport. */
export interface SystemTransport {
  readonly name: SystemTransportName;
  deploy(system: System, cutName: string, options?: DeployOptions): Promise<RunningSystem>;
}

/**
 * The cut of a system by name, or a RangeError naming the cuts it has.
 *
 * @example
 * ```ts
 * cutNamed(system, 'monolith').units.length; // 1
 * ```
 */
export function cutNamed(system: System, cutName: string): Cut {
  const cut = system.cuts[cutName];
  if (!cut) throw new RangeError(`${system.name} has no cut named "${cutName}"; its cuts: ${Object.keys(system.cuts).join(', ')}`);
  return cut;
}

/**
 * The {@link CallOperation} a unit uses to reach the others through a client: a reply other than 200
 * is a `failed` call.
 *
 * @example
 * ```ts
 * const callOperation = operationCaller(client);
 * await callOperation('payment', 'payment', { id: 1, attempt: 0 }, body);
 * ```
 */
export function operationCaller(client: UnitClient): CallOperation {
  return async (unit, operation, request, body) => {
    const reply = await client(unit, 'POST', operationPath(operation), { [requestHeader]: formatRequestKey(request), 'content-type': 'text/plain' }, body);
    if (reply.status !== 200) throw new CallFailedError('failed', `${operation} (${unit}) answered ${reply.status}: ${reply.text.slice(0, 200)}`);
  };
}

/**
 * Assembles a {@link RunningSystem} from the units a transport started and the client that reaches them.
 *
 * @example
 * ```ts
 * return runningSystem(system, cut, 'http', units, client, close);
 * ```
 */
export function runningSystem(
  system: System,
  cut: Cut,
  transport: SystemTransportName,
  units: readonly DeployedUnit[],
  client: UnitClient,
  close: () => Promise<void>,
): RunningSystem {
  const entryUnit = units.find((unit) => unit.operations.includes(system.entry));
  if (!entryUnit) throw new Error(`cut ${cut.name} of ${system.name} has no unit holding the entry ${system.entry}`);
  const callOperation = operationCaller(client);
  const json = async (reply: UnitReply, what: string) => {
    if (reply.status !== 200) throw new Error(`${what} answered ${reply.status}: ${reply.text.slice(0, 200)}`);
    return JSON.parse(reply.text) as unknown;
  };
  return {
    system,
    cut,
    transport,
    units,
    send: (request) => callOperation(entryUnit.name, system.entry, request, ''),
    async apply(settings) {
      const body = JSON.stringify(settings);
      await Promise.all(units.map(async (unit) => json(await client(unit.name, 'POST', settingsPath, { 'content-type': 'application/json' }, body), `unit ${unit.name}`)));
    },
    stats: () => Promise.all(units.map(async (unit) => (await json(await client(unit.name, 'GET', statsPath, {}), `unit ${unit.name}`)) as UnitStats)),
    close,
  };
}

/**
 * Every unit's counters once their published calls have been handled (those through the transport,
 * and as many through the broker as were published), or once `timeoutMs` has passed.
 *
 * @example
 * ```ts
 * const stats = await settledStats(running);
 * stats.every((unit) => unit.pendingAsync === 0); // true unless the timeout passed
 * ```
 */
export async function settledStats(running: RunningSystem, timeoutMs = 10_000): Promise<UnitStats[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const stats = await running.stats();
    const published = stats.reduce((total, unit) => total + unit.asyncPublished, 0);
    const handled = stats.reduce((total, unit) => total + unit.asyncHandled, 0);
    if ((stats.every((unit) => unit.pendingAsync === 0) && handled >= published) || performance.now() > deadline) return stats;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
