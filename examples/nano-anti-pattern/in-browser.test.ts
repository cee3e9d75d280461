import { beforeAll, describe, expect, it } from 'vitest';
import { browserExperiment, overheadSummary, timePerShapePlot } from './in-browser.ts';
import type { AntiPatternResult } from './report.ts';

let result: AntiPatternResult;
const row = (chainLength: number, workUs: number) => {
  const found = result.rows.find((r) => r.chainLength === chainLength && r.workUs === workUs);
  if (!found) throw new Error(`no row for ${chainLength}/${workUs}`);
  return found;
};

describe('nano-anti-pattern in the browser (quick run: memory transport, chains of 1 and 4 functions, 0 and 2000 µs of work)', () => {
  const progress: number[] = [];
  beforeAll(async () => {
    result = await browserExperiment.run(browserExperiment.params.parse(browserExperiment.quick), ({ done }) => progress.push(done));
  }, 120_000);

  it('measures only the memory transport, without a CPU clock, and both shapes return the in-process receipt', () => {
    expect(result.identicalResults).toBe(true);
    expect(new Set(result.rows.map((r) => r.transport))).toEqual(new Set(['memory']));
    expect(result.rows).toHaveLength(2 * 2);
    for (const r of result.rows) expect([r.monolithCpuUs, r.nanoservicesCpuUs, r.cpuPerHopUs]).toEqual([null, null, null]);
    expect(result.cpuBreakEvens).toEqual([]);
    // Calibration and the real checkout, then 5 runs of every cell.
    expect(progress.at(-1)).toBe(2 + 5 * 2 * 2);
  });

  it('both shapes do the same work: every function runs its busy work once per checkout', () => {
    for (const r of result.rows) expect([r.workRunsMonolith, r.workRunsNanoservices]).toEqual([r.chainLength, r.chainLength]);
  });

  it('the split costs a positive overhead per hop, and more work per function shrinks its share', () => {
    expect(row(4, 0).perHopUs).toBeGreaterThan(0);
    expect(row(4, 2000).overheadSharePercent).toBeLessThan(row(4, 0).overheadSharePercent);
    const breakEven = result.breakEvens.find((b) => b.chainLength === 4);
    expect(breakEven?.where).toBe('within');
    expect(breakEven?.workUs).toBeGreaterThan(0);
    expect(breakEven?.workUs).toBeLessThan(2000);
  });

  it('tables, plots and a summary come from the figures', () => {
    const [overhead, breakEvens] = browserExperiment.tables(result);
    expect(overhead?.rows).toHaveLength(result.rows.length);
    expect(breakEvens?.rows).toHaveLength(1);
    const [share, perShape] = browserExperiment.plots(result);
    expect(share?.rows.map((r) => r.overheadSharePercent)).toEqual([row(4, 0).overheadSharePercent, row(4, 2000).overheadSharePercent]);
    expect(perShape?.rows).toHaveLength(2 * 2);
    expect(browserExperiment.summary(result)).toContain(`${row(4, 0).overheadSharePercent}% of a 4-function nanoservice checkout`);
  });

  it('the form starts from values the command-line schema accepts, and offers no transport', () => {
    expect(browserExperiment.params.safeParse(browserExperiment.initial).success).toBe(true);
    expect(Object.keys(browserExperiment.params.shape)).not.toContain('transports');
  });
});

describe('overheadSummary and timePerShapePlot on other results', () => {
  it('asks for a longer chain when only one function ran, and refuses a run whose receipts differ', () => {
    expect(overheadSummary({ ...result, rows: result.rows.filter((r) => r.chainLength === 1), breakEvens: [] })).toContain('Add a chain of two or more functions');
    expect(overheadSummary({ ...result, identicalResults: false })).toContain('the comparison is void');
  });

  it('draws the two shapes at the longest chain only, the nanoservices above the monolith with no added work', () => {
    const bars = timePerShapePlot(result).rows;
    expect(bars.find((b) => b.shape === 'nanoservices' && b.work === '0 µs of work')?.p50Us).toBe(row(4, 0).nanoservicesP50Us);
    expect(bars.find((b) => b.shape === 'monolith' && b.work === '0 µs of work')?.p50Us).toBe(row(4, 0).monolithP50Us);
  });
});
