import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { experiment } from './experiment.ts';
import { redundancyVerdict, type KillRunRow, type RedundancyResult } from './report.ts';

let result: RedundancyResult;
const runsOf = (mode: string) => result.rows.filter((row) => row.mode === mode);

describe('micro-redundancy (quick run: 1500 checkouts per mode, one of three replicas killed)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('every replica returned the in-process receipt before the load', () => {
    expect(result.answersMatch).toBe(true);
  });

  it('every request is accounted for: sent = succeeded + failed, none lost, and the balancer received each one', () => {
    expect(result.rows).toHaveLength(2);
    for (const row of result.rows) {
      expect(row.stoppedEarly).toBe(false);
      expect(row.sent).toBe(1_500);
      expect(row.succeeded + row.failed).toBe(row.sent);
      expect(row.lost).toBe(0);
      expect(row.balancerReceived).toBe(row.sent);
    }
  });

  it('the kill happened under load and the balancer ejected exactly the killed replica', () => {
    for (const row of result.rows) {
      expect(row.answeredBeforeKill).toBeGreaterThan(0);
      expect(row.answeredBeforeKill).toBeLessThan(row.sent);
      expect(row.ejectedReplicas).toBe(1);
      expect(row.detectMs).toBeGreaterThan(0);
      expect(row.spuriousEjections).toBe(0);
      expect(row.noHealthyReplica).toBe(0);
    }
  });

  it('without retries the requests in flight on the killed replica fail', () => {
    for (const row of runsOf('no retries')) {
      expect(row.failed).toBeGreaterThan(0);
      expect(row.retried).toBe(0);
    }
  });

  it('with one retry on another replica no request fails: every connection error was retried and succeeded', () => {
    for (const row of runsOf('retry once')) {
      expect(row.retried).toBeGreaterThan(0);
      // The bound: a retry goes to a live replica, so it can only fail if a second replica dies too.
      expect(row.failed).toBe(0);
    }
  });

  it('the same redundancy takes replicas × units processes: 3, 9 and 18', () => {
    expect(result.processCounts.map((row) => [row.shape, row.processes])).toEqual([
      ['monolith', 3],
      ['microservices', 9],
      ['nanoservices', 18],
    ]);
    expect(result.processCounts.map((row) => row.processesPaymentOnly)).toEqual([3, 5, 8]);
  });

  it('supports the verdict the registry publishes', () => {
    const published = claimById('micro-redundancy').verdict;
    expect(experiment.verdict(result).verdict).toBe(published);
  });

  it('prints one row per run and one per shape', () => {
    const [runs, counts] = experiment.tables(result);
    expect(runs?.rows).toHaveLength(2);
    expect(counts?.rows).toHaveLength(3);
  });
});

describe('redundancyVerdict', () => {
  const row: KillRunRow = {
    mode: 'retry once', run: 1, sent: 100, succeeded: 100, failed: 0, lost: 0, retried: 3, balancerReceived: 100,
    detectMs: 10, ejectedReplicas: 1, non2xx: 0, errors: 0, noHealthyReplica: 0, spuriousEjections: 0, stoppedEarly: false, answeredBeforeKill: 30, requestsPerSecond: 1000,
  };
  const base: RedundancyResult = {
    rows: [{ ...row, mode: 'no retries', succeeded: 95, failed: 5, retried: 0 }, row],
    processCounts: [
      { shape: 'monolith', units: 1, replicas: 3, processes: 3, balancedPools: 1, processesPaymentOnly: 3 },
      { shape: 'microservices', units: 3, replicas: 3, processes: 9, balancedPools: 3, processesPaymentOnly: 5 },
    ],
    replicatedShape: 'monolith',
    replicas: 3,
    answersMatch: true,
  };

  it('is misattributed when a replicated monolith stays available with the fewest processes', () => {
    expect(redundancyVerdict(base).verdict).toBe('misattributed');
  });

  it('is conditional when requests fail even with retries', () => {
    expect(redundancyVerdict({ ...base, rows: [base.rows[0] as KillRunRow, { ...row, succeeded: 98, failed: 2 }] }).verdict).toBe('conditional');
  });

  it('is not testable when requests go missing', () => {
    expect(redundancyVerdict({ ...base, rows: [base.rows[0] as KillRunRow, { ...row, succeeded: 99, lost: 1 }] }).verdict).toBe('not-testable');
  });

  it('holds when the replicated unit was a microservice', () => {
    expect(redundancyVerdict({ ...base, replicatedShape: 'microservices' }).verdict).toBe('holds');
  });
});
