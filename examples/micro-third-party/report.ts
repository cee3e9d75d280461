import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { decideVerdict, costThreshold, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyAbove, clearlyBelow, formatInterval, intervalOf, minimumRuns, type Interval } from '../lab/measure/interval.ts';
import { median } from '../lab/measure/stats.ts';
import { formatMs, formatPercent } from '../lab/report/format.ts';
import { crossing, type MapPoint, type VerdictMap } from '../lab/report/verdict-map.ts';
import type { FailureMode } from './flaky-payment-provider.ts';
import type { PaymentPolicyName } from './payment-adapter.ts';

/** Where the adapter runs: a module in each caller's process, or its own HTTP service. */
export const adapterPlacements = ['in-process', 'service'] as const;
/** One placement. */
export type AdapterPlacement = (typeof adapterPlacements)[number];

/** What the provider does in its failure window, in the order the run takes them. */
export const failureModes = ['outage', 'brownout'] as const satisfies readonly FailureMode[];

/** The three windows of a run, by when a checkout started; `outage` is the failure window, whatever the scenario. */
export const runPhases = ['before', 'outage', 'after'] as const;
/** One window. */
export type RunPhase = (typeof runPhases)[number];

/** Checkouts started in one window of one run of one deployment of the adapter. */
export interface PhaseRow {
  readonly scenario: FailureMode;
  /** Which run, from 1: deployments of the same run met the same seeded faults, side by side. */
  readonly run: number;
  readonly placement: AdapterPlacement;
  /** Adapter instances facing the provider, so breakers: one per caller in process, the service's replicas otherwise. */
  readonly adapterInstances: number;
  /** Checkout replicas the customers were spread over. */
  readonly callers: number;
  readonly policy: PaymentPolicyName;
  readonly phase: RunPhase;
  readonly sent: number;
  readonly succeeded: number;
  /** The provider failed, timed out or refused after every attempt. */
  readonly failed: number;
  /** Refused at once by the open breaker, without calling the provider. */
  readonly fastFailed: number;
  /** succeeded ÷ sent, in percent. */
  readonly successPercent: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Calls the provider received in this window (its own count, by arrival). */
  readonly providerCalls: number;
}

/** The whole result of a micro-third-party run: plain JSON. */
export interface ThirdPartyResult {
  readonly rows: readonly PhaseRow[];
  readonly outageFromMs: number;
  readonly outageToMs: number;
  readonly durationMs: number;
  /** Checkout replicas (assumed), and the adapter service's replicas in the main comparison (assumed). */
  readonly callers: number;
  readonly adapterReplicas: number;
  /** Independent runs of every scenario and policy. */
  readonly runs: number;
}

/** The scaffolded claims' name for the result of a run. */
export type Result = ThirdPartyResult;

/** The policies in the order the tables list them. */
const paymentPolicyOrder: readonly PaymentPolicyName[] = ['plain', 'timeout+retry', 'timeout+retry+breaker'];

/** The rows of the main comparison: the adapter in each caller, and as a service with the main replica count. */
const isMain = (result: ThirdPartyResult, row: PhaseRow) => row.placement === 'in-process' || row.adapterInstances === result.adapterReplicas;

/**
 * Whether a row belongs to the main comparison: the adapter in each caller, or the adapter service
 * with its main replica count (the other replica counts are for the verdict map).
 *
 * @example
 * ```ts
 * result.rows.filter((row) => isMainDeployment(result, row));
 * ```
 */
export function isMainDeployment(result: ThirdPartyResult, row: PhaseRow): boolean {
  return isMain(result, row);
}

/**
 * Calls the provider received during a window per checkout started in it: above 1 when retries
 * multiply the load on a provider that is down, near 0 when an open breaker shields it.
 *
 * @example
 * ```ts
 * providerCallsPerCheckout({ sent: 40, providerCalls: 100 }); // 2.5
 * ```
 */
export function providerCallsPerCheckout(row: Pick<PhaseRow, 'sent' | 'providerCalls'>): number {
  return row.sent ? row.providerCalls / row.sent : 0;
}

/**
 * The figures of one window of one scenario (the outage by default), for the main comparison, summed
 * over the runs (success, latency and calls per checkout are the median of the runs), as the CLI
 * prints them and the page shows them.
 *
 * @example
 * ```ts
 * phaseTable(result, 'outage').rows[0]; // { placement: 'in-process', policy: 'plain', runs: 5, sent: 160, succeeded: 0, ... }
 * ```
 */
