/**
 * One deploy unit of a system, as a Hono app: it runs the operations the cut put in it, calls the
 * operations it holds in process, and the others through the transport. Browser-safe: the memory
 * transport runs it in a page, the http and process transports behind a real socket.
 */
import { Hono, type Context } from 'hono';
import { unitNamesOf, writesPerRequest, type Cut, type Operation, type System } from '../model/system.ts';
import { arrivalFates, noFaults, type RequestKey } from '../faults/fault-model.ts';
import {
  CallFailedError,
  formatRequestKey,
  parseRequestKey,
  requestHeader,
  settingsPath,
  statsPath,
  type RunSettings,
  type UnitStats,
} from './unit-protocol.ts';
import { drawPayloadBytes, payloadOf } from './payload.ts';
import { drawWork, InFlightWaits, performWork, WorkAbandonedError } from './work.ts';

/**
 * Calls an operation held by another unit and resolves when it has answered; rejects with a
 * {@link CallFailedError} when it answered with an error or not at all.
 */
export type CallOperation = (unit: string, operation: string, request: RequestKey, body: string) => Promise<void>;

/**
 * Publishes an asynchronous call to a broker and resolves once the broker has it (not once it has
 * been handled). `callKey` names the call within its request (caller, step, target), so that a
 * republished call carries the same message id and the broker drops it.
 */
export type PublishCall = (unit: string, operation: string, request: RequestKey, callKey: string, body: string) => Promise<{ readonly duplicate: boolean }>;

/** What a transport gives the unit it runs. */
export interface SystemUnitOptions {
  /** Where `async` steps go: a broker (`publish`), or, without one, a call through the transport that nobody waits for. */
  readonly publish?: PublishCall;
  /** {@link spin} iterations per µs of CPU on this machine (`calibrateSpin`). */
  readonly spinPerUs: number;
  /** Ends the request without an answer, as a crashed unit would; returns what the handler returns. The memory transport throws {@link AnswerLostError}; a socket transport destroys the connection. */
  readonly dropAnswer?: (c: Context) => Response;
}

/** Thrown by a unit that crashed in the memory transport, where there is no connection to drop. */
export class AnswerLostError extends Error {
  constructor(unit: string) {
    super(`unit ${unit} crashed before answering`);
    this.name = 'AnswerLostError';
  }
}

const initialSettings: RunSettings = { seed: 1, faults: noFaults, work: 'full' };

/** Marks an arrival the broker delivered (in process, through `handleDelivered`), not one that came over the transport. */
const deliveredHeader = 'x-lab-delivered';

/** A unit's app, and how to stop the work it has in flight. */
export interface SystemUnit {
  readonly app: Hono;
  /** Abandons every request in flight (their waits end at once, their answers are errors): a unit stopping, or a run moving to its next phase. */
  abandonInFlight(): void;
  /**
   * Handles an asynchronous call the broker delivered, as an arrival of the operation: resolves true
   * when it succeeded (acknowledge it), false when it did not (the broker delivers it again).
   */
  handleDelivered(operation: string, request: RequestKey, body: string): Promise<boolean>;
}

/**
 * Builds the Hono app of one unit of a cut: `POST /op/<operation>` for each operation it holds, plus
 * the lab's `GET /_lab/stats` and `POST /_lab/settings`. An arrival first meets its fault (refused
 * with 503, delayed, or crashed after its work and writes); the operation then does its work, writes
 * its state, and makes its calls step by step: a step's targets run in parallel, a `sync` step is
 * waited for, an `async` one is published and not waited for (to a broker when `options.publish` is
 * given: the step then waits for the broker to have it, and the target's unit handles it when the
 * broker delivers it, through `handleDelivered`). A call to an operation of the same unit
 * is a function call; to another unit, `callOperation`. Applying new settings abandons the work in
 * flight, so that one phase of a run leaves nothing running into the next.
 *
 * @example
 * ```ts
 * const { app } = createSystemUnitApp(system, system.cuts.nanoservices, 'cart', callOperation, { spinPerUs: calibrateSpin() });
 * await app.fetch(new Request('http://cart/op/cart', { method: 'POST', headers: { 'x-lab-request': '1.0' }, body: '' }));
 * ```
 */
