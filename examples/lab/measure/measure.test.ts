import { describe, expect, it } from 'vitest';
import { measureLatency, measureLatencySideBySide, measureThroughput } from './measure.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Timers may fire a fraction of a millisecond early; a busy wait on the same clock cannot.
const busyFor = async (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
};

describe('measureLatency', () => {
  it('records every iteration after the warm-up and orders the percentiles', async () => {
    let calls = 0;
    const summary = await measureLatency(async () => { calls += 1; }, { warmup: 7, iterations: 50, maxSeconds: 5 });
    expect(calls).toBe(57);
    expect(summary.iterations).toBe(50);
    expect(summary.p50Us).toBeLessThanOrEqual(summary.p90Us);
    expect(summary.p90Us).toBeLessThanOrEqual(summary.p99Us);
    expect(summary.p99Us).toBeLessThanOrEqual(summary.maxUs);
  });

  it('sees a slow operation as slow: a 2 ms sleep is at least 2000 µs at the median', async () => {
    const summary = await measureLatency(() => busyFor(2), { warmup: 1, iterations: 5, maxSeconds: 5 });
    expect(summary.p50Us).toBeGreaterThanOrEqual(1990);
  });

  it('stops at the time bound when the count is out of reach', async () => {
    const summary = await measureLatency(() => sleep(5), { warmup: 0, iterations: 1_000_000, maxSeconds: 0.1 });
    expect(summary.iterations).toBeGreaterThan(0);
    expect(summary.iterations).toBeLessThan(100);
  });
});

describe('measureLatencySideBySide', () => {
  it('takes turns: every operation runs in every round, and each records exactly its share', async () => {
    const order: string[] = [];
    const op = (name: string) => async () => { order.push(name); };
    const summaries = await measureLatencySideBySide({ a: op('a'), b: op('b'), c: op('c') }, { warmup: 1, iterations: 7, rounds: 3, maxSeconds: 5 });
    expect(summaries.a.iterations).toBe(7);
    expect(summaries.c.iterations).toBe(7);
    // After one warm-up call each, round 1 starts with a, round 2 with b, round 3 with c; quotas 3, 2, 2.
    expect(order.join('')).toBe('abc' + 'aaabbbccc' + 'bbccaa' + 'ccaabb');
  });

  it('keeps slow and fast operations apart', async () => {
    const summaries = await measureLatencySideBySide({ fast: async () => {}, slow: () => busyFor(2) }, { warmup: 0, iterations: 6, rounds: 2, maxSeconds: 5 });
    expect(summaries.slow.p50Us).toBeGreaterThanOrEqual(1990);
    expect(summaries.fast.p50Us).toBeLessThan(summaries.slow.p50Us);
  });
});

describe('measureThroughput', () => {
  it('completes exactly the requested number of calls', async () => {
    let calls = 0;
    const summary = await measureThroughput(async () => { calls += 1; }, { concurrency: 4, requests: 100, maxSeconds: 5 });
    expect(calls).toBe(100);
    expect(summary.requests).toBe(100);
    expect(summary.requestsPerSecond).toBeGreaterThan(0);
  });

  it('is bounded in time', async () => {
    const summary = await measureThroughput(() => sleep(20), { concurrency: 2, requests: 1_000_000, maxSeconds: 0.1 });
    expect(summary.requests).toBeLessThan(50);
  });
});
