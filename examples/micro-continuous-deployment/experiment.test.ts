import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from './experiment.ts';
import { continuousDeploymentVerdict, type ContinuousDeploymentResult, type RolloutRow } from './report.ts';

let result: ContinuousDeploymentResult;
const row = (scenario: string) => {
  const found = result.rows.find((r) => r.scenario === scenario);
  if (!found) throw new Error(`no row for ${scenario}`);
  return found;
};

describe('micro-continuous-deployment (quick run: four rollouts under load)', () => {
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
    expect(r.v1Exits).toEqual(['0', '0']);
  });

  it('so does a gated rolling update of the monolith with two replicas', () => {
    const r = row('monolith · checkout ×2 · rolling, gated');
    expect(r.failed).toBe(0);
    expect([r.v2After, r.replicasAfter]).toEqual([2, 2]);
    expect(r.servedByV2).toBeGreaterThan(0);
    expect(r.v1Exits).toEqual(['0', '0']);
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

  it('supports the verdict: misattributed, since the monolith rolls out as cleanly', () => {
    expect(experiment.verdict(result).verdict).toBe(claimById('micro-continuous-deployment').verdict);
    expect(experiment.tables(result)[0]?.rows).toHaveLength(4);
  });
});

describe('continuousDeploymentVerdict', () => {
  const micro: RolloutRow = {
    scenario: 'microservices · billing ×2 · rolling, gated', shape: 'microservices', unit: 'billing', functionsShipped: 2, replicas: 2, strategy: 'rolling',
    readinessGate: true, sent: 100, succeeded: 100, failed: 0, servedByV1: 60, servedByV2: 40, replicasAfter: 2, v2After: 2, peakProcesses: 6,
    rolloutMs: 900, failureWindowMs: 0, v1Exits: ['0', '0'],
  };
  const mono: RolloutRow = { ...micro, scenario: 'monolith · checkout ×2 · rolling, gated', shape: 'monolith', unit: 'checkout', functionsShipped: 6, peakProcesses: 3 };

  it('is misattributed when the monolith rolls out as cleanly', () => {
    expect(continuousDeploymentVerdict({ rows: [micro, mono] }).verdict).toBe('misattributed');
  });
  it('holds when only the microservice rolls out cleanly', () => {
    expect(continuousDeploymentVerdict({ rows: [micro, { ...mono, failed: 3, succeeded: 97 }] }).verdict).toBe('holds');
  });
  it('does not hold when the microservice loses checkouts or stays on v1', () => {
    expect(continuousDeploymentVerdict({ rows: [{ ...micro, failed: 1 }, mono] }).verdict).toBe('does-not-hold');
    expect(continuousDeploymentVerdict({ rows: [{ ...micro, v2After: 1 }, mono] }).verdict).toBe('does-not-hold');
  });
});
