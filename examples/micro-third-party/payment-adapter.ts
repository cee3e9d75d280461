/**
 * The adapter around the third-party payment API: one place that knows the provider's wire format
 * and wraps every call in the resilience policy chosen (none; timeout and retry; timeout, retry and a
 * circuit breaker, from cockatiel). The same adapter runs inside the checkout's process or behind
 * its own HTTP endpoint: the placement is the only thing that changes.
 */
import { Hono } from 'hono';
import http from 'node:http';
import {
  circuitBreaker,
  ConsecutiveBreaker,
  ConstantBackoff,
  handleAll,
  handleWhen,
  isBrokenCircuitError,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel';

/** The resilience policies compared. */
export const paymentPolicies = ['plain', 'timeout+retry', 'timeout+retry+breaker'] as const;
/** One resilience policy. */
export type PaymentPolicyName = (typeof paymentPolicies)[number];

/** What one charge came to, as the checkout sees it. */
export type ChargeOutcome = 'charged' | 'failed' | 'fast-failed';

/** The knobs of the policies. */
export interface PolicySettings {
  readonly timeoutMs: number;
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly backoffMs: number;
  /** Consecutive failed attempts that open the breaker. */
  readonly breakAfter: number;
  /** How long the breaker stays open before it lets one trial call through. */
  readonly halfOpenAfterMs: number;
}

/** An adapter bound to one provider and one policy. */
export interface PaymentAdapter {
  readonly policy: PaymentPolicyName;
  charge(amountCents: number): Promise<ChargeOutcome>;
  close(): void;
}

function callProvider(agent: http.Agent, port: number, amountCents: number, signal?: AbortSignal): Promise<void> {
  const payload = JSON.stringify({ amount: amountCents, currency: 'EUR' });
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: '127.0.0.1', port, path: '/charges', method: 'POST', signal, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        response.resume();
        response.on('error', reject);
        response.on('end', () => ((response.statusCode ?? 0) === 200 ? resolve() : reject(new Error(`payment provider answered ${response.statusCode}`))));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function policyFor(name: PaymentPolicyName, settings: PolicySettings): IPolicy | null {
  if (name === 'plain') return null;
  const limit = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
  // An open breaker is an answer, not a fault: retrying it would only delay the same refusal.
  const retries = retry(handleWhen((error) => !isBrokenCircuitError(error)), { maxAttempts: settings.attempts - 1, backoff: new ConstantBackoff(settings.backoffMs) });
  if (name === 'timeout+retry') return wrap(retries, limit);
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.breakAfter) });
  return wrap(retries, breaker, limit);
}

/**
 * Creates the adapter for the provider listening on `port`. `charge` never throws: it tells what
 * the checkout got.
 *
 * @example
 * ```ts
 * const adapter = createPaymentAdapter(api.port, 'timeout+retry+breaker', { timeoutMs: 100, attempts: 3, backoffMs: 20, breakAfter: 5, halfOpenAfterMs: 500 });
 * try { await adapter.charge(12_345); } finally { adapter.close(); } // 'charged' | 'failed' | 'fast-failed'
 * ```
 */
export function createPaymentAdapter(port: number, policy: PaymentPolicyName, settings: PolicySettings): PaymentAdapter {
  const agent = new http.Agent({ keepAlive: true });
  const chosen = policyFor(policy, settings);
  return {
    policy,
    async charge(amountCents) {
      try {
        if (chosen) await chosen.execute(({ signal }) => callProvider(agent, port, amountCents, signal));
        else await callProvider(agent, port, amountCents);
        return 'charged';
      } catch (error) {
        return isBrokenCircuitError(error) ? 'fast-failed' : 'failed';
      }
    },
    close: () => agent.destroy(),
  };
}

const statusOf: Record<ChargeOutcome, 200 | 502 | 503> = { charged: 200, failed: 502, 'fast-failed': 503 };

/**
 * The adapter as its own service: `POST /charge {amountCents}` answers 200 when charged, 503 when
 * the breaker refused at once, 502 when the provider failed.
 *
 * @example
 * ```ts
 * const service = await listenOnLoopback(paymentAdapterApp(adapter));
 * ```
 */
export function paymentAdapterApp(adapter: PaymentAdapter): Hono {
  const app = new Hono();
  app.post('/charge', async (c) => {
    const { amountCents } = await c.req.json<{ amountCents: number }>();
    const outcome = await adapter.charge(amountCents);
    return c.json({ outcome }, statusOf[outcome]);
  });
  return app;
}

/**
 * Charges through the adapter service and maps its status back to the outcome.
 *
 * @example
 * ```ts
 * await chargeThroughService(agent, service.port, 12_345); // 'charged'
 * ```
 */
export function chargeThroughService(agent: http.Agent, port: number, amountCents: number): Promise<ChargeOutcome> {
  const payload = JSON.stringify({ amountCents });
  return new Promise((resolve) => {
    const request = http.request(
      { agent, host: '127.0.0.1', port, path: '/charge', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 200 ? 'charged' : response.statusCode === 503 ? 'fast-failed' : 'failed'));
        response.on('error', () => resolve('failed'));
      },
    );
    request.on('error', () => resolve('failed'));
    request.end(payload);
  });
}
