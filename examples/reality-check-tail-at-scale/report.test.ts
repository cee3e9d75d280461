import { describe, expect, it } from 'vitest';
import { expectedSlowShare, findingFor, keyFigure, pageFigures, paperTable, runsTable, verdictFor, type Result, type Variant, type VariantRow } from './report.ts';

const row = (run: number, variant: Variant, slowShare: number, p99Ms: number, callsPerLeaf = 1): VariantRow => ({
  run,
  variant,
  requests: 60,
  slowShare,
  p50Ms: 1000,
  p99Ms,
  callsPerLeaf,
  hedgeAfterMs: 14 + run,
});

// Five runs; the shares differ run to run so that a figure read from the wrong variant reads wrong.
const resultWith = (persistentShare: number, transientShare = 0.01): Result => ({
  leaves: 100,
  slowShareOfLeafCalls: 0.01,
  slowMs: 1000,
  typicalMedianMs: 10,
  typicalP99Ms: 20,
  hedgePercentile: 95,
  rows: [1, 2, 3, 4, 5].flatMap((run) => [
    row(run, 'no hedge', 0.6 + run / 100, 1010),
    row(run, 'hedged, transient slowness', transientShare + run / 1000, 40 + run, 1.05 + run / 1000),
    row(run, 'hedged, persistent slowness', persistentShare + run / 100, 1010, 1.05),
  ]),
});

describe('expectedSlowShare', () => {
  it('is Dean and Barroso’s arithmetic: 1 − 0.99^100', () => {
    expect(expectedSlowShare(100, 0.01)).toBeCloseTo(0.634, 3);
    expect(expectedSlowShare(1, 0.01)).toBeCloseTo(0.01, 10);
  });
});

describe('findingFor and verdictFor', () => {
  it('is conditional when hedging cuts the tail of transient slowness only', () => {
    expect(verdictFor(resultWith(0.6)).verdict).toBe('conditional');
    expect(findingFor(resultWith(0.6)).because).toMatch(/^Unhedged, 63% of requests waited 1000 ms \(paper: 63%\); hedging cut it to 1\.3% for 5% more calls, but not when the query itself is slow$/);
  });

  it('holds when hedging cuts both, at under 1.1× the calls', () => {
    expect(verdictFor(resultWith(0.01)).verdict).toBe('holds');
  });

  it('does not hold when hedging does not clearly cut the share', () => {
    expect(verdictFor(resultWith(0.6, 0.63)).verdict).toBe('does-not-hold');
  });
});

describe('pageFigures and the tables', () => {
  const result = resultWith(0.6);

  it('reads each variant’s share with its interval, and the paper’s arithmetic', () => {
    const figures = pageFigures(result);
    expect(figures.expectedSlow).toBe('63.4%');
    expect(figures.slow.noHedge).toMatch(/^63% \[6\d%–6\d%\]$/);
    expect(figures.slow.transient).toMatch(/^1\.3% \[/);
    expect(figures.runs).toBe(5);
    expect(figures.requestsPerRun).toBe(60);
    expect(figures.hedgeAfterMs).toBe('17 ms');
    expect(figures.hedgedMedianMs).toBe('1000 ms [1000–1000 ms]');
  });

  it('sets the paper’s figures beside the lab’s, with their ratio and why they differ', () => {
    const table = paperTable(result);
    expect(table.rows.map((r) => r.paper)).toEqual(['63%', '0.04× (p99.9, 1800 → 74 ms)', '2%']);
    expect(table.rows[0]?.ratio).toBe('1.00×');
    expect(String(table.rows[0]?.why)).toMatch(/By construction/);
    expect(runsTable(result).rows).toHaveLength(15);
  });

  it('throws when a run left out a variant, and has no key figure without one', () => {
    const partial = { ...result, rows: result.rows.filter((r) => r.variant !== 'hedged, persistent slowness') };
    expect(() => pageFigures(partial)).toThrow(/hedged, persistent slowness/);
    expect(keyFigure({ ...result, rows: [] })).toBeNull();
    expect(keyFigure(result)).toBe('63% of requests waited 1000 ms unhedged (paper: 63%), 1.3% hedged');
  });
});
