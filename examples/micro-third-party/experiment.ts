import * as hdr from 'hdr-histogram-js';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import { defineExperiment } from '../lab/define-experiment.ts';
import { keepAliveAgent } from '../lab/http-client.ts';
import { listenOnLoopback } from '../lab/http-transport.ts';
import { chargeThroughService, createPaymentAdapter, paymentAdapterApp, paymentPolicies, type ChargeOutcome, type PaymentPolicyName } from './payment-adapter.ts';
import { startFlakyPaymentApi } from './payment-stand-in.ts';
import { adapterPlacements, phaseTable, runPhases, thirdPartyVerdict, type AdapterPlacement, type PhaseRow, type RunPhase, type ThirdPartyResult } from './report.ts';

const params = z.object({
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

type Params = z.output<typeof params>;

interface PhaseTally {
  sent: number;
  outcomes: Record<ChargeOutcome, number>;
  histogram: hdr.Histogram;
}

const outageWindow = (p: Params) => ({ outageFromMs: Math.round(p.durationMs * p.outageFrom), outageToMs: Math.round(p.durationMs * Math.max(p.outageTo, p.outageFrom + 0.05)) });
const ms = (microseconds: number) => Math.round(microseconds / 100) / 10;

async function runOne(placement: AdapterPlacement, policy: PaymentPolicyName, p: Params): Promise<PhaseRow[]> {
  const { outageFromMs, outageToMs } = outageWindow(p);
  const api = await startFlakyPaymentApi({ seed: p.seed, errorRate: p.errorRate, spikeRate: p.spikeRate, spikeMs: p.spikeMs, outageFromMs, outageToMs, outageAnswerMs: p.outageAnswerMs });
  const adapter = createPaymentAdapter(api.port, policy, p);
  const agent = keepAliveAgent();
  let service: Awaited<ReturnType<typeof listenOnLoopback>> | null = null;
  const tallies = Object.fromEntries(
    runPhases.map((phase) => [phase, { sent: 0, outcomes: { charged: 0, failed: 0, 'fast-failed': 0 }, histogram: hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60e6, numberOfSignificantValueDigits: 3 }) }]),
  ) as Record<RunPhase, PhaseTally>;
  try {
    if (placement === 'service') service = await listenOnLoopback(paymentAdapterApp(adapter));
    const servicePort = service?.port;
    const charge = servicePort === undefined ? (cents: number) => adapter.charge(cents) : (cents: number) => chargeThroughService(agent, servicePort, cents);
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
    agent.destroy();
    adapter.close();
    await api.close();
  }
}

/**
 * micro-third-party: a checkout charges through an adapter around a local stand-in for a payment
 * provider that fails 2% of calls, is slow on 2% and goes down for the middle 60% of the run. The
 * adapter calls it plainly, with timeout and retry, or with timeout, retry and a circuit breaker
 * (cockatiel), placed in the checkout's process or as its own HTTP service. Each run counts the
 * checkouts sent, succeeded, failed and fast-failed and their latency, before, during and after the
 * outage, and the calls the provider received.
 */
export const experiment = defineExperiment({
  id: 'micro-third-party',
  title: 'Integrating a flaky payment provider: adapter, timeout, retry and circuit breaker',
  params,
  quick: { durationMs: 1_500, outageAnswerMs: 300, timeoutMs: 100, spikeMs: 250, halfOpenAfterMs: 200, concurrency: 4, thinkMs: 10 },
  tables: (result) => [phaseTable(result, 'outage'), phaseTable(result, 'all')],
  verdict: thirdPartyVerdict,

  async run(p, onProgress): Promise<ThirdPartyResult> {
    const rows: PhaseRow[] = [];
    const total = p.placements.length * p.policies.length;
    let done = 0;
    for (const placement of p.placements) {
      for (const policy of p.policies) {
        rows.push(...(await runOne(placement, policy, p)));
        onProgress?.({ done: ++done, total, label: `${placement} · ${policy}` });
      }
    }
    return { rows, ...outageWindow(p), durationMs: p.durationMs };
  },
});
