import { beforeAll, describe, expect, it } from 'vitest';
import { shapes } from '../lab/model/shapes.ts';
import { browserExperiment, hopCostFromThroughput } from './in-browser.ts';
import type { ChainMeasurement } from './report.ts';

describe('nano-chaining in the browser (quick run, memory transport only)', () => {
  let result: ChainMeasurement;
  const progress: number[] = [];
  beforeAll(async () => {
    result = await browserExperiment.run(browserExperiment.params.parse(browserExperiment.quick), ({ done }) => progress.push(done));
  }, 60_000);

  it('returns the receipt the functions return in one call stack, from every shape', () => {
    expect(result.identicalResults).toBe(true);
  });

  it('measures only the memory transport, every shape at every chain length asked for', () => {
    expect(new Set(result.rows.map((row) => row.transport))).toEqual(new Set(['memory']));
    expect(result.rows).toHaveLength(2 * Object.keys(shapes).length);
    expect(result.rawHttpRoundTrip).toBeNull();
  });

  it('counts one hop per unit the chain crosses, and prices it', () => {
    const nano = result.rows.find((row) => row.shape === 'nanoservices' && row.chainLength === 6);
    expect(nano?.networkCalls).toBe(6);
    expect(result.perHop.map((hop) => hop.transport)).toEqual(['memory']);
  });

  it('reports progress up to the total, and tables, a plot and a summary from the figures', () => {
    expect(progress.at(-1)).toBe(3);
    expect(browserExperiment.tables(result)[0]?.rows).toHaveLength(result.rows.length);
    expect(browserExperiment.plots(result)[0]?.rows).toHaveLength(result.rows.length);
    expect(browserExperiment.summary(result)).toContain(`${hopCostFromThroughput(result)?.perHopUs} µs`);
  });

  it('prices a hop from the time per checkout, which coarse browser timers cannot blur', () => {
    const row = (shape: string, networkCalls: number, requestsPerSecond: number) => ({ transport: 'memory' as const, shape: shape as 'monolith', chainLength: 6, units: networkCalls, networkCalls, p50Us: 100, p99Us: 100, requestsPerSecond, runsP50Us: [100, 100, 100, 100, 100] });
    const synthetic = { ...result, rows: [row('monolith', 1, 5000), row('nanoservices', 6, 1000)] };
    // 1000 µs per nano checkout − 200 µs per monolith checkout, over 5 extra hops.
    expect(hopCostFromThroughput(synthetic)).toEqual({ chainLength: 6, perHopUs: 160 });
    expect(hopCostFromThroughput({ ...result, rows: [row('monolith', 1, 5000)] })).toBeNull();
  });

  it('the form starts from values the command-line schema accepts, and refuses a transport', () => {
    expect(browserExperiment.params.safeParse(browserExperiment.initial).success).toBe(true);
    expect(Object.keys(browserExperiment.params.shape)).not.toContain('transports');
  });
});
