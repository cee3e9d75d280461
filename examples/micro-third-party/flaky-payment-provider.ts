/**
 * How the stand-in for a third-party payment API behaves, whatever carries its calls: seeded faults
 * (errors, latency spikes) and a failure window. In an `outage` it holds every call of the window and
 * then answers 503, as a provider does when it is down behind its own gateway; in a `brownout` it is
 * only degraded: it fails a share of the window's calls at once and holds another share past any
 * sensible timeout, and answers the rest. Browser-safe: the command line
 * serves it over node:http (`payment-stand-in.ts`), the page calls it in memory
 * (`memory-payment-stand-in.ts`); both answer from the same code, with the same timers.
 */
import { seededRandom } from '../lab/faults/fault-injection.ts';

/** What the provider does in its failure window: go down, or only degrade. */
export type FailureMode = 'outage' | 'brownout';

/** How the stand-in misbehaves. Times are milliseconds from `begin()`. */
export interface FlakyPaymentOptions {
  readonly seed: number;
  /** Share of calls outside the outage answered 500 at once. */
  readonly errorRate: number;
  /** Share of calls outside the outage answered 200 only after `spikeMs`. */
  readonly spikeRate: number;
  readonly spikeMs: number;
  readonly outageFromMs: number;
  readonly outageToMs: number;
  /** During the outage every call is held this long, then answered 503 (in a brownout, the held share). */
  readonly outageAnswerMs: number;
  /** What the window is: an outage by default. */
  readonly mode?: FailureMode;
  /** In a brownout, the share of the window's calls answered 500 at once. */
  readonly brownoutErrorRate?: number;
  /** In a brownout, the share of the window's calls held for `outageAnswerMs`, then answered 503. */
  readonly brownoutSlowRate?: number;
}

/** Calls the stand-in received, by when they arrived, and what it answered. */
export interface PaymentApiCounts {
  callsBefore: number;
  callsDuringOutage: number;
  callsAfter: number;
  charged: number;
  errors: number;
  spikes: number;
  outageAnswers: number;
}

/** The provider's answer to one `POST /charges`. */
export interface ProviderReply {
  readonly status: 200 | 500 | 503;
  readonly body: unknown;
}

/** The stand-in's behaviour, not yet bound to a transport. */
export interface FlakyPaymentBehaviour {
  readonly counts: PaymentApiCounts;
  /** Starts the clock the outage window is measured from; returns performance.now() at that moment. */
  begin(): number;
  /** Takes one charge as it arrives and calls `answer` when the provider answers: at once, or later on a timer. */
  receive(answer: (reply: ProviderReply) => void): void;
  /** Drops every answer still held on a timer. */
  close(): void;
}

/**
 * Creates the stand-in's behaviour. The same seed gives the same sequence of faults.
 *
 * @example
 * ```ts
 * const provider = flakyPaymentBehaviour({ seed: 7, errorRate: 0.02, spikeRate: 0.02, spikeMs: 250, outageFromMs: 2000, outageToMs: 4000, outageAnswerMs: 1000 });
 * provider.begin();
 * provider.receive((reply) => reply.status); // 200, 500 or (during the outage, a second later) 503
 * flakyPaymentBehaviour({ ...options, mode: 'brownout', brownoutErrorRate: 0.3, brownoutSlowRate: 0.1 }); // in the window: 30% 500, 10% held then 503
 * provider.close();
 * ```
 */
export function flakyPaymentBehaviour(options: FlakyPaymentOptions): FlakyPaymentBehaviour {
  const random = seededRandom(options.seed);
  const counts: PaymentApiCounts = { callsBefore: 0, callsDuringOutage: 0, callsAfter: 0, charged: 0, errors: 0, spikes: 0, outageAnswers: 0 };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let begunAt = performance.now();
  const later = (ms: number, answer: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, ms);
    timers.add(timer);
  };
  return {
    counts,
    begin: () => {
      begunAt = performance.now();
      return begunAt;
    },
    receive(answer) {
      const at = performance.now() - begunAt;
      if (at >= options.outageFromMs && at < options.outageToMs) {
        counts.callsDuringOutage += 1;
        const hold = () =>
          later(options.outageAnswerMs, () => {
            counts.outageAnswers += 1;
            answer({ status: 503, body: { error: 'service unavailable' } });
          });
        if (options.mode !== 'brownout') return hold();
        const draw = random();
        const errorRate = options.brownoutErrorRate ?? 0;
        if (draw < errorRate) {
          counts.errors += 1;
          answer({ status: 500, body: { error: 'internal error' } });
        } else if (draw < errorRate + (options.brownoutSlowRate ?? 0)) {
          hold();
        } else {
          counts.charged += 1;
          answer({ status: 200, body: { status: 'charged' } });
        }
        return;
      }
      if (at < options.outageFromMs) counts.callsBefore += 1;
      else counts.callsAfter += 1;
      const draw = random();
      if (draw < options.errorRate) {
        counts.errors += 1;
        answer({ status: 500, body: { error: 'internal error' } });
      } else if (draw < options.errorRate + options.spikeRate) {
        counts.spikes += 1;
        later(options.spikeMs, () => {
          counts.charged += 1;
          answer({ status: 200, body: { status: 'charged' } });
        });
      } else {
        counts.charged += 1;
        answer({ status: 200, body: { status: 'charged' } });
      }
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
