/**
 * How the units of a deployed system talk to each other and to the run that drives them, whatever
 * the transport: the routes, the header that carries a request's id, and the errors a caller sees.
 * Browser-safe.
 */
import type { FaultModel, RequestKey } from '../faults/fault-model.ts';

/** The header carrying a request's id and attempt, `<id>.<attempt>`, from the client through every unit. */
export const requestHeader = 'x-lab-request';

/** The route of an operation in the unit that holds it. */
export const operationPath = (operation: string): string => `/op/${encodeURIComponent(operation)}`;

/** The lab's own routes on every unit: its counters, and the settings of the next phase of a run. */
export const statsPath = '/_lab/stats';
export const settingsPath = '/_lab/settings';

/**
 * The request header's value for a request.
 *
 * @example
 * ```ts
 * formatRequestKey({ id: 42, attempt: 1 }); // '42.1'
 * ```
 */
export const formatRequestKey = (request: RequestKey): string => `${request.id}.${request.attempt}`;

/**
 * A request key read back from its header, or undefined when the header is missing or malformed.
 *
 * @example
 * ```ts
 * parseRequestKey('42.1'); // { id: 42, attempt: 1 }
 * ```
 */
export function parseRequestKey(header: string | null | undefined): RequestKey | undefined {
  const match = /^(\d{1,15})\.(\d{1,2})$/.exec(header ?? '');
  return match ? { id: Number(match[1]), attempt: Number(match[2]) } : undefined;
}

/** What a phase of a run asks every unit to do. */
export interface RunSettings {
  /** Seeds the work each operation draws and the faults each arrival meets. */
  readonly seed: number;
  readonly faults: FaultModel;
  /** `full` does each operation's CPU and waiting; `skip` does none, for a fault run whose outcome does not depend on time. */
  readonly work: 'full' | 'skip';
}

/** A unit's counters since the last settings were applied. */
export interface UnitStats {
  readonly unit: string;
  /** Requests that reached the unit over the transport. */
  readonly arrivals: number;
  readonly refused: number;
  readonly crashed: number;
  readonly delayed: number;
  /** Calls the unit sent over the transport (waited for or published). */
  readonly outgoing: number;
  /** Published calls not yet handled, and those that never were (their target refused, crashed or failed). */
  readonly pendingAsync: number;
  readonly asyncLost: number;
  /** Calls this unit published to the broker (when one carries the asynchronous calls), each counted once. */
  readonly asyncPublished: number;
  /** Publishes the broker dropped because it had the call already (a client's retry publishes the same call again). */
  readonly asyncDuplicates: number;
  /** Calls the broker delivered to this unit that it handled (and acknowledged). */
  readonly asyncHandled: number;
  /** Ids of requests whose writes to this unit's state happened more than once. */
  readonly duplicatedRequests: readonly number[];
  /** Operations run, in process or on arrival. */
  readonly operationsRun: number;
}

/** Why a call to another unit did not come back with an answer. */
export type CallFailure = 'failed' | 'lost';

/**
 * A call to another unit that ended without a good answer: `failed` when the unit answered with an
 * error, `lost` when no answer came (the connection dropped: the unit crashed).
 */
export class CallFailedError extends Error {
  constructor(
    readonly failure: CallFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CallFailedError';
  }
}
