import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { clearlyAbove } from '../lab/measure/interval.ts';
import { experiment } from './experiment.ts';
import { startFlakyPaymentApi } from './payment-stand-in.ts';
import { comparePlacements, findingFor, findPhaseRow, providerCallsPerCheckout, verdictFor, verdictMapOf, type PhaseRow, type ThirdPartyResult } from './report.ts';

function postStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/charges', method: 'POST', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end('{}');
  });
}

describe('the payment stand-in', () => {
  it('answers from its seed outside the outage and 503 inside it', async () => {
    const api = await startFlakyPaymentApi({ seed: 1, errorRate: 0.5, spikeRate: 0, spikeMs: 0, outageFromMs: 0, outageToMs: 60_000, outageAnswerMs: 5 });
    const calm = await startFlakyPaymentApi({ seed: 1, errorRate: 0.5, spikeRate: 0, spikeMs: 0, outageFromMs: 60_000, outageToMs: 60_001, outageAnswerMs: 5 });
    const again = await startFlakyPaymentApi({ seed: 1, errorRate: 0.5, spikeRate: 0, spikeMs: 0, outageFromMs: 60_000, outageToMs: 60_001, outageAnswerMs: 5 });
    try {
      api.begin();
      expect(await postStatus(api.port)).toBe(503);
      expect(api.counts).toMatchObject({ callsDuringOutage: 1, outageAnswers: 1 });
      const first: number[] = [];
      const second: number[] = [];
      for (let i = 0; i < 10; i += 1) first.push(await postStatus(calm.port));
      for (let i = 0; i < 10; i += 1) second.push(await postStatus(again.port));
      expect(first).toEqual(second);
      expect(new Set(first)).toEqual(new Set([200, 500]));
      expect(calm.counts.charged + calm.counts.errors).toBe(10);
    } finally {
      await Promise.all([api.close(), calm.close(), again.close()]);
    }
  });
});

let result: ThirdPartyResult;
const row = (placement: 'in-process' | 'service', policy: 'plain' | 'timeout+retry' | 'timeout+retry+breaker', phase: 'before' | 'outage' | 'after', scenario: 'outage' | 'brownout' = 'outage'): PhaseRow => {
  const found = findPhaseRow(result, placement, policy, phase, scenario);
  if (!found) throw new Error(`no row for ${placement}/${policy}/${phase}/${scenario}`);
  return found;
};

describe('micro-third-party (quick run: five runs of 1 s per scenario and policy, the window the middle 60%)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('runs every run, scenario, policy, placement and window', () => {
    expect(result.rows).toHaveLength(5 * 2 * 3 * 2 * 3);
    expect(new Set(result.rows.map((r) => r.adapterInstances))).toEqual(new Set([4, 2]));
  });

  it('every checkout is accounted for: sent = succeeded + failed + fast-failed', () => {
    for (const r of result.rows) expect(r.succeeded + r.failed + r.fastFailed).toBe(r.sent);
  });

  it('only the breaker fast-fails, and it does during the outage in both placements', () => {
    for (const r of result.rows.filter((r) => r.policy !== 'timeout+retry+breaker')) expect(r.fastFailed).toBe(0);
    expect(row('in-process', 'timeout+retry+breaker', 'outage').fastFailed).toBeGreaterThan(0);
    expect(row('service', 'timeout+retry+breaker', 'outage').fastFailed).toBeGreaterThan(0);
  });

  it('plain calls fail during the outage; in the brownout retries keep most checkouts', () => {
    for (const placement of ['in-process', 'service'] as const) {
      expect(row(placement, 'plain', 'outage').failed).toBeGreaterThan(0);
      expect(row(placement, 'timeout+retry', 'outage', 'brownout').successPercent).toBeGreaterThan(row(placement, 'plain', 'outage', 'brownout').successPercent);
    }
  });

  it('retries multiply the calls on a provider that is down; the open breaker shields it', () => {
    for (const placement of ['in-process', 'service'] as const) {
      const retried = row(placement, 'timeout+retry', 'outage');
      const broken = row(placement, 'timeout+retry+breaker', 'outage');
      expect(retried.providerCalls).toBeGreaterThan(retried.sent);
      // Calls per checkout: the breaker lets through one trial call per half-open period, retries make up to three.
      expect(providerCallsPerCheckout(broken)).toBeLessThan(providerCallsPerCheckout(retried));
    }
  });

  it('compares the placements run by run, side by side: the shared adapter spares a dead provider clearly, at the price of a hop', () => {
    const { shielding, kept, hop } = comparePlacements(result);
    expect([shielding.runs, kept.runs, hop.runs]).toEqual([5, 5, 5]);
    // Four breakers, each learning and probing on its own, let clearly more calls through to a dead provider than two.
    expect(clearlyAbove(shielding, 1.1)).toBe(true);
    // A charge through the service crosses one more hop than a call in process.
    expect(hop.estimate).toBeGreaterThan(1);
    // The checkouts kept in a brownout swing from run to run with the breakers' luck: a one-second window
    // cannot settle them, so the quick run does not assert the verdict; examples/claims/verdict-rule.test.ts
    // checks the published one against the full run's evidence.
  });

  it('prints the outage and brownout rows of the main comparison, and every row of the outage', () => {
    const [outage, brownout, all] = experiment.tables(result);
    expect(outage?.rows).toHaveLength(6);
    expect(brownout?.rows).toHaveLength(6);
    expect(all?.rows).toHaveLength(18);
  });
});

