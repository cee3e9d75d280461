import { beforeAll, describe, expect, it } from 'vitest';
import type { ShapeName } from '../lab/model/shapes.ts';
import { browserExperiment, clusterSummary, retryPlots } from './in-browser.ts';
import type { ClusterResult } from './report.ts';

let result: ClusterResult;
const row = (shape: ShapeName, p: number, attempts: number) => {
  const found = result.rows.find((r) => r.shape === shape && r.failureProbability === p && r.attempts === attempts);
  if (!found) throw new Error(`no row for ${shape}/${p}/${attempts}`);
  return found;
};

describe('nano-clustered-app in the browser (quick run, memory transport only)', () => {
  const progress: number[] = [];
  beforeAll(async () => {
    result = await browserExperiment.run(browserExperiment.params.parse(browserExperiment.quick), ({ done }) => progress.push(done));
  }, 120_000);

  it('runs on the memory transport, every shape under every condition, with no error but the injected ones', () => {
    expect(result.transport).toBe('memory');
    // p = 0 once per shape, p = 0.05 with 1 and with 3 attempts per shape.
    expect(result.rows).toHaveLength(3 + 3 * 2);
    for (const r of result.rows) expect(r.unexpectedErrors).toBe(0);
    expect(progress.at(-1)).toBe(result.rows.length);
  });

  it('with faults injected and no retry, success falls as units are added: monolith, then microservices, then nanoservices', () => {
    const success = (['monolith', 'microservices', 'nanoservices'] as const).map((shape) => row(shape, 0.05, 1).succeeded);
    expect(success[0]).toBeGreaterThan(success[1] ?? Infinity);
    expect(success[1]).toBeGreaterThan(success[2] ?? Infinity);
    for (const r of result.rows) expect(r.withinBound, `${r.shape} p=${r.failureProbability} attempts=${r.attempts}`).toBe(true);
  });

  it('retries raise the nanoservices’ success and charge some carts twice; without faults nothing fails', () => {
    expect(row('nanoservices', 0.05, 3).succeeded).toBeGreaterThan(row('nanoservices', 0.05, 1).succeeded);
    expect(row('nanoservices', 0.05, 3).duplicatedCharges).toBeGreaterThan(0);
    expect(row('monolith', 0.05, 3).duplicatedCharges).toBe(0);
    expect(row('nanoservices', 0, 1).failed).toBe(0);
  });

  it('tables, plots and a summary come from the counts', () => {
    expect(browserExperiment.tables(result)[0]?.rows).toHaveLength(result.rows.length);
    const [line, success, duplicates] = browserExperiment.plots(result);
    expect(line?.rows).toHaveLength(2 * 3 * 2); // measured and product rule, per shape, at p = 0 and 0.05, one attempt
    expect(success?.rows).toHaveLength(3 * 2);
    expect(duplicates?.rows.find((r) => r.shape === 'nanoservices' && r.attempts === '3 attempts')?.duplicatedCharges).toBe(row('nanoservices', 0.05, 3).duplicatedCharges);
    const summary = browserExperiment.summary(result);
    expect(summary).toContain(`${row('nanoservices', 0.05, 1).measuredSuccessPercent}% of nanoservice checkouts`);
    expect(summary).toContain(`charged ${row('nanoservices', 0.05, 3).duplicatedCharges} carts twice`);
  });

  it('the form starts from values the command-line schema accepts, and offers no transport', () => {
    expect(browserExperiment.params.safeParse(browserExperiment.initial).success).toBe(true);
    expect(Object.keys(browserExperiment.params.shape)).not.toContain('transport');
  });
});

describe('clusterSummary and retryPlots on runs that miss a part', () => {
  it('asks for a fault when none was injected, and draws no retry bars', () => {
    const faultless = { ...result, rows: result.rows.filter((r) => r.failureProbability === 0) };
    expect(clusterSummary(faultless)).toContain('Add a failure probability above 0');
    expect(retryPlots(faultless)).toEqual([]);
  });

  it('asks for retries when the run had one attempt only, and for 1 attempt when it had only retries', () => {
    expect(clusterSummary({ ...result, rows: result.rows.filter((r) => r.attempts === 1) })).toContain('Add more than one attempt');
    expect(clusterSummary({ ...result, rows: result.rows.filter((r) => r.attempts === 3) })).toContain('Add 1 to the attempts');
  });

  it('says the lab is broken when a checkout failed for another reason than an injected fault', () => {
    expect(clusterSummary({ ...result, rows: result.rows.map((r) => ({ ...r, unexpectedErrors: 1 })) })).toContain('the lab is broken');
  });
});
