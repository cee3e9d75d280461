import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { experiment } from './experiment.ts';
import { cycleCuts, keyFigure, outsideShare, verdictFor, type Result } from './report.ts';

let result: Result;

describe('reality-check-cycles (quick run: the checkout over HTTP, 10 µs and 1 ms of work per call, 5 runs)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('measures every cut at every work size in every run, side by side', () => {
    expect(result.rows).toHaveLength(2 * 5 * cycleCuts.length);
    expect(result.operations).toBe(6);
  });

  it('spends more outside business work the more hops a request makes, with the work per call held', () => {
    // Medians of five runs; at 10 µs of work a hop's CPU is many times the work.
    expect(outsideShare(result, 'nanoservices', 10).estimate).toBeGreaterThan(outsideShare(result, 'monolith', 10).estimate);
  });

  it('spends less outside business work, in every cut, as the work per call grows', () => {
    for (const cut of cycleCuts) expect(outsideShare(result, cut, 1_000).estimate).toBeLessThan(outsideShare(result, cut, 10).estimate);
  });

  it('counts the business work it compares with: six calls of the work per request', () => {
    for (const row of result.rows.filter((r) => r.workPerCallUs === 1_000)) {
      expect(row.businessPerRequestUs).toBeGreaterThan(6 * 1_000 * 0.5);
      expect(row.cpuPerRequestUs).toBeGreaterThan(row.businessPerRequestUs * 0.9);
    }
  });

  it('has a key figure for the comparison page, with a number in it', () => {
    expect(keyFigure(result)).toMatch(/^at 1 ms per call, \d+% of the [\d,]+ µs of CPU a nanoservice request takes/);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('reality-check-cycles').verdict);
  });
});
