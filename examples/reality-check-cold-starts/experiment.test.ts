import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { experiment } from './experiment.ts';
import { appsMostlyCold, invocationsCold, keyFigure, verdictFor, type Result } from './report.ts';

let result: Result;

describe('reality-check-cold-starts (quick run: 5 cold starts of the function app, 1,000 apps replayed 5 times at 10 and 20 minutes)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('measures a cold start per run, from spawn to first answer, slower than a warm answer', () => {
    expect(result.coldStarts).toHaveLength(5);
    for (const run of result.coldStarts) expect(run.coldMs).toBeGreaterThan(run.warmMs);
  });

  it('replays every window five times', () => {
    expect(result.replays.map((row) => row.keepAliveMinutes)).toEqual([10, 10, 10, 10, 10, 20, 20, 20, 20, 20]);
  });

  it('finds cold starts common per app and rare per invocation: busy apps stay warm and make most invocations', () => {
    for (const minutes of [10, 20]) {
      expect(appsMostlyCold(result, minutes).estimate).toBeGreaterThan(0.3);
      expect(invocationsCold(result, minutes).estimate).toBeLessThan(0.05);
    }
  });

  it('finds fewer apps mostly cold with a longer keep-alive', () => {
    expect(appsMostlyCold(result, 20).estimate).toBeLessThan(appsMostlyCold(result, 10).estimate);
  });

  it('has a key figure for the comparison page, with a number in it', () => {
    expect(keyFigure(result)).toMatch(/^20-minute keep-alive: \d+% of apps mostly cold, \d+(\.\d)?% of invocations$/);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('reality-check-cold-starts').verdict);
  });
});
