import * as hdr from 'hdr-histogram-js';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import type { ExperimentProgress } from '../lab/experiment/define-experiment.ts';
import type { FailureMode, FlakyPaymentOptions, PaymentApiCounts } from './flaky-payment-provider.ts';
import { createPaymentAdapter, paymentPolicies, type ChargeOutcome, type PaymentAdapter, type PaymentPolicyName, type ProviderCall } from './payment-adapter.ts';
import { adapterPlacements, failureModes, runPhases, type AdapterPlacement, type PhaseRow, type RunPhase, type ThirdPartyResult } from './report.ts';

/** The parameters of a micro-third-party run; the defaults produce the published evidence. */
export const thirdPartyParams = z.object({
  placements: z.array(z.enum(adapterPlacements)).min(1).default([...adapterPlacements]),
  policies: z.array(z.enum(paymentPolicies)).min(1).default([...paymentPolicies]),
  /** What the provider does in its window: goes down (outage), or only degrades (brownout). */
  scenarios: z.array(z.enum(failureModes)).min(1).default([...failureModes]),
  /** Independent runs of every scenario and policy, each with its own seed; a figure of the page is their median, with its interval. */
  runs: z.number().int().min(1).max(20).default(5),
  /**
   * Replicas of the checkout (assumed): in process each holds its own adapter, so its own breaker; as a
   * service they share the adapter service's replicas. Customers are spread over them in turn.
   */
  callers: z.number().int().min(1).max(16).default(4),
  /** Replicas of the adapter service (assumed: two, so that it is not a single point of failure); each charge goes to the next. */
  adapterReplicas: z.number().int().min(1).max(16).default(2),
  /**
   * Further replica counts of the adapter service run beside the main one with the breaker, for the
   * verdict map: with as many replicas as callers each breaker sees what an in-process one sees.
   */
  mapReplicas: z.array(z.number().int().min(1).max(16)).max(4).default([1, 4]),
  /** Customers checking out at once: each starts the next checkout `thinkMs` after the last one ended. */
  concurrency: z.number().int().min(1).max(64).default(8),
  /** The pause between a customer's checkouts, so that a fast failure does not turn into a busy loop. */
  thinkMs: z.number().int().min(0).max(1_000).default(20),
  /** How long each run keeps starting checkouts. */
  durationMs: z.number().int().min(300).max(20_000).default(1_500),
  /** The provider's failure window, as shares of the run: it is the window the claim is about, so it gets most of the run. */
  outageFrom: z.number().min(0.05).max(0.9).default(0.2),
  outageTo: z.number().min(0.1).max(0.95).default(0.8),
  /** No run starts more checkouts than this, however fast they go. */
  maxRequests: z.number().int().min(10).max(200_000).default(50_000),
  seed: z.number().int().default(7),
  errorRate: z.number().min(0).max(0.5).default(0.02),
  spikeRate: z.number().min(0).max(0.5).default(0.02),
  spikeMs: z.number().int().min(0).max(5_000).default(400),
  /** During the outage the provider holds each call this long, then answers 503 (in a brownout, the held share). */
  outageAnswerMs: z.number().int().min(0).max(10_000).default(1_000),
  /** In a brownout, the share of the window's calls the provider fails at once. */
  brownoutErrorRate: z.number().min(0).max(1).default(0.3),
  /** In a brownout, the share of the window's calls it holds for `outageAnswerMs`, past the timeout. */
  brownoutSlowRate: z.number().min(0).max(1).default(0.1),
  /** Above the p99 of a healthy call on a busy two-core machine, below a spike. */
  timeoutMs: z.number().int().min(1).max(10_000).default(200),
  attempts: z.number().int().min(1).max(10).default(3),
  backoffMs: z.number().int().min(0).max(5_000).default(20),
  breakAfter: z.number().int().min(1).max(100).default(5),
  halfOpenAfterMs: z.number().int().min(1).max(60_000).default(500),
});
/** Parsed micro-third-party parameters. */
export type ThirdPartyParams = z.output<typeof thirdPartyParams>;

/** A provider stand-in that is up, as the adapter reaches it. */
export interface RunningPaymentApi {
  readonly call: ProviderCall;
  readonly counts: PaymentApiCounts;
  /** Starts the clock the outage window is measured from; returns performance.now() at that moment. */
  begin(): number;
  close(): Promise<void>;
}

