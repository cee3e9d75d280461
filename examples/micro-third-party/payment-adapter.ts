/**
 * The adapter around the third-party payment API: one place that knows the provider's wire format
 * and wraps every call in the resilience policy chosen (none; timeout and retry; timeout, retry and a
 * circuit breaker, from cockatiel). The same adapter runs inside the checkout's process or behind
 * its own HTTP endpoint: the placement is the only thing that changes. Browser-safe: how a call
 * reaches the provider (node:http on the command line, a function in the page) is given to it.
 */
import { Hono } from 'hono';
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

/** One `POST /charges` to the provider: resolves when it charged, rejects when it failed or the signal aborted the call. */
export type ProviderCall = (amountCents: number, signal?: AbortSignal) => Promise<void>;

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
 * Creates the adapter for the provider reached through `callProvider`. `charge` never throws: it
 * tells what the checkout got.
 *
 * @example
 * ```ts
 * const adapter = createPaymentAdapter(httpProviderCall(agent, api.port), 'timeout+retry+breaker', { timeoutMs: 100, attempts: 3, backoffMs: 20, breakAfter: 5, halfOpenAfterMs: 500 });
 * await adapter.charge(12_345); // 'charged' | 'failed' | 'fast-failed'
 * ```
 */
export function createPaymentAdapter(callProvider: ProviderCall, policy: PaymentPolicyName, settings: PolicySettings): PaymentAdapter {
  const chosen = policyFor(policy, settings);
  return {
    policy,
    async charge(amountCents) {
      try {
        if (chosen) await chosen.execute(({ signal }) => callProvider(amountCents, signal));
        else await callProvider(amountCents);
        return 'charged';
      } catch (error) {
        return isBrokenCircuitError(error) ? 'fast-failed' : 'failed';
      }
    },
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
 * What the checkout makes of the adapter service's status: the inverse of `paymentAdapterApp`.
 *
 * @example
 * ```ts
 * outcomeOfStatus(503); // 'fast-failed'
 * ```
 */
export function outcomeOfStatus(status: number): ChargeOutcome {
  return status === 200 ? 'charged' : status === 503 ? 'fast-failed' : 'failed';
}

/**
 * Charges through the adapter service reached by Hono's `app.fetch` (the page's stand-in for a
 * service on the network: a real `Request` and JSON body, no socket) and maps its status back.
 *
 * @example
 * ```ts
 * await chargeThroughApp(paymentAdapterApp(adapter), 12_345); // 'charged'
 * ```
 */
export async function chargeThroughApp(app: Hono, amountCents: number): Promise<ChargeOutcome> {
  try {
    const response = await app.fetch(
      new Request('http://payment-adapter.memory/charge', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amountCents }) }),
    );
    await response.text();
    return outcomeOfStatus(response.status);
  } catch {
    return 'failed';
  }
}
