import { beforeAll, describe, expect, it } from 'vitest';
import { browserExperiment, callsPerCheckout } from './in-browser.ts';
import { startMemoryPaymentApi } from './memory-payment-stand-in.ts';
import { findPhaseRow, type PhaseRow, type ThirdPartyResult } from './report.ts';

const settle = (promise: Promise<void>) => promise.then(() => 200, (error: Error) => Number(/\d{3}/.exec(error.message)?.[0] ?? 0));

describe('the in-memory payment stand-in', () => {
  it('answers from its seed like the HTTP one, 503 after holding a call during the outage, and drops a caller that gives up', async () => {
    const calm = startMemoryPaymentApi({ seed: 1, errorRate: 0.5, spikeRate: 0, spikeMs: 0, outageFromMs: 60_000, outageToMs: 60_001, outageAnswerMs: 5 });
    const again = startMemoryPaymentApi({ seed: 1, errorRate: 0.5, spikeRate: 0, spikeMs: 0, outageFromMs: 60_000, outageToMs: 60_001, outageAnswerMs: 5 });
    const down = startMemoryPaymentApi({ seed: 1, errorRate: 0, spikeRate: 0, spikeMs: 0, outageFromMs: 0, outageToMs: 60_000, outageAnswerMs: 30 });
    try {
      const first: number[] = [];
      const second: number[] = [];
      for (let i = 0; i < 10; i += 1) first.push(await settle(calm.call(100)));
      for (let i = 0; i < 10; i += 1) second.push(await settle(again.call(100)));
      expect(first).toEqual(second);
      expect(new Set(first)).toEqual(new Set([200, 500]));
      expect(calm.counts.charged + calm.counts.errors).toBe(10);

      down.begin();
      expect(await settle(down.call(100))).toBe(503);
      const giveUp = new AbortController();
      const abandoned = settle(down.call(100, giveUp.signal));
      giveUp.abort();
      expect(await abandoned).toBe(0);
      expect(down.counts.callsDuringOutage).toBe(2);
    } finally {
      await Promise.all([calm.close(), again.close(), down.close()]);
    }
  });
});

describe('micro-third-party in the browser (quick run: 1 s per run, outage for the middle 60%)', () => {
  let result: ThirdPartyResult;
  const progress: number[] = [];
  const row = (placement: PhaseRow['placement'], policy: PhaseRow['policy'], phase: PhaseRow['phase']): PhaseRow => {
    const found = findPhaseRow(result, placement, policy, phase);
    if (!found) throw new Error(`no row for ${placement}/${policy}/${phase}`);
    return found;
  };
  beforeAll(async () => {
    result = await browserExperiment.run(browserExperiment.params.parse(browserExperiment.quick), ({ done }) => progress.push(done));
  }, 60_000);

  it('runs every placement, policy and window, and accounts for every checkout', () => {
    expect(result.rows).toHaveLength(2 * 3 * 3);
    for (const r of result.rows) expect(r.succeeded + r.failed + r.fastFailed).toBe(r.sent);
  });

  it('only the breaker fast-fails, and it does during the outage wherever the adapter runs', () => {
    for (const r of result.rows.filter((r) => r.policy !== 'timeout+retry+breaker')) expect(r.fastFailed).toBe(0);
    for (const placement of ['in-process', 'service'] as const) expect(row(placement, 'timeout+retry+breaker', 'outage').fastFailed).toBeGreaterThan(0);
  });

  it('plain calls fail during the outage and succeed around it', () => {
    for (const placement of ['in-process', 'service'] as const) {
      expect(row(placement, 'plain', 'outage').failed).toBeGreaterThan(0);
      expect(row(placement, 'plain', 'outage').successPercent).toBeLessThan(row(placement, 'plain', 'before').successPercent);
    }
  });

  it('retries multiply the calls on a provider that is down; the open breaker shields it', () => {
    for (const placement of ['in-process', 'service'] as const) {
      const retried = row(placement, 'timeout+retry', 'outage');
      const broken = row(placement, 'timeout+retry+breaker', 'outage');
      expect(callsPerCheckout(retried)).toBeGreaterThan(1);
      expect(callsPerCheckout(broken)).toBeLessThan(callsPerCheckout(retried));
    }
  });

  it('reports progress to the total, the outage and full tables, two bar charts of the outage, and a summary from the figures', () => {
    // The placements run side by side: one step per policy.
    expect(progress.at(-1)).toBe(3);
    const [outage, all] = browserExperiment.tables(result);
    expect(outage?.rows).toHaveLength(6);
    expect(all?.rows).toHaveLength(18);
    const plots = browserExperiment.plots(result);
    expect(plots.map((plot) => [plot.kind, plot.rows.length])).toEqual([['bar', 6], ['bar', 6]]);
    const broken = row('in-process', 'timeout+retry+breaker', 'outage');
    expect(browserExperiment.summary(result)).toContain(`fast-failed ${broken.fastFailed} of ${broken.sent}`);
  });
});

describe('micro-third-party in the browser, with the reader’s failure probability', () => {
  it('a provider failing half its calls makes about half of the plain checkouts before the outage fail', async () => {
    const p = browserExperiment.params.parse({ ...browserExperiment.initial, placements: ['in-process'], policies: ['plain'], errorRate: 0.5, spikeRate: 0, durationMs: 600, outageFrom: 0.5, outageTo: 0.6 });
    const before = findPhaseRow(await browserExperiment.run(p), 'in-process', 'plain', 'before');
    expect(before?.sent).toBeGreaterThan(20);
    expect(before?.successPercent).toBeGreaterThan(20);
    expect(before?.successPercent).toBeLessThan(80);
    // Plain calls: one provider call per checkout. A checkout started just before the phase ends can
    // have its provider call counted in the next phase, so the two may differ by one.
    expect(Math.abs((before?.providerCalls ?? 0) - (before?.sent ?? 0))).toBeLessThanOrEqual(1);
  });

  it('starts the form from values the command-line schema accepts, and tells the reader when the breaker was not run', () => {
    expect(browserExperiment.params.safeParse(browserExperiment.initial).success).toBe(true);
    expect(browserExperiment.summary({ rows: [], outageFromMs: 0, outageToMs: 1, durationMs: 1, callers: 4, adapterReplicas: 2, runs: 1 })).toMatch(/Add the timeout\+retry\+breaker policy/);
  });
});

describe('callsPerCheckout', () => {
  it('divides the provider calls by the checkouts started, and is 0 for an empty window', () => {
    expect(callsPerCheckout({ sent: 40, providerCalls: 100 })).toBe(2.5);
    expect(callsPerCheckout({ sent: 0, providerCalls: 3 })).toBe(0);
  });
});
