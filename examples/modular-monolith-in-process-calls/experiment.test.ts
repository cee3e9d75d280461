import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { becauseWordLimit, wordCount } from '../lab/experiment/verdict-rule.ts';
import { readEvidence } from '../lab/files/evidence.ts';
import { findLeftovers } from '../lab/processes/leftovers.ts';
import { microservices, modularMonolith } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { verdictFor, type ComparedShape, type Result } from './report.ts';

const claimId = 'modular-monolith-in-process-calls';
let result: Result;
const row = (transport: string, shape: ComparedShape) => {
  const found = result.rows.find((r) => r.transport === transport && r.shape === shape);
  if (!found) throw new Error(`no row for ${transport}/${shape}`);
  return found;
};

describe('modular-monolith-in-process-calls (quick run: 5 runs of 60 checkouts per shape on process and http, one work size)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 180_000);

  it('measures the three shapes on both transports in each of 5 independent runs, every one for the same number of checkouts', () => {
    expect(result.runs).toBe(5);
    expect(result.runRows).toHaveLength(5 * 2 * 3);
    expect(result.rows.map((r) => `${r.transport}/${r.shape}`)).toEqual([
      'process/monolith',
      'process/modular-monolith',
      'process/microservices',
      'http/monolith',
      'http/modular-monolith',
      'http/microservices',
    ]);
    for (const r of result.runRows) expect(r.iterations).toBe(60);
    for (const r of result.rows) expect(r.iterations).toBe(300);
    expect(result.comparisons.map((c) => [c.transport, c.intervals.p50Ratio.runs])).toEqual([
      ['process', 5],
      ['http', 5],
    ]);
  });

  it('every shape returns exactly the receipt the six functions return in one call stack, with or without the added work', () => {
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

  it('the added work reaches every shape: each checkout takes at least the three modules’ work', () => {
    const added = result.workPerCall.rows;
    expect(added).toHaveLength(5 * 3);
    for (const r of added) {
      expect(r.addedWorkUs).toBe(2_000);
      expect(r.p50Us).toBeGreaterThan(3 * 2_000 * 0.9);
    }
    expect(result.workPerCall.modules).toBe(3);
  });

  it('prints a comparison per transport, a row per measurement, a row per shape for the boundaries, and one per work size', () => {
    const [comparison, latency, boundaries, work] = experiment.tables(result);
    expect(comparison?.rows).toHaveLength(2);
    expect(latency?.rows).toHaveLength(6);
    expect(boundaries?.rows.map((r) => r.shape)).toEqual(['monolith', 'modular-monolith', 'microservices']);
    expect(work?.rows).toHaveLength(1);
  });

  it('states a finding the rule can judge, in a sentence short enough', () => {
    const judged = verdictFor(result);
    expect(wordCount(judged.because)).toBeLessThanOrEqual(becauseWordLimit);
    expect(judged.rule.length).toBeGreaterThan(0);
  });

  it('the registry publishes the verdict the published figures support', () => {
    // A ratio of latencies is still timing: a quick run does not decide it, the evidence run does.
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
