import * as hdr from 'hdr-histogram-js';

/** Latency percentiles of one measured operation, in microseconds. Plain JSON. */
export interface LatencySummary {
  readonly iterations: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
  readonly maxUs: number;
}

/** How long and how often to measure. Every loop is bounded in count and in time. */
export interface LatencyOptions {
  /** Calls made and thrown away first, so that JIT, connections and caches are warm. */
  readonly warmup: number;
  /** Calls recorded. */
  readonly iterations: number;
  /** Stop recording after this long even if fewer calls were made. */
  readonly maxSeconds: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

function summarize(histogram: hdr.Histogram): LatencySummary {
  const us = (nanoseconds: number) => round(nanoseconds / 1000);
  return {
    iterations: histogram.totalCount,
    p50Us: us(histogram.getValueAtPercentile(50)),
    p90Us: us(histogram.getValueAtPercentile(90)),
    p99Us: us(histogram.getValueAtPercentile(99)),
    meanUs: us(histogram.mean),
    // From the histogram like the percentiles, so that p99 <= max holds despite bucket rounding.
    maxUs: us(histogram.getValueAtPercentile(100)),
  };
}

/**
 * Measures several operations side by side: after warming each up, it takes `rounds` turns, each
 * operation recording `iterations / rounds` calls per turn, starting with a different operation each
 * turn. Drift on a shared machine (another process waking up, the CPU clock changing) then lands on
 * every operation alike instead of on whichever happened to run first. Calls are one at a time and
 * recorded in HDR histograms (nanosecond resolution, 3 significant digits); `performance.now()`
 * works in Node and in browsers.
 *
 * @example
 * ```ts
 * const byShape = await measureLatencySideBySide(
 *   { monolith: () => mono.checkout(cart), nanoservices: () => nano.checkout(cart) },
 *   { warmup: 200, iterations: 2000, rounds: 10, maxSeconds: 20 },
 * );
 * byShape.nanoservices.p50Us / byShape.monolith.p50Us; // the ratio, measured in one run
 * ```
 */
export async function measureLatencySideBySide<Name extends string>(
  operations: Readonly<Record<Name, () => Promise<unknown>>>,
  options: LatencyOptions & { readonly rounds: number },
): Promise<Record<Name, LatencySummary>> {
  const names = Object.keys(operations) as Name[];
  for (const name of names) for (let i = 0; i < options.warmup; i += 1) await operations[name]();
  const histograms = names.map(() => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60e9, numberOfSignificantValueDigits: 3 }));
  const rounds = Math.max(1, Math.min(options.rounds, options.iterations));
  const deadline = performance.now() + options.maxSeconds * 1000 * names.length;
  try {
    for (let turn = 0; turn < rounds; turn += 1) {
      const quota = Math.floor(options.iterations / rounds) + (turn < options.iterations % rounds ? 1 : 0);
      for (let k = 0; k < names.length; k += 1) {
        const index = (turn + k) % names.length;
        const operation = operations[names[index] as Name];
        const histogram = histograms[index] as hdr.Histogram;
        for (let i = 0; i < quota && (histogram.totalCount === 0 || performance.now() < deadline); i += 1) {
          const start = performance.now();
          await operation();
          histogram.recordValue(Math.max(1, Math.round((performance.now() - start) * 1e6)));
        }
      }
    }
    return Object.fromEntries(names.map((name, index) => [name, summarize(histograms[index] as hdr.Histogram)])) as Record<Name, LatencySummary>;
  } finally {
    for (const histogram of histograms) histogram.destroy();
  }
}

/**
 * Calls `operation` one at a time and records each call's latency, after a warm-up.
 *
 * @example
 * ```ts
 * const summary = await measureLatency(() => deployment.checkout(sampleCart), { warmup: 200, iterations: 2000, maxSeconds: 20 });
 * summary.p50Us; // e.g. 1234.5
 * ```
 */
export async function measureLatency(operation: () => Promise<unknown>, options: LatencyOptions): Promise<LatencySummary> {
  return (await measureLatencySideBySide({ operation }, { ...options, rounds: 1 })).operation;
}

/** Completed calls per second with `concurrency` callers in flight. */
export interface ThroughputSummary {
  readonly concurrency: number;
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
}

/**
 * Keeps `concurrency` calls in flight until `requests` have completed or `maxSeconds` have passed,
 * and reports completed calls per second.
 *
 * @example
 * ```ts
 * await measureThroughput(() => deployment.checkout(sampleCart), { concurrency: 16, requests: 2000, maxSeconds: 10 });
 * ```
 */
export async function measureThroughput(
  operation: () => Promise<unknown>,
  options: { readonly concurrency: number; readonly requests: number; readonly maxSeconds: number },
): Promise<ThroughputSummary> {
  let started = 0;
  let completed = 0;
  const begin = performance.now();
  const deadline = begin + options.maxSeconds * 1000;
  const worker = async () => {
    while (started < options.requests && performance.now() < deadline) {
      started += 1;
      await operation();
      completed += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - begin) / 1000;
  return { concurrency: options.concurrency, requests: completed, seconds: round(seconds * 1000) / 1000, requestsPerSecond: Math.round(completed / seconds) };
}
