import type { StepName } from '../../checkout/steps.ts';
import type { AnyShape } from '../model/shapes.ts';
import type { UnitOptions } from './unit-app.ts';

/** The transports a shape can be deployed over. */
export const transportNames = ['memory', 'http', 'process'] as const;
/** How deploy units reach each other. */
export type TransportName = (typeof transportNames)[number];

/** What came back from a unit: the value and how many network calls it took to produce it. */
export interface UnitAnswer {
  readonly value: unknown;
  /** Calls that crossed the transport, counting the one that delivered this answer. */
  readonly networkCalls: number;
}

/** Sends `body` (and any extra headers, such as credentials) to the route of `unit` and resolves with its answer. */
export type CallUnit = (unit: string, route: StepName, body: unknown, headers?: Readonly<Record<string, string>>) => Promise<UnitAnswer>;

/** Where one running unit listens: its port on 127.0.0.1, and its process ID when it runs in a process of its own. */
export interface UnitEndpoint {
  readonly unit: string;
  readonly port: number;
  /** Set by `processTransport` only: every other transport runs its units in this process. */
  readonly pid?: number;
}

/** A shape whose units are up and reachable. */
export interface RunningUnits {
  readonly call: CallUnit;
  /**
   * Every unit's port (and PID), in the shape's unit order, for raw requests to any unit and for
   * reading what a unit process costs. Empty on `memoryTransport`, which has no network.
   */
  readonly endpoints: readonly UnitEndpoint[];
  /** Stops every server and process the transport started. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts every unit of a shape and wires them together. Implementations: `memoryTransport`
 * (browser-safe), `httpTransport` and `processTransport` (Node only).
 */
export interface Transport {
  readonly name: TransportName;
  /** Starts the units; `unitOptions` (not supported by `processTransport`) adjusts each unit's app. */
  start(shape: AnyShape, unitOptions?: (unitName: string) => UnitOptions): Promise<RunningUnits>;
}
