import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { experiment } from './experiment.ts';
import { startFlakyPaymentApi } from './payment-stand-in.ts';
import { findPhaseRow, thirdPartyVerdict, type PhaseRow, type ThirdPartyResult } from './report.ts';

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
const row = (placement: 'in-process' | 'service', policy: 'plain' | 'timeout+retry' | 'timeout+retry+breaker', phase: 'before' | 'outage' | 'after'): PhaseRow => {
  const found = findPhaseRow(result, placement, policy, phase);
  if (!found) throw new Error(`no row for ${placement}/${policy}/${phase}`);
  return found;
};

describe('micro-third-party (quick run: 1.5 s per run, outage for the middle 60%)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('runs every placement, policy and window', () => {
    expect(result.rows).toHaveLength(2 * 3 * 3);
  });

  it('every checkout is accounted for: sent = succeeded + failed + fast-failed', () => {
    for (const r of result.rows) expect(r.succeeded + r.failed + r.fastFailed).toBe(r.sent);
  });

  it('only the breaker fast-fails, and it does during the outage in both placements', () => {
    for (const r of result.rows.filter((r) => r.policy !== 'timeout+retry+breaker')) expect(r.fastFailed).toBe(0);
    expect(row('in-process', 'timeout+retry+breaker', 'outage').fastFailed).toBeGreaterThan(0);
    expect(row('service', 'timeout+retry+breaker', 'outage').fastFailed).toBeGreaterThan(0);
  });

  it('plain calls fail during the outage', () => {
    for (const placement of ['in-process', 'service'] as const) expect(row(placement, 'plain', 'outage').failed).toBeGreaterThan(0);
  });

  it('retries multiply the calls on a provider that is down; the open breaker shields it', () => {
    for (const placement of ['in-process', 'service'] as const) {
      const retried = row(placement, 'timeout+retry', 'outage');
      const broken = row(placement, 'timeout+retry+breaker', 'outage');
      expect(retried.providerCalls).toBeGreaterThan(retried.sent);
      // Calls per checkout: the breaker lets through one trial call per half-open period, retries make up to three.
      expect(broken.providerCalls / broken.sent).toBeLessThan(retried.providerCalls / retried.sent);
    }
  });

  it('supports the verdict the registry publishes', () => {
    const published = claimById('micro-third-party').verdict;
    expect(experiment.verdict(result).verdict).toBe(published);
  });

  it('prints the outage rows and every row', () => {
    const [outage, all] = experiment.tables(result);
    expect(outage?.rows).toHaveLength(6);
    expect(all?.rows).toHaveLength(18);
  });
});

describe('thirdPartyVerdict', () => {
  const base = (placement: 'in-process' | 'service', policy: PhaseRow['policy'], over: Partial<PhaseRow> = {}): PhaseRow => ({
    placement, policy, phase: 'outage', sent: 100, succeeded: 0, failed: 0, fastFailed: 100, successPercent: 0, p50Ms: 0.2, p99Ms: 5, providerCalls: 5, ...over,
  });
  const rows = (service: Partial<PhaseRow>) => [
    base('in-process', 'plain', { fastFailed: 0, failed: 100, p50Ms: 1000 }),
    base('in-process', 'timeout+retry', { fastFailed: 0, failed: 100, providerCalls: 300 }),
    base('in-process', 'timeout+retry+breaker'),
    base('service', 'timeout+retry+breaker', service),
  ];

  it('is misattributed when the service boundary does not raise success during the outage', () => {
    expect(thirdPartyVerdict({ rows: rows({}), outageFromMs: 0, outageToMs: 1, durationMs: 1 }).verdict).toBe('misattributed');
  });

  it('holds when the adapter as a service keeps far more checkouts', () => {
    expect(thirdPartyVerdict({ rows: rows({ succeeded: 50, fastFailed: 50, successPercent: 50 }), outageFromMs: 0, outageToMs: 1, durationMs: 1 }).verdict).toBe('holds');
  });

  it('is not testable when the breaker never opened', () => {
    expect(thirdPartyVerdict({ rows: rows({ fastFailed: 0 }), outageFromMs: 0, outageToMs: 1, durationMs: 1 }).verdict).toBe('not-testable');
  });
});