/** The adapter behind its own service boundary, as the checkout reaches it. */
export interface ServedAdapter {
  charge(amountCents: number): Promise<ChargeOutcome>;
  close(): Promise<void>;
}

/** What differs between the command line and the page: how the provider and the adapter service are reached. */
export interface ThirdPartyEnvironment {
  /** The command line serves the stand-in over node:http; the page calls it in memory. */
  startPaymentApi(options: FlakyPaymentOptions): Promise<RunningPaymentApi>;
  /** The command line listens on loopback; the page reaches the adapter's Hono app through `app.fetch`. */
  serveAdapter(adapter: PaymentAdapter): Promise<ServedAdapter>;
  readonly onProgress?: (progress: ExperimentProgress) => void;
}

interface PhaseTally {
  sent: number;
  outcomes: Record<ChargeOutcome, number>;
  histogram: hdr.Histogram;
}

/** One way of deploying the adapter in a run: where it runs, and how many instances (so breakers) face the provider. */
interface Deployment {
  readonly placement: AdapterPlacement;
  /** In process: one per caller. As a service: its replicas. */
  readonly adapterInstances: number;
}

/**
 * The outage window in milliseconds from the run's start, from the shares the parameters give.
 *
 * @example
 * ```ts
 * outageWindow(thirdPartyParams.parse({})); // { outageFromMs: 300, outageToMs: 1200 }
 * ```
 */
export function outageWindow(p: Pick<ThirdPartyParams, 'durationMs' | 'outageFrom' | 'outageTo'>): { outageFromMs: number; outageToMs: number } {
  return { outageFromMs: Math.round(p.durationMs * p.outageFrom), outageToMs: Math.round(p.durationMs * Math.max(p.outageTo, p.outageFrom + 0.05)) };
}
const ms = (microseconds: number) => Math.round(microseconds / 100) / 10;
const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * The deployments one run compares, side by side: the adapter in each caller's process, and as a
 * service with `adapterReplicas` replicas; with the breaker, also the service with each of
 * `mapReplicas` replicas, for the verdict map.
 *
 * @example
 * ```ts
 * deploymentsFor(thirdPartyParams.parse({}), 'timeout+retry+breaker');
 * // [{ placement: 'in-process', adapterInstances: 4 }, { placement: 'service', adapterInstances: 2 }, { placement: 'service', adapterInstances: 1 }, { placement: 'service', adapterInstances: 4 }]
 * ```
 */
export function deploymentsFor(p: ThirdPartyParams, policy: PaymentPolicyName): Deployment[] {
  const deployments: Deployment[] = [];
  if (p.placements.includes('in-process')) deployments.push({ placement: 'in-process', adapterInstances: p.callers });
  if (p.placements.includes('service')) {
    const replicas = policy === 'timeout+retry+breaker' ? [p.adapterReplicas, ...p.mapReplicas] : [p.adapterReplicas];
    for (const count of new Set(replicas)) deployments.push({ placement: 'service', adapterInstances: count });
  }
  return deployments;
}

