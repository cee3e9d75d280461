import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { readEvidence } from '../lab/files/evidence.ts';
import { findLeftovers } from '../lab/processes/leftovers.ts';
import { microservices, modularMonolith } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { compareShapes, keyFigure, verdictFor, type ComparedShape, type Result, type ShapeRow } from './report.ts';

const claimId = 'modular-monolith-in-process-calls';
let result: Result;
const row = (transport: string, shape: ComparedShape) => {
  const found = result.rows.find((r) => r.transport === transport && r.shape === shape);
  if (!found) throw new Error(`no row for ${transport}/${shape}`);
  return found;
};

describe('modular-monolith-in-process-calls (quick run: process and http, 100 checkouts per shape)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('measures the three shapes on both transports, every one for the same number of checkouts', () => {
    expect(result.rows.map((r) => `${r.transport}/${r.shape}`)).toEqual([
      'process/monolith',
      'process/modular-monolith',
      'process/microservices',
      'http/monolith',
      'http/modular-monolith',
      'http/microservices',
    ]);
    for (const r of result.rows) expect(r.iterations).toBe(100);
    expect(result.comparisons.map((c) => c.transport)).toEqual(['process', 'http']);
  });

  it('every shape returns exactly the receipt the six functions return in one call stack', () => {
    expect(result.sameAnswers).toBe(true);
  });

  it('a checkout costs 1 network call in the modular monolith and the monolith, 3 across the microservices', () => {
    for (const transport of ['process', 'http']) {
      expect(row(transport, 'monolith').networkCalls).toBe(1);
      expect(row(transport, 'modular-monolith').networkCalls).toBe(1);
      expect(row(transport, 'microservices').networkCalls).toBe(3);
    }
  });

  it('the modular monolith crosses its 2 module boundaries by function call; the microservices cross the same 2 over the network', () => {
    for (const transport of ['process', 'http']) {
      expect(row(transport, 'modular-monolith')).toMatchObject({ units: 1, crossedByFunctionCall: 2, crossedOverNetwork: 0 });
      expect(row(transport, 'microservices')).toMatchObject({ units: 3, crossedByFunctionCall: 0, crossedOverNetwork: 2 });
      expect(row(transport, 'monolith')).toMatchObject({ units: 1, crossedByFunctionCall: 0, crossedOverNetwork: 0 });
      // The units' own count agrees with the shape: one call from the client, one per boundary over the network.
      for (const r of result.rows) expect(r.networkCalls).toBe(r.crossedOverNetwork + 1);
    }
    expect(modularMonolith.units[0]?.modules).toEqual(microservices.units.map(({ name, functions }) => ({ name, functions })));
  });

  it('prints a comparison per transport, a row per measurement, and a row per shape for the boundaries', () => {
    const [comparison, latency, boundaries] = experiment.tables(result);
    expect(comparison?.rows).toHaveLength(2);
    expect(latency?.rows).toHaveLength(6);
    expect(boundaries?.rows.map((r) => r.shape)).toEqual(['monolith', 'modular-monolith', 'microservices']);
  });

  it('the registry publishes the verdict the published figures support', () => {
    // A ratio of latencies is still timing: a quick run's 100 checkouts do not decide it, the evidence run does.
    const published = readEvidence(claimId);
    expect(published, `run npm run evidence -- ${claimId}`).toBeDefined();
    const decided = verdictFor(published?.result as Result);
    expect(decided.verdict).toBe(claimById(claimId).verdict);
    expect(published?.verdict.verdict).toBe(decided.verdict);
  });

  it('leaves no unit process and no server behind once the run returns', () => {
    expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
  });
});

const shapeRow = (transport: 'process' | 'http', shape: ComparedShape, p50Us: number): ShapeRow => ({
  transport,
  shape,
  units: shape === 'microservices' ? 3 : 1,
  crossedByFunctionCall: shape === 'modular-monolith' ? 2 : 0,
  crossedOverNetwork: shape === 'microservices' ? 2 : 0,
  networkCalls: shape === 'microservices' ? 3 : 1,
  iterations: 1000,
  p50Us,
  p90Us: p50Us * 1.5,
  p99Us: p50Us * 2,
});

/** A hand-made result: p50 of monolith, modular monolith and microservices per transport. */
const made = (byTransport: Partial<Record<'process' | 'http', readonly [number, number, number]>>, sameAnswers = true): Result => {
  const rows = Object.entries(byTransport).flatMap(([transport, [mono, modular, micro]]) => [
    shapeRow(transport as 'process', 'monolith', mono),
    shapeRow(transport as 'process', 'modular-monolith', modular),
    shapeRow(transport as 'process', 'microservices', micro),
  ]);
  return { rows, comparisons: compareShapes(rows), inProcessCheckout: { iterations: 1, p50Us: 20, p90Us: 20, p99Us: 20, meanUs: 20, maxUs: 20 }, sameAnswers };
};

describe('verdictFor (hand-made figures)', () => {
  it('holds when the microservices are slower at the median on every transport', () => {
    const decided = verdictFor(made({ process: [280, 282, 812], http: [200, 205, 520] }));
    expect(decided.verdict).toBe('holds');
    expect(decided.because).toMatch(/process 2\.88×.*http 2\.54×/);
  });

  it('does not hold when the microservices are as fast or faster everywhere', () => {
    expect(verdictFor(made({ process: [280, 282, 290], http: [200, 205, 190] })).verdict).toBe('does-not-hold');
    expect(verdictFor(made({ process: [800, 810, 280] })).verdict).toBe('does-not-hold');
  });

  it('is conditional when it depends on the transport', () => {
    expect(verdictFor(made({ process: [280, 282, 812], http: [200, 205, 210] })).verdict).toBe('conditional');
  });

  it('does not count a gap smaller than the gap between two identical deployments', () => {
    // Modular and plain monolith run the same code, yet lie 40% apart: a 1.3× gap is within that noise.
    expect(verdictFor(made({ process: [200, 280, 364] })).verdict).toBe('does-not-hold');
    expect(verdictFor(made({ process: [200, 280, 600] })).verdict).toBe('holds');
  });

  it('does not hold when the shapes return different receipts: their times do not compare', () => {
    expect(verdictFor(made({ process: [280, 282, 812] }, false)).verdict).toBe('does-not-hold');
  });

  it('names the ratio, the medians and the network calls in the key figure, process transport first', () => {
    expect(keyFigure(made({ http: [200, 205, 520], process: [280, 282, 812] }))).toBe(
      'microservices 2.88× slower per checkout with a process per unit (p50 812 vs 282 µs), 3 network calls vs 1',
    );
    expect(keyFigure(made({}))).toBeNull();
  });
});
