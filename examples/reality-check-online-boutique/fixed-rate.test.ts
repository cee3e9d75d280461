import { describe, expect, it } from 'vitest';
import type { RunningSystem } from '../lab/runtime/running-system.ts';
import { driveAtRate } from './fixed-rate.ts';

/** A deployment whose requests take `answerMs` each, or fail when their id is in `failing`, or never answer when in `hanging`. */
function fakeDeployment(answerMs: number, failing: ReadonlySet<number> = new Set(), hanging: ReadonlySet<number> = new Set()): RunningSystem & { started: number[] } {
  const started: number[] = [];
  return {
    started,
    send: ({ id }) => {
      started.push(performance.now());
      if (hanging.has(id)) return new Promise(() => undefined);
      return new Promise((resolve, reject) => setTimeout(() => (failing.has(id) ? reject(new Error('failed')) : resolve()), answerMs));
    },
  } as RunningSystem & { started: number[] };
}

describe('driveAtRate', () => {
  it('starts rate × seconds requests on a fixed schedule, without waiting for answers', async () => {
    const deployment = fakeDeployment(30);
    const outcome = await driveAtRate(deployment, { ratePerSecond: 100, seconds: 0.2, firstId: 1, graceMs: 500 }, () => 0);
    expect(outcome.sent).toBe(20);
    expect(outcome.latenciesUs).toHaveLength(20);
    // Open loop: with 30 ms answers and 10 ms between starts, several requests were in flight at once,
    // so the last started about 190 ms after the first, not 20 × 30 ms.
    const span = (deployment.started.at(-1) as number) - (deployment.started[0] as number);
    expect(span).toBeGreaterThan(150);
    expect(span).toBeLessThan(400);
    for (const latency of outcome.latenciesUs) expect(latency).toBeGreaterThanOrEqual(29_000);
  });

  it('counts failures and requests still unanswered when the grace period ends', async () => {
    const outcome = await driveAtRate(fakeDeployment(1, new Set([3]), new Set([5, 6])), { ratePerSecond: 200, seconds: 0.05, firstId: 1, graceMs: 100 }, () => 0);
    expect(outcome.sent).toBe(10);
    expect(outcome.failed).toBe(1);
    expect(outcome.unfinished).toBe(2);
    expect(outcome.latenciesUs).toHaveLength(7);
  });

  it('reports the CPU counter’s change over the window', async () => {
    let counter = 1_000;
    const outcome = await driveAtRate(fakeDeployment(1), { ratePerSecond: 100, seconds: 0.05, firstId: 1, graceMs: 100 }, () => (counter += 250));
    expect(outcome.cpuUs).toBe(250);
  });
});
