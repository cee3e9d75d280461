import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/micro-third-party.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import type { PaymentPolicyName } from './payment-adapter.ts';
import { keyFigure, pageFigures, phaseTable, type AdapterPlacement, type PhaseRow, type Result, type RunPhase } from './report.ts';

// Every figure differs between placements, policies, scenarios, windows and runs, so a figure read from the wrong rows reads wrong.
const policies = ['plain', 'timeout+retry', 'timeout+retry+breaker'] as const;
const phaseRow = (scenario: PhaseRow['scenario'], run: number, placement: AdapterPlacement, adapterInstances: number, policy: PaymentPolicyName, phase: RunPhase): PhaseRow => {
  const seed = (placement === 'service' ? 100 : 0) + 10 * policies.indexOf(policy) + (scenario === 'brownout' ? 5 : 0);
  return {
    scenario,
    run,
    placement,
    adapterInstances,
    callers: 4,
    policy,
    phase,
    sent: 40 + seed,
    succeeded: seed,
    failed: 40,
    fastFailed: 0,
    successPercent: seed + run,
    p50Ms: phase === 'before' ? (placement === 'service' ? 2 : 1) : seed + 0.04,
    p99Ms: 1000,
    // In the outage the in-process breakers let twice the calls through that the service's did.
    providerCalls: placement === 'service' ? 19 + run : 2 * (20 + run) - 1,
  };
};
const deployments = [['in-process', 4], ['service', 2], ['service', 1]] as const;
const rows = [1, 2, 3, 4, 5].flatMap((run) =>
  (['outage', 'brownout'] as const).flatMap((scenario) =>
    policies.flatMap((policy) =>
      deployments
        .filter(([placement, instances]) => policy === 'timeout+retry+breaker' || placement === 'in-process' || instances === 2)
        .flatMap(([placement, instances]) => (['before', 'outage', 'after'] as const).map((phase) => phaseRow(scenario, run, placement, instances, policy, phase))),
    ),
  ),
);
const result: Result = { rows, outageFromMs: 300, outageToMs: 1200, durationMs: 1500, callers: 4, adapterReplicas: 2, runs: 5 };
const params = { errorRate: 0.02, spikeRate: 0.125, brownoutErrorRate: 0.3, brownoutSlowRate: 0.1 };

