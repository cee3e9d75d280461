/**
 * The stand-in for a third-party payment API without a network, for the page: the same behaviour as
 * the node:http stand-in (`flakyPaymentBehaviour`: seeded errors, latency spikes and an outage held on
 * timers), called as a function. A caller that gives up (a timeout aborts its signal) is rejected at
 * once, as a closed socket would be, while the provider still holds and counts the call.
 */
import { flakyPaymentBehaviour, type FlakyPaymentOptions, type PaymentApiCounts } from './flaky-payment-provider.ts';
import type { ProviderCall } from './payment-adapter.ts';

/** A stand-in running in this thread. */
export interface MemoryPaymentApi {
  /** What the adapter calls instead of `POST /charges`. */
  readonly call: ProviderCall;
  readonly counts: PaymentApiCounts;
  /** Starts the clock the outage window is measured from; returns performance.now() at that moment. */
  begin(): number;
  close(): Promise<void>;
}

/**
 * Starts the in-memory stand-in. The same seed gives the same sequence of faults as the HTTP one.
 *
 * @example
 * ```ts
 * const api = startMemoryPaymentApi({ seed: 7, errorRate: 0.02, spikeRate: 0.02, spikeMs: 250, outageFromMs: 2000, outageToMs: 4000, outageAnswerMs: 1000 });
 * try { api.begin(); await api.call(12_345); } finally { await api.close(); }
 * ```
 */
export function startMemoryPaymentApi(options: FlakyPaymentOptions): MemoryPaymentApi {
  const behaviour = flakyPaymentBehaviour(options);
  const call: ProviderCall = (_amountCents, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('the caller gave up before sending'));
      const giveUp = () => reject(new Error('the caller gave up waiting for the payment provider'));
      signal?.addEventListener('abort', giveUp, { once: true });
      behaviour.receive(({ status }) => {
        signal?.removeEventListener('abort', giveUp);
        if (status === 200) resolve();
        else reject(new Error(`payment provider answered ${status}`));
      });
    });
  return { call, counts: behaviour.counts, begin: () => behaviour.begin(), close: async () => behaviour.close() };
}
