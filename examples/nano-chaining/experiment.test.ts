import { beforeAll, describe, expect, it } from 'vitest';
import { stepNames } from '../checkout/steps.ts';
import { claimById } from '../claims/registry.ts';
import { shapes, truncateShape } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { canonicalHopCost } from '../lab/report/canonical.ts';
import { verdictFor } from './report.ts';
import type { ChainingResult } from './report.ts';

let result: ChainingResult;
const row = (transport: string, shape: string, chainLength: number) => {
  const found = result.rows.find((r) => r.transport === transport && r.shape === shape && r.chainLength === chainLength);
  if (!found) throw new Error(`no row for ${transport}/${shape}/${chainLength}`);
  return found;
};

describe('nano-chaining (quick run: memory and http, chains of 1 and 6 functions)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('every shape on every transport returns exactly what the functions return in one call stack', () => {
    expect(result.identicalResults).toBe(true);
  });

  it('measures every shape at every chain length on every transport', () => {
    expect(result.rows).toHaveLength(2 * 2 * Object.keys(shapes).length);
  });

  it('each unit the chain crosses is one more network call: 6 for nanoservices, 3 for microservices, 1 for the monolith', () => {
    for (const transport of ['memory', 'http']) {
      for (const shape of Object.values(shapes)) {
        expect(row(transport, shape.name, 6).networkCalls).toBe(shape.units.length);
        expect(row(transport, shape.name, 1).networkCalls).toBe(1);
      }
    }
    expect(truncateShape(shapes.nanoservices, stepNames.length).units).toHaveLength(6);
  });

  it('on real HTTP, five extra hops cost more than they save: nanoservices are slower than the monolith at six functions', () => {
    // Side by side in one run, 60 samples each: a ratio, not a timing threshold.
    expect(row('http', 'nanoservices', 6).p50Us).toBeGreaterThan(row('http', 'monolith', 6).p50Us);
    expect(row('http', 'nanoservices', 6).requestsPerSecond).toBeLessThan(row('http', 'monolith', 6).requestsPerSecond);
    const httpHop = result.perHop.find((hop) => hop.transport === 'http');
    expect(httpHop?.perHopUs).toBeGreaterThan(0);
    expect(httpHop?.ratioToRawHttp).toBeGreaterThan(0);
  });

  it('prices a hop from five independent runs, each with its own slope, and exports it as the site’s hop cost', () => {
    const httpHop = result.perHop.find((hop) => hop.transport === 'http');
    expect(httpHop?.runSlopesUs).toHaveLength(5);
    expect(canonicalHopCost(result).http.runs).toBe(5);
    expect(canonicalHopCost(result).http.low).toBeLessThanOrEqual(canonicalHopCost(result).http.high);
    for (const r of result.rows) expect(r.runsP50Us).toHaveLength(5);
  });

  it('measures the raw platform in the same run', () => {
    // 30 samples per run, over 5 runs and the two chain lengths the raw round trip ran beside.
    expect(result.rawHttpRoundTrip?.iterations).toBe(30 * 5 * 2);
    expect(result.rawHttpRunsP50Us).toHaveLength(5);
    expect(result.inProcessCheckout.iterations).toBe(30 * 5);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('nano-chaining').verdict);
  });

  it('prints tables with a row per measurement and a row per transport for the hop cost', () => {
    const [main, perHop] = experiment.tables(result);
    expect(main?.rows).toHaveLength(result.rows.length);
    expect(perHop?.rows.map((r) => r.transport)).toEqual(['memory', 'http']);
  });
});