export function createSystemUnitApp(system: System, cut: Cut, unitName: string, callOperation: CallOperation, options: SystemUnitOptions): SystemUnit {
  const unitIndex = cut.units.findIndex((unit) => unit.name === unitName);
  const unit = cut.units[unitIndex];
  if (!unit) throw new Error(`cut ${cut.name} of ${system.name} has no unit named ${unitName}`);
  const unitOfOperation = unitNamesOf(cut);
  const held = new Set(unit.operations);

  let settings = initialSettings;
  const inFlight = new InFlightWaits();
  let fateOf = arrivalFates(settings.faults, settings.seed);
  const counters = { arrivals: 0, refused: 0, crashed: 0, delayed: 0, outgoing: 0, asyncLost: 0, operationsRun: 0, asyncPublished: 0, asyncHandled: 0, asyncDuplicates: 0 };
  const writes = new Map<string, number>();
  const duplicated = new Set<number>();
  const expectedWrites = writesPerRequest(system);
  const pending = new Set<Promise<void>>();

  const call = async (target: string, request: RequestKey): Promise<void> => {
    if (held.has(target)) return run(system.operations[target] as Operation, request);
    counters.outgoing += 1;
    const body = payloadOf(drawPayloadBytes(system.operations[target] as Operation, settings.seed, request.id));
    return callOperation(unitOfOperation.get(target) as string, target, request, body);
  };

  async function run(operation: Operation, request: RequestKey): Promise<void> {
    counters.operationsRun += 1;
    if (settings.work === 'full') await performWork(drawWork(operation, settings.seed, request.id), options.spinPerUs, inFlight);
    for (const table of operation.state) {
      const key = `${table}|${request.id}`;
      const count = (writes.get(key) ?? 0) + 1;
      writes.set(key, count);
      // More writes than one clean execution makes: some operation ran twice for this request.
      if (count > (expectedWrites.get(table) ?? 1)) duplicated.add(request.id);
    }
    for (const [index, step] of operation.calls.entries()) {
      if (step.mode === 'sync') {
        await Promise.all(step.targets.map((target) => call(target, request)));
        continue;
      }
      const viaBroker = options.publish ? step.targets.filter((target) => !held.has(target)) : [];
      if (viaBroker.length > 0) {
        // Through the broker: the step waits until the broker has each call, not until it is handled.
        await Promise.all(
          viaBroker.map(async (target) => {
            counters.outgoing += 1;
            const body = payloadOf(drawPayloadBytes(system.operations[target] as Operation, settings.seed, request.id));
            try {
              const ack = await options.publish?.(unitOfOperation.get(target) as string, target, request, `${operation.name}.${index}.${target}`, body);
              // A retry's republish of a call the broker has already is dropped: one call, handled once.
              if (ack?.duplicate) counters.asyncDuplicates += 1;
              else counters.asyncPublished += 1;
            } catch {
              counters.asyncLost += 1;
            }
          }),
        );
      }
      // Calls in this unit (and every call, without a broker) run without being waited for.
      for (const target of step.targets.filter((target) => !viaBroker.includes(target))) {
        const published: Promise<void> = call(target, request)
          .catch(() => {
            counters.asyncLost += 1;
          })
          .finally(() => pending.delete(published));
        pending.add(published);
      }
    }
  }

  const dropAnswer =
    options.dropAnswer ??
    (() => {
      throw new AnswerLostError(unitName);
    });

  const app = new Hono();
  app.post('/op/:operation', async (c) => {
    const name = c.req.param('operation');
    const operation = system.operations[name];
    if (!operation || !held.has(name)) return c.json({ error: { code: 'unknown-operation', message: `unit ${unitName} does not hold an operation named ${name}` } }, 404);
    const request = parseRequestKey(c.req.header(requestHeader));
    if (!request) return c.json({ error: { code: 'bad-request', message: `the ${requestHeader} header must be <id>.<attempt>` } }, 400);
    await c.req.text();
    counters.arrivals += 1;
    const fate = fateOf({ unit: unitName, unitIndex, operation: name, request });
    if (fate.refused) {
      counters.refused += 1;
      return c.json({ error: { code: fate.refused, message: `injected fault: ${fate.refused === 'zone' ? `the zone of unit ${unitName} is down` : `unit ${unitName} unavailable`}` } }, 503);
    }
    try {
      await run(operation, request);
    } catch (error) {
      if (error instanceof WorkAbandonedError) return c.json({ error: { code: 'abandoned', message: error.message } }, 503);
      if (!(error instanceof CallFailedError)) throw error;
      return c.json({ error: { code: 'upstream', message: `${name} in ${unitName}: ${error.message}` } }, 502);
    }
    if (fate.delayUs > 0) {
      counters.delayed += 1;
      try {
        await inFlight.sleep(fate.delayUs / 1000);
      } catch {
        return c.json({ error: { code: 'abandoned', message: 'the run moved on' } }, 503);
      }
    }
    if (fate.crashes) {
      counters.crashed += 1;
      // A call the broker delivered has no connection to drop: the crash is that it is never acknowledged.
      if (c.req.header(deliveredHeader)) throw new AnswerLostError(unitName);
      return dropAnswer(c);
    }
    return c.text(payloadOf(drawPayloadBytes(operation, settings.seed, request.id)));
  });

  app.get(statsPath, (c) => {
    const stats: UnitStats = { unit: unitName, ...counters, pendingAsync: pending.size, duplicatedRequests: [...duplicated] };
    return c.json(stats);
  });

  app.post(settingsPath, async (c) => {
    settings = (await c.req.json()) as RunSettings;
    abandonInFlight();
    fateOf = arrivalFates(settings.faults, settings.seed);
    for (const key of Object.keys(counters) as Array<keyof typeof counters>) counters[key] = 0;
    writes.clear();
    duplicated.clear();
    return c.json({ unit: unitName, applied: true });
  });

  app.onError((error, c) => {
    if (error instanceof AnswerLostError) throw error;
    return c.json({ error: { code: 'internal', message: error.message } }, 500);
  });
  function abandonInFlight() {
    inFlight.abandonAll();
  }
  async function handleDelivered(operation: string, request: RequestKey, body: string): Promise<boolean> {
    try {
      const response = await app.fetch(new Request(`http://${unitName}/op/${encodeURIComponent(operation)}`, { method: 'POST', headers: { [requestHeader]: formatRequestKey(request), [deliveredHeader]: '1' }, body }));
      if (response.status !== 200) return false;
      counters.asyncHandled += 1;
      return true;
    } catch (error) {
      // A crash after the work (the memory transport's dropped answer): not acknowledged, delivered again.
      if (error instanceof AnswerLostError) return false;
      throw error;
    }
  }
  return { app, abandonInFlight, handleDelivered };
}