describe('findingFor', () => {
  const phaseRow = (over: Partial<PhaseRow>): PhaseRow => ({
    scenario: 'outage', run: 1, placement: 'in-process', adapterInstances: 4, callers: 4, policy: 'timeout+retry+breaker', phase: 'outage',
    sent: 99, succeeded: 0, failed: 9, fastFailed: 90, successPercent: 0, p50Ms: 0.2, p99Ms: 5, providerCalls: 19, ...over,
  });
  // Five runs; in each, the outage and the brownout window, and the healthy window before, for both placements.
  const resultWith = (service: { outageCalls: number; brownoutKept: number; p50Ms: number }): ThirdPartyResult => ({
    rows: [1, 2, 3, 4, 5].flatMap((run) => [
      phaseRow({ run }),
      phaseRow({ run, placement: 'service', adapterInstances: 2, providerCalls: service.outageCalls + run }),
      phaseRow({ run, scenario: 'brownout', succeeded: 89, fastFailed: 0, failed: 10 }),
      phaseRow({ run, scenario: 'brownout', placement: 'service', adapterInstances: 2, succeeded: service.brownoutKept, fastFailed: 0, failed: 99 - service.brownoutKept }),
      phaseRow({ run, scenario: 'brownout', phase: 'before', p50Ms: 0.5 }),
      phaseRow({ run, scenario: 'brownout', phase: 'before', placement: 'service', adapterInstances: 2, p50Ms: service.p50Ms }),
    ]),
    outageFromMs: 0, outageToMs: 1, durationMs: 1, callers: 4, adapterReplicas: 2, runs: 5,
  });

  it('holds with a cost when the service shields a dead provider clearly better and keeps as many checkouts, at the price of its hop', () => {
    const finding = findingFor(resultWith({ outageCalls: 9, brownoutKept: 89, p50Ms: 1 }));
    expect(finding.shownBy).toEqual({ monolith: false, microservices: true });
    expect(verdictFor(resultWith({ outageCalls: 9, brownoutKept: 89, p50Ms: 1 })).verdict).toBe('holds-with-cost');
    expect(finding.because).toMatch(/^4 in-process breakers sent a dead provider 1\.\d× \[[\d.]+–[\d.]+×\] the calls 2 service replicas sent; both kept as many in a brownout \(1\.00× \[1\.00–1\.00×\]\)$/);
  });

  it('is misattributed when the placement changes neither the calls on a dead provider nor the checkouts kept', () => {
    expect(verdictFor(resultWith({ outageCalls: 17, brownoutKept: 89, p50Ms: 1 })).verdict).toBe('misattributed');
  });

  it('does not hold when the shared breakers trip on the brownout and the service keeps clearly fewer checkouts', () => {
    const finding = findingFor(resultWith({ outageCalls: 9, brownoutKept: 50, p50Ms: 1 }));
    expect(finding.shownBy).toEqual({ monolith: false, microservices: false });
    expect(finding.because).toContain('the service kept fewer checkouts in a brownout (0.57×');
    expect(verdictFor(resultWith({ outageCalls: 9, brownoutKept: 50, p50Ms: 1 })).verdict).toBe('does-not-hold');
  });

  it('throws rather than decide on fewer than five runs', () => {
    const few = resultWith({ outageCalls: 9, brownoutKept: 89, p50Ms: 1 });
    expect(() => findingFor({ ...few, rows: few.rows.filter((r) => r.run < 3) })).toThrow('at least 5');
  });
});

describe('verdictMapOf', () => {
  it('puts callers per adapter replica on x, and the calls ratio with its interval on y, one point per replica count', () => {
    const rows = [1, 2, 3, 4, 5].flatMap((run) => [
      { run, placement: 'in-process' as const, adapterInstances: 4, providerCalls: 39 },
      { run, placement: 'service' as const, adapterInstances: 4, providerCalls: 39 },
      { run, placement: 'service' as const, adapterInstances: 2, providerCalls: 19 },
      { run, placement: 'service' as const, adapterInstances: 1, providerCalls: 9 },
    ]).map((over) => ({
      scenario: 'outage' as const, callers: 4, policy: 'timeout+retry+breaker' as const, phase: 'outage' as const, sent: 99, succeeded: 0, failed: 0, fastFailed: 99, successPercent: 0, p50Ms: 0.2, p99Ms: 1, ...over,
    }));
    const map = verdictMapOf({ rows, outageFromMs: 0, outageToMs: 1, durationMs: 1, callers: 4, adapterReplicas: 2, runs: 5 });
    expect(map.lines[0]?.points.map((point) => [point.x, point.estimate])).toEqual([[1, 1], [2, 2], [4, 4]]);
    expect(map.threshold).toBe(1.1);
  });
});
