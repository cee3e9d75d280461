/**
 * The stand-in for a third-party payment API on the network: a node:http server on 127.0.0.1 that
 * answers `POST /charges` as `flakyPaymentBehaviour` decides (seeded errors and latency spikes, and
 * an outage window during which it holds every request and then answers 503).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { flakyPaymentBehaviour, type FlakyPaymentOptions, type PaymentApiCounts } from './flaky-payment-provider.ts';

export type { FlakyPaymentOptions, PaymentApiCounts } from './flaky-payment-provider.ts';

/** A running stand-in. */
export interface FlakyPaymentApi {
  readonly port: number;
  readonly counts: PaymentApiCounts;
  /** Starts the clock the outage window is measured from; returns performance.now() at that moment. */
  begin(): number;
  close(): Promise<void>;
}

/**
 * Starts the stand-in on 127.0.0.1 (port 0). The same seed gives the same sequence of faults.
 *
 * @example
 * ```ts
 * const api = await startFlakyPaymentApi({ seed: 7, errorRate: 0.02, spikeRate: 0.02, spikeMs: 250, outageFromMs: 2000, outageToMs: 4000, outageAnswerMs: 1000 });
 * try { api.begin(); ... } finally { await api.close(); }
 * ```
 */
export async function startFlakyPaymentApi(options: FlakyPaymentOptions): Promise<FlakyPaymentApi> {
  const behaviour = flakyPaymentBehaviour(options);
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      behaviour.receive(({ status, body }) => {
        // The caller may have given up (timed out) and closed the socket: nothing to answer then.
        if (response.destroyed) return;
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    counts: behaviour.counts,
    begin: () => behaviour.begin(),
    close: async () => {
      behaviour.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
