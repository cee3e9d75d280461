import type { RunningSystem } from '../lab/runtime/running-system.ts';

/** How a window of fixed-rate load is sized. Bounded in count and in time. */
export interface FixedRateWindow {
  /** Requests started per second, on a fixed schedule whatever the answers do (an open loop). */
  readonly ratePerSecond: number;
  readonly seconds: number;
  /** The id of the window's first request; the next ones follow. */
  readonly firstId: number;
  /** How long the window waits for its last answers before counting them unfinished. */
  readonly graceMs: number;
}

/** What a window of fixed-rate load measured. */
export interface FixedRateOutcome {
  /** Latency of every answered request, µs, from its scheduled start (so that a late start counts as waiting) or its actual start if earlier. */
  readonly latenciesUs: readonly number[];
  readonly sent: number;
  readonly failed: number;
  /** Still unanswered when the grace period ended. */
  readonly unfinished: number;
  /** CPU the deployment spent over the window and its grace period, µs, as `cpuUs` counts it. */
  readonly cpuUs: number;
  /** The window's length, s: from the first scheduled start to the last answer or the end of the grace period. */
  readonly seconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Sends requests to a deployment at a fixed rate for a fixed time, as a load generator at a fixed
 * QPS does (the paper's 10,000 QPS, scaled down), and measures each request's latency from its
 * scheduled start and the CPU the deployment spent. An open loop: a slow answer does not delay the
 * next request, so queueing shows in the latency instead of lowering the load.
 *
 * @example
 * ```ts
 * const outcome = await driveAtRate(running, { ratePerSecond: 100, seconds: 3, firstId: 1, graceMs: 2000 }, () => process.cpuUsage().user);
 * outcome.sent; // 300
 * ```
 */
export async function driveAtRate(running: RunningSystem, window: FixedRateWindow, cpuUs: () => number): Promise<FixedRateOutcome> {
  const total = Math.max(1, Math.round(window.ratePerSecond * window.seconds));
  const intervalMs = 1000 / window.ratePerSecond;
  const latenciesUs: number[] = [];
  let failed = 0;
  let pending = 0;
  const cpuStart = cpuUs();
  const start = performance.now();
  let lastAnswer = start;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending += 1;
    // From the scheduled start when the request left late (the wait counts, as a user's would), from
    // its actual start when the timer let it leave a little early.
    const from = Math.min(due, performance.now());
    inFlight.push(
      running.send({ id: window.firstId + i, attempt: 0 }).then(
        () => {
          const now = performance.now();
          latenciesUs.push((now - from) * 1000);
          lastAnswer = Math.max(lastAnswer, now);
          pending -= 1;
        },
        () => {
          failed += 1;
          pending -= 1;
        },
      ),
    );
  }
  const graceEnds = start + total * intervalMs + window.graceMs;
  await Promise.race([Promise.all(inFlight), sleep(graceEnds - performance.now())]);
  const end = pending > 0 ? performance.now() : lastAnswer;
  return { latenciesUs, sent: total, failed, unfinished: pending, cpuUs: cpuUs() - cpuStart, seconds: (end - start) / 1000 };
}