describe('pageFigures', () => {
  it('reads each placement and policy from its outage rows over the runs, the main comparison only', () => {
    const figures = pageFigures({ result, params });
    expect(figures.inProcessPlain).toEqual({ sent: 200, fastFailed: 0, providerCalls: 41 + 43 + 45 + 47 + 49, callsPerCheckout: '1.13 [1.02–1.23]', success: '3%', p50: '0.0 ms' });
    expect(figures.inProcessRetry).toMatchObject({ sent: 250, p50: '10.0 ms', success: '13%' });
    expect(figures.inProcessBreaker).toMatchObject({ sent: 300, p50: '20.0 ms' });
    // The service with one replica is for the map: the page's service figures are its two replicas.
    expect(figures.serviceBreaker).toMatchObject({ sent: 5 * 160, providerCalls: 5 * 19 + 15, p50: '120.0 ms', success: '123%' });
  });

  it('gives the brownout’s success as the median run with its interval', () => {
    const figures = pageFigures({ result, params });
    expect([figures.brownoutInProcessSuccess, figures.brownoutServiceSuccess, figures.brownoutRetrySuccess]).toEqual(['28% [26–30%]', '128% [126–130%]', '18% [16–20%]']);
    // The service with a single replica, run for the map: its rows have the same seeds as the main service's.
    expect(figures.brownoutSingleReplicaSuccess).toBe('128% [126–130%]');
    const withoutSingle = result.rows.filter((row) => row.adapterInstances !== 1);
    expect(pageFigures({ result: { ...result, rows: withoutSingle }, params }).brownoutSingleReplicaSuccess).toBe('–');
  });

  it('states the three ratios the verdict rests on, and where the shielding stops mattering', () => {
    const figures = pageFigures({ result, params });
    expect(figures.shielding).toMatch(/^2\.0× \[2\.0–2\.0×\]$/);
    expect(figures.hop).toBe('2.0× [2.0–2.0×]');
    expect(figures.kept).toMatch(/^0\.\d\d× /);
    expect(figures.verdictMap.lines[0]?.points.map((point) => point.x)).toEqual([2, 4]);
    // Both points are above 1.1×: the line does not cross within what was measured.
    expect(figures.shieldingFlipsAt).toBe('–');
  });

  it('formats the stand-in’s rates, the run’s windows and the assumed replicas', () => {
    const figures = pageFigures({ result, params });
    expect([figures.errorRate, figures.spikeRate, figures.brownoutErrorRate, figures.brownoutSlowRate]).toEqual(['2%', '13%', '30%', '10%']);
    expect([figures.outageFrom, figures.outageTo, figures.duration]).toEqual(['300 ms', '1,200 ms', '1,500 ms']);
    expect([figures.runs, figures.callers, figures.adapterReplicas]).toEqual([5, 4, 2]);
  });

  it('draws one bar per placement and policy during the outage, the median run', () => {
    const figures = pageFigures({ result, params });
    expect(figures.latencyBars).toHaveLength(6);
    expect(figures.latencyBars[4]).toEqual({ policy: 'timeout+retry', placement: 'service', p50Ms: 110.04 });
  });

  it('throws, naming what is missing, when the service placement was not run with the breaker', () => {
    const withoutServiceBreaker = result.rows.filter((row) => !(row.placement === 'service' && row.policy === 'timeout+retry+breaker'));
    expect(() => pageFigures({ result: { ...result, rows: withoutServiceBreaker }, params })).toThrow(/service/);
  });

  it('throws rather than print an interval over fewer than five runs', () => {
    expect(() => pageFigures({ result: { ...result, rows: result.rows.filter((row) => row.run < 3) }, params })).toThrow('at least 5');
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures({ result: evidence.result as Result, params: evidence.params as typeof params }))).toEqual([]);
  });
});

describe('phaseTable', () => {
  it('sums one window of one scenario over the runs, for the main comparison, with the medians of the runs', () => {
    const table = phaseTable(result, 'outage', 'brownout');
    expect(table.title).toBe("Checkouts started during the provider's brownout (300–1200 ms of 1500 ms), summed over 5 runs");
    expect(table.rows.map((row) => [row.placement, row.policy])).toEqual([
      ['in-process', 'plain'],
      ['in-process', 'timeout+retry'],
      ['in-process', 'timeout+retry+breaker'],
      ['service ×2', 'plain'],
      ['service ×2', 'timeout+retry'],
      ['service ×2', 'timeout+retry+breaker'],
    ]);
    expect(table.rows[0]).toMatchObject({ sent: 225, successPercent: 8, p50Ms: 5 });
  });
});

describe('keyFigure', () => {
  it('gives the calls a dead provider received, in process ÷ as a service, and the hop’s price, as the page prints them', () => {
    const figures = pageFigures({ result, params });
    expect(keyFigure(result)).toBe(`calls reaching a dead provider, 4 in-process breakers ÷ 2 service replicas: ${figures.shielding}; the hop to the service costs ${figures.hop} the median checkout`);
    expect(keyFigure(result)).toBe('calls reaching a dead provider, 4 in-process breakers ÷ 2 service replicas: 2.0× [2.0–2.0×]; the hop to the service costs 2.0× [2.0–2.0×] the median checkout');
  });

  it('is null without five runs of the breaker in both placements and both scenarios', () => {
    expect(keyFigure({ ...result, rows: result.rows.filter((row) => row.run < 3) })).toBeNull();
    expect(keyFigure({ ...result, rows: result.rows.filter((row) => row.scenario !== 'brownout') })).toBeNull();
    expect(keyFigure({ ...result, rows: [] })).toBeNull();
  });
});
