/**
 * A local stand-in for a third-party payment API: a node:http server on 127.0.0.1 that answers
 * `POST /charges` with seeded faults (errors, latency spikes) and an outage window during which it
 * holds every request and then answers 503, as a provider does when it is down behind its own gateway.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../lab/fault-injection.ts';

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
  /** During the outage every call is held this long, then answered 503. */
  readonly outageAnswerMs: number;
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
  const random = seededRandom(options.seed);
  const counts: PaymentApiCounts = { callsBefore: 0, callsDuringOutage: 0, callsAfter: 0, charged: 0, errors: 0, spikes: 0, outageAnswers: 0 };
  const timers = new Set<NodeJS.Timeout>();
  let begunAt = performance.now();
  const later = (ms: number, answer: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, ms);
    timers.add(timer);
  };
  const reply = (response: http.ServerResponse, status: number, body: unknown) => {
    // The caller may have given up (timed out) and closed the socket: nothing to answer then.
    if (response.destroyed) return;
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const at = performance.now() - begunAt;
      if (at >= options.outageFromMs && at < options.outageToMs) {
        counts.callsDuringOutage += 1;
        later(options.outageAnswerMs, () => {
          counts.outageAnswers += 1;
          reply(response, 503, { error: 'service unavailable' });
        });
        return;
      }
      if (at < options.outageFromMs) counts.callsBefore += 1;
      else counts.callsAfter += 1;
      const draw = random();
      if (draw < options.errorRate) {
        counts.errors += 1;
        reply(response, 500, { error: 'internal error' });
      } else if (draw < options.errorRate + options.spikeRate) {
        counts.spikes += 1;
        later(options.spikeMs, () => {
          counts.charged += 1;
          reply(response, 200, { status: 'charged' });
        });
      } else {
        counts.charged += 1;
        reply(response, 200, { status: 'charged' });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    begin: () => {
      begunAt = performance.now();
      return begunAt;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
