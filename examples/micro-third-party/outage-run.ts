import * as hdr from 'hdr-histogram-js';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import type { ExperimentProgress } from '../lab/experiment/define-experiment.ts';
import type { FlakyPaymentOptions, PaymentApiCounts } from './flaky-payment-provider.ts';
import { createPaymentAdapter, paymentPolicies, type ChargeOutcome, type PaymentAdapter, type PaymentPolicyName, type ProviderCall } from './payment-adapter.ts';
import { adapterPlacements, runPhases, type AdapterPlacement, type PhaseRow, type RunPhase, type ThirdPartyResult } from './report.ts';

/** The parameters of a micro-third-party run; the defaults produce the published evidence. */
export const thirdPartyParams = z.object({
  placements: z.array(z.enum(adapterPlacements)).min(1).default([...adapterPlacements]),
  policies: z.array(z.enum(paymentPolicies)).min(1).default([...paymentPolicies]),
  /** Customers checking out at once: each starts the next checkout `thinkMs` after the last one ended. */
  concurrency: z.number().int().min(1).max(64).default(8),
  /** The pause between a customer's checkouts, so that a fast failure does not turn into a busy loop. */
  thinkMs: z.number().int().min(0).max(1_000).default(20),
  /** How long each run keeps starting checkouts. */
  durationMs: z.number().int().min(300).max(20_000).default(6_000),
  /** The provider's outage, as shares of the run: it is the window the claim is about, so it gets most of the run. */
  outageFrom: z.number().min(0.05).max(0.9).default(0.2),
  outageTo: z.number().min(0.1).max(0.95).default(0.8),
  /** No run starts more checkouts than this, however fast they go. */
  maxRequests: z.number().int().min(10).max(200_000).default(50_000),
  seed: z.number().int().default(7),
  errorRate: z.number().min(0).max(0.5).default(0.02),
  spikeRate: z.number().min(0).max(0.5).default(0.02),
  spikeMs: z.number().int().min(0).max(5_000).default(400),
  /** During the outage the provider holds each call this long, then answers 503. */
  outageAnswerMs: z.number().int().min(0).max(10_000).default(1_000),
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

/**
 * The outage window in milliseconds from the run's start, from the shares the parameters give.
 *
 * @example
 * ```ts
 * outageWindow(thirdPartyParams.parse({})); // { outageFromMs: 1200, outageToMs: 4800 }
 * ```
 */
export function outageWindow(p: ThirdPartyParams): { outageFromMs: number; outageToMs: number } {
  return { outageFromMs: Math.round(p.durationMs * p.outageFrom), outageToMs: Math.round(p.durationMs * Math.max(p.outageTo, p.outageFrom + 0.05)) };
}
const ms = (microseconds: number) => Math.round(microseconds / 100) / 10;
const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

async function runOne(placement: AdapterPlacement, policy: PaymentPolicyName, p: ThirdPartyParams, environment: ThirdPartyEnvironment): Promise<PhaseRow[]> {
  const { outageFromMs, outageToMs } = outageWindow(p);
  const api = await environment.startPaymentApi({ seed: p.seed, errorRate: p.errorRate, spikeRate: p.spikeRate, spikeMs: p.spikeMs, outageFromMs, outageToMs, outageAnswerMs: p.outageAnswerMs });
  const adapter = createPaymentAdapter(api.call, policy, p);
  let service: ServedAdapter | null = null;
  const tallies = Object.fromEntries(
    runPhases.map((phase) => [phase, { sent: 0, outcomes: { charged: 0, failed: 0, 'fast-failed': 0 }, histogram: hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60e6, numberOfSignificantValueDigits: 3 }) }]),
  ) as Record<RunPhase, PhaseTally>;
  try {
    if (placement === 'service') service = await environment.serveAdapter(adapter);
    const charge = service ? service.charge : (cents: number) => adapter.charge(cents);
    const checkout = async () => {
      const receipt = runCheckoutInProcess(sampleCart) as { totalCents?: number };
      return charge(receipt.totalCents ?? 0);
    };
    const begunAt = api.begin();
    const deadline = begunAt + p.durationMs;
    let started = 0;
    const worker = async () => {
      while (performance.now() < deadline && started < p.maxRequests) {
        started += 1;
        const startedAt = performance.now();
        const at = startedAt - begunAt;
        const tally = tallies[at < outageFromMs ? 'before' : at < outageToMs ? 'outage' : 'after'];
        tally.sent += 1;
        const outcome = await checkout();
        tally.outcomes[outcome] += 1;
        tally.histogram.recordValue(Math.max(1, Math.round((performance.now() - startedAt) * 1000)));
        if (p.thinkMs > 0) await sleep(p.thinkMs);
      }
    };
    await Promise.all(Array.from({ length: p.concurrency }, worker));
    const providerCalls: Record<RunPhase, number> = { before: api.counts.callsBefore, outage: api.counts.callsDuringOutage, after: api.counts.callsAfter };
    return runPhases.map((phase) => {
      const tally = tallies[phase];
      return {
        placement,
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
    await service?.close();
    await api.close();
  }
}

/**
 * The micro-third-party measurement, browser-safe: for every placement and policy, a run of
 * `durationMs` during which customers check out and charge through the adapter while the provider
 * stand-in goes down for the outage window; the checkouts sent, succeeded, failed and fast-failed,
 * their latency, and the calls the provider received, before, during and after the outage.
 *
 * @example
 * ```ts
 * const result = await runOutages(thirdPartyParams.parse({ placements: ['in-process'] }), memoryEnvironment);
 * findPhaseRow(result, 'in-process', 'timeout+retry+breaker', 'outage')?.fastFailed; // > 0
 * ```
 */
export async function runOutages(p: ThirdPartyParams, environment: ThirdPartyEnvironment): Promise<ThirdPartyResult> {
  const rows: PhaseRow[] = [];
  const total = p.placements.length * p.policies.length;
  let done = 0;
  for (const placement of p.placements) {
    for (const policy of p.policies) {
      rows.push(...(await runOne(placement, policy, p, environment)));
      environment.onProgress?.({ done: ++done, total, label: `${placement} · ${policy}` });
    }
  }
  return { rows, ...outageWindow(p), durationMs: p.durationMs };
}
