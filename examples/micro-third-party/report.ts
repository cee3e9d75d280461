import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';
import type { PaymentPolicyName } from './payment-adapter.ts';

/** Where the adapter runs: a module in the checkout's process, or its own HTTP service. */
export const adapterPlacements = ['in-process', 'service'] as const;
/** One placement. */
export type AdapterPlacement = (typeof adapterPlacements)[number];

/** The three windows of a run, by when a checkout started. */
export const runPhases = ['before', 'outage', 'after'] as const;
/** One window. */
export type RunPhase = (typeof runPhases)[number];

/** Checkouts started in one window of one run. */
export interface PhaseRow {
  readonly placement: AdapterPlacement;
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
}

/**
 * The figures of one window (the outage by default), as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * phaseTable(result, 'outage').rows[0]; // { placement: 'in-process', policy: 'plain', sent: 16, succeeded: 0, ... }
 * ```
 */
export function phaseTable(result: ThirdPartyResult, phase: RunPhase | 'all' = 'outage'): ResultTable {
  const rows = phase === 'all' ? result.rows : result.rows.filter((row) => row.phase === phase);
  return {
    title: phase === 'all' ? 'Checkouts in every window of every run' : `Checkouts started during the provider's outage (${result.outageFromMs}–${result.outageToMs} ms of ${result.durationMs} ms)`,
    columns: [
      { key: 'placement', label: 'adapter' },
      { key: 'policy', label: 'policy' },
      ...(phase === 'all' ? [{ key: 'phase', label: 'window' }] : []),
      { key: 'sent', label: 'sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
      { key: 'fastFailed', label: 'fast-failed' },
      { key: 'successPercent', label: 'success %' },
      { key: 'p50Ms', label: 'p50 ms' },
      { key: 'p99Ms', label: 'p99 ms' },
      { key: 'providerCalls', label: 'provider calls' },
    ],
    rows: rows.map((row) => ({ ...row })),
  };
}

/**
 * The row for one placement, policy and window, if it was measured.
 *
 * @example
 * ```ts
 * findPhaseRow(result, 'service', 'timeout+retry+breaker', 'outage')?.fastFailed; // 412
 * ```
 */
export function findPhaseRow(result: ThirdPartyResult, placement: AdapterPlacement, policy: PaymentPolicyName, phase: RunPhase): PhaseRow | undefined {
  return result.rows.find((row) => row.placement === placement && row.policy === policy && row.phase === phase);
}

/**
 * The verdict the counts support. The adapter and its policies are what make a flaky third party
 * safe to integrate; the claim holds for microservices only if putting the adapter behind a service
 * boundary raised checkout success during the outage by more than 10 points over the same adapter in
 * process. Otherwise it is misattributed.
 *
 * @example
 * ```ts
 * thirdPartyVerdict(result); // { verdict: 'misattributed', because: 'during the outage ...' }
 * ```
 */
export function thirdPartyVerdict(result: ThirdPartyResult): { verdict: Verdict; because: string } {
  const during = (placement: AdapterPlacement, policy: PaymentPolicyName) => findPhaseRow(result, placement, policy, 'outage');
  const inPlain = during('in-process', 'plain');
  const inBreaker = during('in-process', 'timeout+retry+breaker');
  const inRetry = during('in-process', 'timeout+retry');
  const svcBreaker = during('service', 'timeout+retry+breaker');
  if (!inPlain || !inBreaker || !inRetry || !svcBreaker) return { verdict: 'not-testable', because: 'a placement or policy was not run during the outage' };
  if (inBreaker.fastFailed === 0 || svcBreaker.fastFailed === 0) return { verdict: 'not-testable', because: 'the breaker never opened: the run did not reach the outage' };
  const gap = svcBreaker.successPercent - inBreaker.successPercent;
  const pattern = `during the outage the adapter with a breaker answered checkouts in ${inBreaker.p50Ms} ms at the median (p99 ${inBreaker.p99Ms} ms) against ${inPlain.p50Ms} ms (p99 ${inPlain.p99Ms} ms) with plain calls, fast-failed ${inBreaker.fastFailed} of ${inBreaker.sent} and let ${inBreaker.providerCalls} calls reach the struggling provider against ${inRetry.providerCalls} with retries alone`;
  if (gap > 10) return { verdict: 'holds', because: `${pattern}; as its own service it kept ${svcBreaker.successPercent}% of checkouts against ${inBreaker.successPercent}% in process` };
  return {
    verdict: 'misattributed',
    because: `${pattern}; as its own service it kept ${svcBreaker.successPercent}% of checkouts against ${inBreaker.successPercent}% in process: the adapter and its policies make the integration, not the service boundary`,
  };
}
