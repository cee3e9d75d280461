import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from './experiment.ts';
import { combineRuns, findingFor, verdictFor, type ContinuousDeploymentResult, type RolloutRow } from './report.ts';

let result: ContinuousDeploymentResult;
const row = (scenario: string) => {
  const found = result.rows.find((r) => r.scenario === scenario);
  if (!found) throw new Error(`no row for ${scenario}`);
  return found;
};

describe('micro-continuous-deployment (quick run: four rollouts under load, twice each)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 90_000);

  it('a gated rolling update of a microservice loses no checkout and ends with every replica on v2', () => {
    const r = row('microservices · billing ×2 · rolling, gated');
    expect(r.failed).toBe(0);
    expect(r.succeeded).toBe(r.sent);
    expect([r.v2After, r.replicasAfter]).toEqual([2, 2]);
    expect(r.servedByV1).toBeGreaterThan(0);
    expect(r.servedByV2).toBeGreaterThan(0);
    expect(r.v1Exits).toEqual(['0', '0', '0', '0']);
    expect(r.runs).toBe(2);
  });

  it('so does a gated rolling update of the monolith with two replicas', () => {
    const r = row('monolith · checkout ×2 · rolling, gated');
    expect(r.failed).toBe(0);
    expect([r.v2After, r.replicasAfter]).toEqual([2, 2]);
    expect(r.servedByV2).toBeGreaterThan(0);
    expect(r.v1Exits).toEqual(['0', '0', '0', '0']);
  });

  it('the controls fail: without the readiness gate, and when the single monolith is stopped before v2 starts', () => {
    expect(row('microservices · billing ×2 · rolling, no gate').failed).toBeGreaterThan(0);
    const recreate = row('monolith · checkout ×1 · recreate');
    expect(recreate.failed).toBeGreaterThan(0);
    expect(recreate.succeeded + recreate.failed).toBe(recreate.sent);
    expect(recreate.v2After).toBe(1);
  });

  it('counts the processes alive at once: the recreate never runs two monoliths, the rolling update runs one spare', () => {
    expect(row('monolith · checkout ×1 · recreate').peakProcesses).toBe(1);
    expect(row('monolith · checkout ×2 · rolling, gated').peakProcesses).toBe(3);
    expect(row('microservices · billing ×2 · rolling, gated').peakProcesses).toBe(5);
  });

  it('ships less code per rollout in the microservice (2 functions) than in the monolith (6)', () => {
    expect(row('microservices · billing ×2 · rolling, gated').functionsShipped).toBe(2);
    expect(row('monolith · checkout ×2 · rolling, gated').functionsShipped).toBe(6);
  });

  it('times every v2 replica from spawn to ready: at least the assumed warm-up, plus a boot', () => {
    for (const run of result.runs) {
      expect(run.v2ReadyMs).toBeGreaterThanOrEqual(150);
      expect(run.v2ReadyMs).toBeLessThan(5_000);
    }
    expect(result.runs.map((r) => r.run)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('supports the verdict: misattributed, since the monolith rolls out as cleanly', () => {
    expect(verdictFor(result).verdict).toBe(claimById('micro-continuous-deployment').verdict);
    expect(findingFor(result).shownBy).toEqual({ monolith: true, microservices: true });
    expect(experiment.tables(result)[0]?.rows).toHaveLength(4);
  });
});

describe('findingFor', () => {
  const micro: RolloutRow = {
    scenario: 'microservices · billing ×2 · rolling, gated', run: 1, shape: 'microservices', unit: 'billing', functionsShipped: 2, replicas: 2, strategy: 'rolling',
    readinessGate: true, sent: 100, succeeded: 100, failed: 0, servedByV1: 60, servedByV2: 40, replicasAfter: 2, v2After: 2, peakProcesses: 5,
    rolloutMs: 900, failureWindowMs: 0, v2ReadyMs: 350, v1Exits: ['0', '0'],
  };
  const mono: RolloutRow = { ...micro, scenario: 'monolith · checkout ×2 · rolling, gated', shape: 'monolith', unit: 'checkout', functionsShipped: 6, peakProcesses: 3 };
  const ungated: RolloutRow = { ...micro, scenario: 'microservices · billing ×2 · rolling, no gate', readinessGate: false, failed: 30, succeeded: 70 };
  const resultOf = (runs: RolloutRow[]): ContinuousDeploymentResult => ({ warmupMs: 300, runs, rows: combineRuns(runs), referenceSystems: { systems: [], cuts: [] } });

  it('is misattributed when the monolith rolls out as cleanly, and prices the spare processes', () => {
    const finding = findingFor(resultOf([micro, mono, ungated]));
    expect(verdictFor(resultOf([micro, mono, ungated])).verdict).toBe('misattributed');
    expect(finding.because).toBe('a gated rolling update lost 0 of 200 checkouts in every cut (1 run each); without the readiness gate 30 of 100 failed');
    expect(finding.cost?.ratio.estimate).toBeCloseTo(5 / 3);
  });

  it('gives the control as a median share with its interval over five runs', () => {
    const runs = [1, 2, 3, 4, 5].flatMap((run) => [{ ...micro, run }, { ...mono, run }, { ...ungated, run, failed: 20 + run, succeeded: 80 - run }]);
    expect(findingFor(resultOf(runs)).because).toBe('a gated rolling update lost 0 of 1000 checkouts in every cut (5 runs each); without the readiness gate 23% [21–25%] failed');
  });

  it('holds, at the price of its spare processes, when only the microservice rolls out cleanly in every run', () => {
    expect(verdictFor(resultOf([micro, { ...micro, run: 2 }, mono, { ...mono, run: 2, failed: 3, succeeded: 97 }])).verdict).toBe('holds-with-cost');
  });

  it('does not hold when the microservice loses a checkout or stays on v1 in any run', () => {
    expect(verdictFor(resultOf([micro, { ...micro, run: 2, failed: 1 }, mono])).verdict).toBe('does-not-hold');
    expect(verdictFor(resultOf([{ ...micro, v2After: 1 }, mono])).verdict).toBe('does-not-hold');
  });

  it('throws when no microservice was rolled out with the gate', () => {
    expect(() => findingFor(resultOf([mono]))).toThrow('microservice');
  });
});
