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

/**
 * Calls `operation` one at a time and records each call's latency in an HDR histogram
 * (nanosecond resolution, 3 significant digits). `performance.now()` works in Node and browsers.
 *
 * @example
 * ```ts
 * const summary = await measureLatency(() => deployment.checkout(sampleCart), { warmup: 200, iterations: 2000, maxSeconds: 20 });
 * summary.p50Us; // e.g. 1234.5
 * ```
 */
export async function measureLatency(operation: () => Promise<unknown>, options: LatencyOptions): Promise<LatencySummary> {
  for (let i = 0; i < options.warmup; i += 1) await operation();
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60e9, numberOfSignificantValueDigits: 3 });
  const deadline = performance.now() + options.maxSeconds * 1000;
  try {
    let count = 0;
    while (count < options.iterations && (count === 0 || performance.now() < deadline)) {
      const start = performance.now();
      await operation();
      histogram.recordValue(Math.max(1, Math.round((performance.now() - start) * 1e6)));
      count += 1;
    }
    const us = (nanoseconds: number) => round(nanoseconds / 1000);
    return {
      iterations: count,
      p50Us: us(histogram.getValueAtPercentile(50)),
      p90Us: us(histogram.getValueAtPercentile(90)),
      p99Us: us(histogram.getValueAtPercentile(99)),
      meanUs: us(histogram.mean),
      // From the histogram like the percentiles, so that p99 <= max holds despite bucket rounding.
      maxUs: us(histogram.getValueAtPercentile(100)),
    };
  } finally {
    histogram.destroy();
  }
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