export function phaseTable(result: ThirdPartyResult, phase: RunPhase | 'all' = 'outage', scenario: FailureMode = 'outage'): ResultTable {
  // Placement first, then policy, then window, in their own orders (the runs interleave them).
  const order = (row: PhaseRow) => [adapterPlacements.indexOf(row.placement), paymentPolicyOrder.indexOf(row.policy), runPhases.indexOf(row.phase)];
  const rows = result.rows
    .filter((row) => row.scenario === scenario && isMain(result, row) && (phase === 'all' || row.phase === phase))
    .sort((a, b) => order(a).reduce((difference, value, index) => difference || value - (order(b)[index] as number), 0));
  const groups = new Map<string, PhaseRow[]>();
  for (const row of rows) groups.set(`${row.placement}|${row.policy}|${row.phase}`, [...(groups.get(`${row.placement}|${row.policy}|${row.phase}`) ?? []), row]);
  const sum = (group: readonly PhaseRow[], key: 'sent' | 'succeeded' | 'failed' | 'fastFailed' | 'providerCalls') => group.reduce((total, row) => total + row[key], 0);
  const mid = (group: readonly PhaseRow[], value: (row: PhaseRow) => number, digits: number) => Math.round(median(group.map(value)) * 10 ** digits) / 10 ** digits;
  const window = scenario === 'outage' ? "the provider's outage" : "the provider's brownout";
  return {
    title:
      phase === 'all'
        ? `Checkouts in every window, ${scenario}, summed over the runs`
        : `Checkouts started during ${window} (${result.outageFromMs}–${result.outageToMs} ms of ${result.durationMs} ms), summed over ${result.runs} run${result.runs === 1 ? '' : 's'}`,
    columns: [
      { key: 'placement', label: 'adapter' },
      { key: 'policy', label: 'policy' },
      ...(phase === 'all' ? [{ key: 'phase', label: 'window' }] : []),
      { key: 'sent', label: 'sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
      { key: 'fastFailed', label: 'fast-failed' },
      { key: 'successPercent', label: 'success %, median run' },
      { key: 'p50Ms', label: 'p50 ms, median run' },
      { key: 'p99Ms', label: 'p99 ms, median run' },
      { key: 'providerCalls', label: 'provider calls' },
      { key: 'callsPerCheckout', label: 'provider calls per checkout, median run' },
    ],
    rows: [...groups.values()].map((group) => {
      const first = group[0] as PhaseRow;
      return {
        placement: first.placement === 'service' ? `service ×${first.adapterInstances}` : first.placement,
        policy: first.policy,
        phase: first.phase,
        sent: sum(group, 'sent'),
        succeeded: sum(group, 'succeeded'),
        failed: sum(group, 'failed'),
        fastFailed: sum(group, 'fastFailed'),
        successPercent: mid(group, (row) => row.successPercent, 1),
        p50Ms: mid(group, (row) => row.p50Ms, 1),
        p99Ms: mid(group, (row) => row.p99Ms, 1),
        providerCalls: sum(group, 'providerCalls'),
        callsPerCheckout: mid(group, providerCallsPerCheckout, 2),
      };
    }),
  };
}

/**
 * The row for one placement, policy and window (of the outage scenario, the main comparison, the
 * first run by default), if it was measured.
 *
 * @example
 * ```ts
 * findPhaseRow(result, 'service', 'timeout+retry+breaker', 'outage')?.fastFailed; // 412
 * ```
 */
export function findPhaseRow(result: ThirdPartyResult, placement: AdapterPlacement, policy: PaymentPolicyName, phase: RunPhase, scenario: FailureMode = 'outage', run = 1): PhaseRow | undefined {
  return result.rows.find((row) => isMain(result, row) && row.placement === placement && row.policy === policy && row.phase === phase && row.scenario === scenario && row.run === run);
}

/** The breaker rows of one scenario and window for one deployment, one per run, in run order. */
const breakerRuns = (result: ThirdPartyResult, placement: AdapterPlacement, adapterInstances: number | null, scenario: FailureMode, phase: RunPhase) =>
  result.rows
    .filter((row) => row.policy === 'timeout+retry+breaker' && row.placement === placement && (adapterInstances === null || row.adapterInstances === adapterInstances) && row.scenario === scenario && row.phase === phase)
    .sort((a, b) => a.run - b.run);

/** A ratio per run, numerator and denominator from the same run; a run missing on the other side throws, naming what. */
function perRun(numerators: readonly PhaseRow[], denominators: readonly PhaseRow[], value: (row: PhaseRow) => number, what: string): number[] {
  return numerators.map((row) => {
    const other = denominators.find((candidate) => candidate.run === row.run);
    if (!other) throw new Error(`run ${row.run} has no ${what} to compare with`);
    return value(row) / value(other);
  });
}

/** Checkouts that succeeded as a share, smoothed by one (so that a window where none did still gives a ratio). */
const keptShare = (row: PhaseRow) => (row.succeeded + 1) / (row.sent + 1);

/**
 * The load a dead provider took: calls it received in the window, smoothed by one (so that a window
 * the breaker kept entirely off it still gives a ratio). Not per checkout: a deployment whose breakers
 * open sooner fails faster and so starts more checkouts in the same window, with the same customers.
 */
const callsInWindow = (row: PhaseRow) => row.providerCalls + 1;

/** What the placement changed, each a ratio per run with its interval over the runs (breaker policy, main comparison). */
export interface PlacementComparison {
  /** Calls that reached the provider during its outage, in process ÷ as a service (same window, same customers): above 1 when the service shields a dead provider better. */
  readonly shielding: Interval;
  /** Checkouts kept during the brownout, in process ÷ as a service: above 1 when the service loses more of them. */
  readonly kept: Interval;
  /** Median checkout before the failure window, as a service ÷ in process, over every scenario and policy of a run: the price of the network hop. */
  readonly hop: Interval;
}

/**
 * The three ratios the verdict rests on, from the runs of the breaker policy, side by side.
 *
 * @example
 * ```ts
 * comparePlacements(result).shielding; // { estimate: 2.1, low: 1.8, high: 2.6, runs: 5 }
 * ```
 */
export function comparePlacements(result: ThirdPartyResult): PlacementComparison {
  const inProcess = (scenario: FailureMode, phase: RunPhase) => breakerRuns(result, 'in-process', null, scenario, phase);
  const service = (scenario: FailureMode, phase: RunPhase) => breakerRuns(result, 'service', result.adapterReplicas, scenario, phase);
  return {
    shielding: intervalOf(perRun(inProcess('outage', 'outage'), service('outage', 'outage'), callsInWindow, `outage with the breaker in the adapter service ×${result.adapterReplicas}`)),
    kept: intervalOf(perRun(inProcess('brownout', 'outage'), service('brownout', 'outage'), keptShare, `brownout with the breaker in the adapter service ×${result.adapterReplicas}`)),
    hop: intervalOf(hopPerRun(result)),
  };
}

/**
 * The price of the hop, one figure per run: the median, over every scenario and policy of the run, of
 * the median checkout before the failure window as a service ÷ in process (main comparison). Before
 * the window the provider is healthy, so the two differ by the network hop to the adapter service.
 */
function hopPerRun(result: ThirdPartyResult): number[] {
  const before = result.rows.filter((row) => row.phase === 'before' && isMain(result, row));
  const runs = [...new Set(before.map((row) => row.run))].sort((a, b) => a - b);
  return runs.map((run) => {
    const ratios = before
      .filter((row) => row.run === run && row.placement === 'service')
      .flatMap((service) => {
        const inProcess = before.find((row) => row.run === run && row.placement === 'in-process' && row.scenario === service.scenario && row.policy === service.policy);
        return inProcess && inProcess.p50Ms > 0 ? [service.p50Ms / inProcess.p50Ms] : [];
      });
    if (ratios.length === 0) throw new Error(`run ${run} has no healthy window in both placements to compare`);
    return median(ratios);
  });
}

/** The threshold a difference must clear: the rule's, both ways. */
const better = costThreshold;

/**
 * What the figures found, in the terms of the verdict rule. The benefit the claim names: a flaky third
 * party that is easy to live with — checkouts kept while it is degraded, fast failures and little load
 * on it while it is down. Every placement gets the same adapter and policies; what the placement can
 * change is how many breakers face the provider (one per caller in process, one per replica as a
 * service), and whether a charge crosses the network. A placement shows the benefit unless the other
 * is clearly better at it (the whole 95% interval of the ratio beyond 1.1×): the service shielding the
 * dead provider clearly better, or keeping clearly more checkouts in the brownout, takes it from the
 * monolith, and the reverse from the microservices. The price stated is the hop. The runs must have
 * the breaker policy in both placements and both scenarios, five times or more, or this throws.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'microservices', shownBy: { monolith: false, microservices: true },
 * //   cost: { what: 'median checkout ...', ratio: { estimate: 1.9, ... } }, because: 'two adapter replicas let 2.1× [1.8–2.6] fewer calls reach a dead provider than four in-process adapters ...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const { shielding, kept, hop } = comparePlacements(result);
  const serviceShieldsBetter = clearlyAbove(shielding, better);
  const inProcessShieldsBetter = clearlyBelow(shielding, 1 / better);
  const inProcessKeepsMore = clearlyAbove(kept, better);
  const serviceKeepsMore = clearlyBelow(kept, 1 / better);
  const shownBy = { monolith: !serviceShieldsBetter && !serviceKeepsMore, microservices: !inProcessShieldsBetter && !inProcessKeepsMore };
  const replicas = `${result.adapterReplicas} service replica${result.adapterReplicas === 1 ? '' : 's'}`;
  // The sentence says which way each difference went, with its interval, in the direction it is larger.
  const shieldText = serviceShieldsBetter
    ? `${result.callers} in-process breakers sent a dead provider ${formatInterval(shielding, 1, '×')} the calls ${replicas} sent`
    : inProcessShieldsBetter
      ? `${replicas} sent a dead provider ${formatInterval(invert(shielding), 1, '×')} the calls ${result.callers} in-process breakers sent`
      : `${result.callers} in-process breakers and ${replicas} sent a dead provider as many calls (${formatInterval(shielding, 1, '×')})`;
  const keptText = inProcessKeepsMore
    ? `the service kept fewer checkouts in a brownout (${formatInterval(invert(kept), 2, '×')})`
    : serviceKeepsMore
      ? `the service kept more checkouts in a brownout (${formatInterval(invert(kept), 2, '×')})`
      : `both kept as many in a brownout (${formatInterval(kept, 2, '×')})`;
  return {
    credited: 'microservices',
    shownBy,
    cost: { what: 'median checkout with a healthy provider, the adapter as a service against in process', ratio: hop },
    because: `${shieldText}; ${keptText}`,
  };
}

/** An interval of a ratio turned the other way up: b ÷ a from a ÷ b. */
const invert = (interval: Interval): Interval => ({ estimate: 1 / interval.estimate, low: 1 / interval.high, high: 1 / interval.low, runs: interval.runs });

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'holds-with-cost', because: '...', rule: 'it costs median checkout ...' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The verdict map: how many more calls reach a dead provider from the in-process adapters than from
 * the adapter service in the same window, against callers per adapter replica (the service's replica
 * counts tried), with the 1.1× line where the placement stops mattering. In process there is always
 * one adapter per caller.
 *
 * @example
 * ```ts
 * verdictMapOf(result).lines[0]?.points.map((point) => point.x); // [1, 2, 4]
 * ```
 */
export function verdictMapOf(result: ThirdPartyResult): VerdictMap {
  const inProcess = breakerRuns(result, 'in-process', null, 'outage', 'outage');
  const replicaCounts = [...new Set(result.rows.filter((row) => row.placement === 'service' && row.policy === 'timeout+retry+breaker').map((row) => row.adapterInstances))].sort((a, b) => b - a);
  const points: MapPoint[] = replicaCounts.map((replicas) => {
    const ratio = intervalOf(perRun(inProcess, breakerRuns(result, 'service', replicas, 'outage', 'outage'), callsInWindow, `outage with the breaker in the adapter service ×${replicas}`));
    return { x: result.callers / replicas, estimate: ratio.estimate, low: ratio.low, high: ratio.high };
  });
  return {
    title: `Calls that reach a dead provider, ${result.callers} in-process adapters ÷ the adapter service, by callers per adapter replica`,
    xLabel: 'callers per adapter replica',
    yLabel: 'calls on the dead provider, in process ÷ service',
    logX: true,
    logY: false,
    threshold: better,
    aboveThreshold: 'the adapter service shields a dead provider clearly better',
    belowThreshold: 'the placement makes no clear difference to the provider',
    lines: [{ series: 'outage, timeout+retry+breaker', points }],
    markers: [],
  };
}

/** One placement and policy during the outage (main comparison), as the page prints it: medians of the runs. */
export interface OutageFigures {
  /** Checkouts started during the outage, summed over the runs, a count. */
  readonly sent: number;
  /** Of those, refused at once by the open breaker, a count. */
  readonly fastFailed: number;
  /** Calls the provider received during the outage, summed over the runs, a count. */
  readonly providerCalls: number;
  /** Provider calls per checkout, the median run with its interval: '2.89 [2.80–2.95]'. */
  readonly callsPerCheckout: string;
  /** Checkouts that succeeded, the median run: '0%'. */
  readonly success: string;
  /** Median checkout latency, the median run, to a tenth of a millisecond: '642.6 ms' (a fast-fail takes well under one). */
  readonly p50: string;
}

/** One bar of the page's plot: the median checkout during the outage for one policy and placement, the median run. */
export interface LatencyBar {
  /** The adapter's policy. */
  readonly policy: PaymentPolicyName;
  /** Where the adapter ran. */
  readonly placement: AdapterPlacement;
  /** Median checkout latency during the outage, ms. */
  readonly p50Ms: number;
}

/** Every figure the page's prose and plot print, read out of the result and the run's parameters. */
export interface PageFigures {
  /** Calls the stand-in fails at once outside its window, in percent: '2%'. */
  readonly errorRate: string;
  /** Calls the stand-in answers only after a delay outside its window, in percent: '2%'. */
  readonly spikeRate: string;
  /** In the brownout, calls failed at once and calls held past the timeout, in percent: '30%', '10%'. */
  readonly brownoutErrorRate: string;
  readonly brownoutSlowRate: string;
  /** When the window starts in each run: '300 ms'. */
  readonly outageFrom: string;
  /** When it ends: '1,200 ms'. */
  readonly outageTo: string;
  /** How long each run lasts: '1,500 ms'. */
  readonly duration: string;
  /** Independent runs of every scenario and policy. */
  readonly runs: number;
  /** Checkout replicas, and the adapter service's replicas in the main comparison (both assumed). */
  readonly callers: number;
  readonly adapterReplicas: number;
  /** The adapter in process with plain calls, during the outage. */
  readonly inProcessPlain: OutageFigures;
  /** The adapter in process with timeout and retry. */
  readonly inProcessRetry: OutageFigures;
  /** The adapter in process with timeout, retry and breaker. */
  readonly inProcessBreaker: OutageFigures;
  /** The adapter as its own service with timeout, retry and breaker. */
  readonly serviceBreaker: OutageFigures;
  /** During the brownout, with the breaker: checkouts that succeeded in the median run, in process and as a service. */
  readonly brownoutInProcessSuccess: string;
  readonly brownoutServiceSuccess: string;
  /** During the brownout with timeout and retry but no breaker, in process: the same. */
  readonly brownoutRetrySuccess: string;
  /** During the brownout, with the breaker, the adapter service with a single replica (one breaker for every caller): the same ('–' when the run did not try it). */
  readonly brownoutSingleReplicaSuccess: string;
  /** The three ratios the verdict rests on, with their intervals: '2.1× [1.8–2.6×]'. */
  readonly shielding: string;
  readonly kept: string;
  readonly hop: string;
  /** Where the shielding ratio crosses 1.1×, in callers per adapter replica ('–' when it does not within what was measured). */
  readonly shieldingFlipsAt: string;
  /** The verdict map. */
  readonly verdictMap: VerdictMap;
  /** The plot's bars: the median checkout during the outage per policy and placement. */
  readonly latencyBars: readonly LatencyBar[];
}

/**
 * The figures the page prints, each picked from the result (a missing row throws, naming it).
 * Intervals need at least five runs: a result with fewer throws, as the page must not print one.
 *
 * @example
 * ```ts
 * pageFigures(evidence).inProcessBreaker.p50; // '0.1 ms'
 * pageFigures(evidence).shielding; // '2.1× [1.8–2.6×]'
 * ```
 */
export function pageFigures(evidence: { readonly result: Result; readonly params: { readonly errorRate: number; readonly spikeRate: number; readonly brownoutErrorRate: number; readonly brownoutSlowRate: number } }): PageFigures {
  const { result } = evidence;
  const runsOf = (placement: AdapterPlacement, policy: PaymentPolicyName, scenario: FailureMode) =>
    result.rows.filter((row) => isMain(result, row) && row.placement === placement && row.policy === policy && row.scenario === scenario && row.phase === 'outage');
  const outage = (placement: AdapterPlacement, policy: PaymentPolicyName): OutageFigures => {
    const rows = runsOf(placement, policy, 'outage');
    if (rows.length === 0) throw new Error(`the run has no outage rows for the adapter ${placement} with ${policy}`);
    return {
      sent: rows.reduce((total, row) => total + row.sent, 0),
      fastFailed: rows.reduce((total, row) => total + row.fastFailed, 0),
      providerCalls: rows.reduce((total, row) => total + row.providerCalls, 0),
      callsPerCheckout: formatInterval(intervalOf(rows.map(providerCallsPerCheckout)), 2),
      success: formatPercent(median(rows.map((row) => row.successPercent)) / 100),
      p50: formatMs(median(rows.map((row) => row.p50Ms)), 1),
    };
  };
  const brownoutSuccess = (placement: AdapterPlacement, policy: PaymentPolicyName) => {
    const rows = runsOf(placement, policy, 'brownout');
    if (rows.length === 0) throw new Error(`the run has no brownout rows for the adapter ${placement} with ${policy}`);
    return formatInterval(intervalOf(rows.map((row) => row.successPercent)), 0, '%');
  };
  const { shielding, kept, hop } = comparePlacements(result);
  const map = verdictMapOf(result);
  const flip = crossing(map.lines[0]?.points ?? [], map.threshold, map);
  return {
    errorRate: formatPercent(evidence.params.errorRate),
    spikeRate: formatPercent(evidence.params.spikeRate),
    brownoutErrorRate: formatPercent(evidence.params.brownoutErrorRate),
    brownoutSlowRate: formatPercent(evidence.params.brownoutSlowRate),
    outageFrom: formatMs(result.outageFromMs),
    outageTo: formatMs(result.outageToMs),
    duration: formatMs(result.durationMs),
    runs: result.runs,
    callers: result.callers,
    adapterReplicas: result.adapterReplicas,
    inProcessPlain: outage('in-process', 'plain'),
    inProcessRetry: outage('in-process', 'timeout+retry'),
    inProcessBreaker: outage('in-process', 'timeout+retry+breaker'),
    serviceBreaker: outage('service', 'timeout+retry+breaker'),
    brownoutInProcessSuccess: brownoutSuccess('in-process', 'timeout+retry+breaker'),
    brownoutServiceSuccess: brownoutSuccess('service', 'timeout+retry+breaker'),
    brownoutRetrySuccess: brownoutSuccess('in-process', 'timeout+retry'),
    brownoutSingleReplicaSuccess: (() => {
      const single = breakerRuns(result, 'service', 1, 'brownout', 'outage');
      return single.length >= minimumRuns ? formatInterval(intervalOf(single.map((row) => row.successPercent)), 0, '%') : '–';
    })(),
    shielding: formatInterval(shielding, 1, '×'),
    kept: formatInterval(kept, 2, '×'),
    hop: formatInterval(hop, 1, '×'),
    shieldingFlipsAt: flip === null ? '–' : (Math.round(flip * 10) / 10).toString(),
    verdictMap: map,
    latencyBars: (['in-process', 'service'] as const).flatMap((placement) =>
      (['plain', 'timeout+retry', 'timeout+retry+breaker'] as const).flatMap((policy) => {
        const rows = runsOf(placement, policy, 'outage');
        return rows.length ? [{ policy, placement, p50Ms: median(rows.map((row) => row.p50Ms)) }] : [];
      }),
    ),
  };
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/micro-third-party.json when the site is built, through
 * examples/claims/key-figures.ts). What the verdict rests on (`comparePlacements`, then `findingFor`):
 * the calls that reached the dead provider during its outage, the in-process adapters' ÷ the adapter
 * service's, and the price, the median checkout with a healthy provider as a service ÷ in process,
 * each a ratio per run with its 95% interval, printed as the page prints them. Null when the run lacks
 * five runs of the breaker policy in both placements and both scenarios.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'calls reaching a dead provider, 4 in-process breakers ÷ 2 service replicas: 2.1× [1.8–2.6×]; the hop to the service costs 1.9× [1.7–2.0×] the median checkout'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const breakerRows = (placement: AdapterPlacement, scenario: FailureMode) => breakerRuns(result, placement, placement === 'service' ? result.adapterReplicas : null, scenario, 'outage');
  if (!result.rows || !failureModes.every((scenario) => adapterPlacements.every((placement) => breakerRows(placement, scenario).length >= minimumRuns))) return null;
  if (!result.rows.some((row) => row.phase === 'before')) return null;
  const { shielding, hop } = comparePlacements(result);
  const replicas = `${result.adapterReplicas} service replica${result.adapterReplicas === 1 ? '' : 's'}`;
  return (
    `calls reaching a dead provider, ${result.callers} in-process breakers ÷ ${replicas}: ${formatInterval(shielding, 1, '×')}; ` +
    `the hop to the service costs ${formatInterval(hop, 1, '×')} the median checkout`
  );
}
