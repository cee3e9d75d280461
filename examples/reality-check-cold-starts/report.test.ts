import { describe, expect, it } from 'vitest';
import { findingFor, keyFigure, pageFigures, paperTable, replayTable, verdictFor, type ReplayRow, type Result } from './report.ts';

/** Five replays per window with the given share of apps mostly cold, and five cold starts of `coldMs`. */
function resultOf(mostlyCold: Record<number, number>, coldMs = 600): Result {
  const replays: ReplayRow[] = Object.entries(mostlyCold).flatMap(([minutes, share]) =>
    [1, 2, 3, 4, 5].map((run) => ({ keepAliveMinutes: Number(minutes), run, apps: 9_000, appsMostlyCold: share + (run - 3) / 1000, medianAppColdShare: share, thirdQuartileAppColdShare: 0.9, invocationsCold: 0.005 })),
  );
  return { file: 'examples/systems/azure-serverless.json', apps: 10_000, days: 14, rates: { mu: 3.69, sigma: 4.08 }, coldStartMs: coldMs, coldStarts: [1, 2, 3, 4, 5].map(() => ({ coldMs, warmMs: 2 })), replays };
}

describe('the cold-start replay’s report', () => {
  it('holds when most apps are mostly cold at both published windows and a cold start is the order of a run', () => {
    expect(verdictFor(resultOf({ 10: 0.6, 20: 0.55 })).verdict).toBe('holds');
  });

  it('is conditional when most apps are mostly cold at one published window and not the other', () => {
    const finding = findingFor(resultOf({ 10: 0.57, 20: 0.49 }));
    expect(finding.flipsWithinRealisticRegion).toBe('most apps are mostly cold with a 10-minute keep-alive, not with 20');
    expect(verdictFor(resultOf({ 10: 0.57, 20: 0.49 })).verdict).toBe('conditional');
  });

  it('does not hold when a cold start is far from a run’s order, however many apps are cold', () => {
    // 20 ms against a median run of 0.68 s: a thirty-fourth.
    expect(verdictFor(resultOf({ 10: 0.6, 20: 0.55 }, 20)).verdict).toBe('does-not-hold');
  });

  it('sets the paper’s hourly share and median run beside the lab’s figures', () => {
    const table = paperTable(resultOf({ 10: 0.57, 20: 0.49 }));
    expect(table.rows[0]).toMatchObject({ paper: '45%', lab: '49% [49%–49%]', ratio: '1.09×' });
    expect(table.rows[1]?.lab).toBe('600 ms: 0.88× [0.88×–0.88×] the median run');
  });

  it('names each published window by its platform', () => {
    expect(replayTable(resultOf({ 10: 0.57, 20: 0.49 })).rows.map((row) => row.keepAlive)).toEqual(['10-minute (AWS Lambda)', '20-minute (Azure Functions)']);
    expect(pageFigures(resultOf({ 10: 0.57, 20: 0.49 })).windows).toBe('10-minute (AWS Lambda) and 20-minute (Azure Functions)');
  });

  it('has a key figure only with five replays of the longest window', () => {
    expect(keyFigure(resultOf({ 10: 0.57, 20: 0.49 }))).toBe('20-minute keep-alive: 49% of apps mostly cold, 0.5% of invocations');
    expect(keyFigure({ ...resultOf({ 10: 0.57 }), replays: [] })).toBeNull();
  });
});
