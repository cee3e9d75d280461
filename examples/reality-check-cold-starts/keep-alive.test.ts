import { describe, expect, it } from 'vitest';
import { logNormalThrough, publishedRatePoints, replayKeepAlive, summarizeKeepAlive, type KeepAliveReplay } from './keep-alive.ts';

const base: KeepAliveReplay = { apps: 2_000, keepAliveMinutes: 20, coldStartMs: 500, days: 14, maxInvocationsPerApp: 200, rates: logNormalThrough(publishedRatePoints), seed: 7 };

describe('the fixed keep-alive replay', () => {
  it('fits a log-normal through the two published points of invocations per app', () => {
    const rates = logNormalThrough(publishedRatePoints);
    // Its CDF passes through both points: Φ((ln 24 − μ)/σ) = 0.45 and Φ((ln 1440 − μ)/σ) = 0.81.
    expect((Math.log(24) - rates.mu) / rates.sigma).toBeCloseTo(-0.1257, 3);
    expect((Math.log(1440) - rates.mu) / rates.sigma).toBeCloseTo(0.8778, 3);
    expect(Math.exp(rates.mu)).toBeCloseTo(40.1, 1);
  });

  it('draws the same apps for the same seed, and others for another', () => {
    expect(replayKeepAlive(base)).toEqual(replayKeepAlive(base));
    expect(replayKeepAlive({ ...base, seed: 8 })).not.toEqual(replayKeepAlive(base));
  });

  it('makes every invocation of an app rarer than its window cold, and almost none of a busy one', () => {
    // Every app once a day: gaps of hours, far over 20 minutes.
    const rare = summarizeKeepAlive(replayKeepAlive({ ...base, rates: { mu: Math.log(1), sigma: 0 } }));
    expect(rare.medianAppColdShare).toBe(1);
    expect(rare.appsMostlyCold).toBe(1);
    // Every app 100,000 times a day: gaps of about a second, so only the first invocation is cold.
    const busy = summarizeKeepAlive(replayKeepAlive({ ...base, apps: 50, rates: { mu: Math.log(100_000), sigma: 0 } }));
    expect(busy.medianAppColdShare).toBeCloseTo(1 / 200, 5);
    expect(busy.appsMostlyCold).toBe(0);
  });

  it('makes a cold invocation of an app invoked once per window about as likely as a Poisson gap over the window: e^−1', () => {
    // 72 a day is one per 20 minutes; runs are short next to the window, so P(cold) ≈ e^(−λK) = e^(−1).
    const apps = replayKeepAlive({ ...base, apps: 200, days: 14, maxInvocationsPerApp: 2_000, rates: { mu: Math.log(72), sigma: 0 } });
    const cold = apps.reduce((total, app) => total + app.cold, 0) / apps.reduce((total, app) => total + app.invocations, 0);
    expect(cold).toBeGreaterThan(0.3);
    expect(cold).toBeLessThan(0.42);
  });

  it('weights the share of cold invocations by each app’s rate, since a capped busy app stands for all its invocations', () => {
    const summary = summarizeKeepAlive([
      { perDay: 1, invocations: 2, cold: 2 },
      { perDay: 999, invocations: 200, cold: 2 },
    ]);
    expect(summary.invocationsCold).toBeCloseTo(0.001 * 1 + 0.999 * 0.01, 10);
    expect(summary.appsMostlyCold).toBe(0.5);
  });

  it('refuses to summarise a replay in which no app was invoked', () => {
    expect(() => summarizeKeepAlive([])).toThrow(/no app was invoked/);
  });
});
