/**
 * The work an operation does each time it runs: CPU time spent computing, and time spent waiting (a
 * disk, a remote store) during which the unit serves other requests. Browser-safe.
 */
import { sampler } from '../model/distribution.ts';
import type { Operation } from '../model/system.ts';
import { calibrateSpin, spin } from '../measure/busy-work.ts';
import { seededRandom, seedFor } from '../faults/fault-injection.ts';

/** One run's work, µs. */
export interface WorkDraw {
  readonly cpuUs: number;
  readonly waitUs: number;
}

/**
 * The work an operation does for a request: drawn from its work model with a seed made of the run's
 * seed, the operation and the request id, so that every cut of a system does exactly the same work
 * for the same request, and a retry does it again.
 *
 * @example
 * ```ts
 * drawWork(system.operations.checkout, 7, 42); // { cpuUs: 287.3, waitUs: 0 }, the same every time
 * ```
 */
export function drawWork(operation: Operation, seed: number, requestId: number): WorkDraw {
  const random = seededRandom(seedFor(seed, `work|${operation.name}|${requestId}`));
  const cpuUs = sampler(operation.work.cpuUs, random)();
  const waitUs = operation.work.waitUs === undefined ? 0 : sampler(operation.work.waitUs, random)();
  return { cpuUs, waitUs };
}

/** Thrown into the work of a request that was abandoned: its unit stopped, or a run moved on. */
export class WorkAbandonedError extends Error {
  constructor() {
    super('work abandoned: the unit stopped or the run moved on');
    this.name = 'WorkAbandonedError';
  }
}

/**
 * The waits of the requests a unit has in flight, so that they can all be abandoned at once: a
 * stopped unit leaves no timer behind, and one phase of a run leaves nothing running into the next.
 *
 * @example
 * ```ts
 * const inFlight = new InFlightWaits();
 * const waited = inFlight.sleep(1000); // rejects with WorkAbandonedError ...
 * inFlight.abandonAll(); // ... now
 * ```
 */
export class InFlightWaits {
  readonly #waits = new Map<ReturnType<typeof setTimeout>, () => void>();

  /** Resolves after `ms` milliseconds without holding the CPU, unless abandoned first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waits.delete(timer);
        resolve();
      }, ms);
      this.#waits.set(timer, () => reject(new WorkAbandonedError()));
    });
  }

  /** Ends every wait now with a {@link WorkAbandonedError}. */
  abandonAll(): void {
    for (const [timer, abandon] of this.#waits) {
      clearTimeout(timer);
      abandon();
    }
    this.#waits.clear();
  }
}

/**
 * Does the work: spins the CPU for `cpuUs` (calibrated with `calibrateSpin`, so it is real computing
 * that keeps a core busy and competes with every other request in the process), then waits `waitUs`
 * on a timer, as a service waits on its disk or a remote store, leaving the core to other requests.
 * Timers resolve in whole milliseconds, so a wait under 1 ms takes about 1 ms.
 *
 * @example
 * ```ts
 * await performWork({ cpuUs: 300, waitUs: 2000 }, calibrateSpin(), new InFlightWaits());
 * ```
 */
export async function performWork(work: WorkDraw, spinPerUs: number, inFlight: InFlightWaits): Promise<void> {
  if (work.cpuUs > 0) spin(Math.round(work.cpuUs * spinPerUs));
  if (work.waitUs > 0) await inFlight.sleep(work.waitUs / 1000);
}

let spinRate: number | undefined;

/**
 * This process's {@link spin} iterations per µs, calibrated once (the first call takes a few
 * milliseconds), so that every unit of every deployment in the process spins at the same rate.
 *
 * @example
 * ```ts
 * createSystemUnitApp(system, cut, unit, callOperation, { spinPerUs: processSpinRate() });
 * ```
 */
export function processSpinRate(): number {
  spinRate ??= calibrateSpin();
  return spinRate;
}