async function runOne(deployment: Deployment, scenario: FailureMode, policy: PaymentPolicyName, run: number, p: ThirdPartyParams, environment: ThirdPartyEnvironment): Promise<PhaseRow[]> {
  const { outageFromMs, outageToMs } = outageWindow(p);
  // The same seed for every deployment of a run, so they meet the same faults; another for every run.
  const api = await environment.startPaymentApi({
    seed: p.seed + 1_000 * run,
    errorRate: p.errorRate,
    spikeRate: p.spikeRate,
    spikeMs: p.spikeMs,
    outageFromMs,
    outageToMs,
    outageAnswerMs: p.outageAnswerMs,
    mode: scenario,
    brownoutErrorRate: p.brownoutErrorRate,
    brownoutSlowRate: p.brownoutSlowRate,
  });
  const adapters = Array.from({ length: deployment.adapterInstances }, () => createPaymentAdapter(api.call, policy, p));
  const services: ServedAdapter[] = [];
  const tallies = Object.fromEntries(
    runPhases.map((phase) => [phase, { sent: 0, outcomes: { charged: 0, failed: 0, 'fast-failed': 0 }, histogram: hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60e6, numberOfSignificantValueDigits: 3 }) }]),
  ) as Record<RunPhase, PhaseTally>;
  try {
    if (deployment.placement === 'service') for (const adapter of adapters) services.push(await environment.serveAdapter(adapter));
    let next = 0;
    // In process, a customer's caller charges through its own adapter; as a service, each charge goes to the next replica.
    const chargeFor = (caller: number) =>
      deployment.placement === 'service'
        ? (cents: number) => (services[next++ % services.length] as ServedAdapter).charge(cents)
        : (cents: number) => (adapters[caller] as PaymentAdapter).charge(cents);
    const begunAt = api.begin();
    const deadline = begunAt + p.durationMs;
    let started = 0;
    const worker = async (customer: number) => {
      const charge = chargeFor(customer % p.callers);
      while (performance.now() < deadline && started < p.maxRequests) {
        started += 1;
        const startedAt = performance.now();
        const at = startedAt - begunAt;
        const tally = tallies[at < outageFromMs ? 'before' : at < outageToMs ? 'outage' : 'after'];
        tally.sent += 1;
        const receipt = runCheckoutInProcess(sampleCart) as { totalCents?: number };
        const outcome = await charge(receipt.totalCents ?? 0);
        tally.outcomes[outcome] += 1;
        tally.histogram.recordValue(Math.max(1, Math.round((performance.now() - startedAt) * 1000)));
        if (p.thinkMs > 0) await sleep(p.thinkMs);
      }
    };
    await Promise.all(Array.from({ length: p.concurrency }, (_, customer) => worker(customer)));
    const providerCalls: Record<RunPhase, number> = { before: api.counts.callsBefore, outage: api.counts.callsDuringOutage, after: api.counts.callsAfter };
    return runPhases.map((phase) => {
      const tally = tallies[phase];
      return {
        scenario,
        run,
        placement: deployment.placement,
        adapterInstances: deployment.adapterInstances,
        callers: p.callers,
        policy,
        phase,
        sent: tally.sent,
        succeeded: tally.outcomes.charged,
        failed: tally.outcomes.failed,
        fastFailed: tally.outcomes['fast-failed'],
        successPercent: tally.sent ? Math.round((tally.outcomes.charged / tally.sent) * 1000) / 10 : 0,
        p50Ms: ms(tally.histogram.getValueAtPercentile(50)),
        p99Ms: ms(tally.histogram.getValueAtPercentile(99)),
        providerCalls: providerCalls[phase],
      };
    });
  } finally {
    for (const tally of Object.values(tallies)) tally.histogram.destroy();
    await Promise.all(services.map((service) => service.close()));
    await api.close();
  }
}

/**
 * The micro-third-party measurement, browser-safe: run by run, for every failure scenario and policy,
 * every deployment of the adapter side by side (each against its own stand-in with the run's seed),
 * for `durationMs`, while customers spread over `callers` check out and charge through the adapter;
 * the checkouts sent, succeeded, failed and fast-failed, their latency, and the calls the provider
 * received, before, during and after the failure window.
 *
 * @example
 * ```ts
 * const result = await runOutages(thirdPartyParams.parse({ placements: ['in-process'], runs: 1 }), memoryEnvironment);
 * findPhaseRow(result, 'in-process', 'timeout+retry+breaker', 'outage')?.fastFailed; // > 0
 * ```
 */
export async function runOutages(p: ThirdPartyParams, environment: ThirdPartyEnvironment): Promise<ThirdPartyResult> {
  const rows: PhaseRow[] = [];
  const scenarios = failureModes.filter((mode) => p.scenarios.includes(mode));
  const total = p.runs * scenarios.length * p.policies.length;
  let done = 0;
  for (let run = 1; run <= p.runs; run++) {
    for (const scenario of scenarios) {
      for (const policy of p.policies) {
        const deployments = deploymentsFor(p, policy);
        const measured = await Promise.all(deployments.map((deployment) => runOne(deployment, scenario, policy, run, p, environment)));
        rows.push(...measured.flat());
        environment.onProgress?.({ done: ++done, total, label: `run ${run} · ${scenario} · ${policy}` });
      }
    }
  }
  return { rows, ...outageWindow(p), durationMs: p.durationMs, callers: p.callers, adapterReplicas: p.adapterReplicas, runs: p.runs };
}
