import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { experiment } from './experiment.ts';
import { keyFigure, variants, verdictFor, type Result } from './report.ts';

let result: Result;

describe('reality-check-tail-at-scale (quick run: 100 leaves over HTTP, 1% of calls slow at 200 ms, 12 requests per variant, 5 runs)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('runs every variant in every run, side by side', () => {
    expect(result.rows).toHaveLength(5 * variants.length);
    expect(new Set(result.rows.map((row) => row.variant))).toEqual(new Set(variants));
    for (const row of result.rows) expect(row.requests).toBe(12);
  });

  const mean = (variant: (typeof variants)[number]) => {
    const rows = result.rows.filter((row) => row.variant === variant);
    return rows.reduce((sum, row) => sum + row.slowShare, 0) / rows.length;
  };

  it('unhedged, most requests wait for a slow leaf, as 1 − 0.99^100 = 63% says', () => {
    expect(mean('no hedge')).toBeGreaterThan(0.35);
    expect(mean('no hedge')).toBeLessThan(0.9);
    for (const row of result.rows.filter((r) => r.variant === 'no hedge')) expect(row.callsPerLeaf).toBe(1);
  });

  it('a hedge after the 95th percentile cuts that share when slowness belongs to the server, for a few more calls', () => {
    expect(mean('hedged, transient slowness')).toBeLessThan(mean('no hedge') / 2);
    for (const row of result.rows.filter((r) => r.variant === 'hedged, transient slowness')) {
      // At most one hedge per call. How few more calls it takes depends on how busy the machine is
      // while the hedged run replays the unhedged run's 95th percentile: the evidence measures that.
      expect(row.callsPerLeaf).toBeGreaterThan(1);
      expect(row.callsPerLeaf).toBeLessThanOrEqual(2);
    }
  });

  it('a hedge does not help when the query itself is slow: every replica is as slow for it', () => {
    expect(mean('hedged, persistent slowness')).toBeGreaterThan(0.35);
  });

  it('has a key figure for the comparison page, with a number in it', () => {
    expect(keyFigure(result)).toMatch(/\d+% of requests waited 200 ms unhedged/);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('reality-check-tail-at-scale').verdict);
  });
});
