import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, type CheckoutStep } from '../checkout/steps.ts';
import type { ExperimentProgress } from '../lab/experiment/define-experiment.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { refuseWithProbability, seedFor, type FaultCounts } from '../lab/faults/fault-injection.ts';
import { shapes, type Shape } from '../lab/model/shapes.ts';
import type { Transport } from '../lab/units/transport.ts';
import { binomialBound, productRule, type ClusterResult, type ClusterRow } from './report.ts';

/** The transports fault injection can use: it is middleware in each unit's app, which only these accept. */
export const faultTransportNames = ['http', 'memory'] as const;
/** A transport a fault run can deploy on. */
export type FaultTransportName = (typeof faultTransportNames)[number];

/** The parameters of a nano-clustered-app run; the defaults produce the published evidence. */
export const clusterParams = z.object({
  transport: z.enum(faultTransportNames).default('http'),
  /** The probability that one unit refuses one request, the same for every unit. */
  failureProbabilities: z.array(z.number().min(0).max(1)).min(1).default([0, 0.001, 0.01, 0.05]),
  /** Attempts the client makes per checkout; 1 = no retry. Retries are skipped when p = 0. */
  attempts: z.array(z.number().int().min(1).max(10)).min(1).default([1, 3]),
  checkouts: z.number().int().min(1).max(50_000).default(1_000),
  seed: z.number().int().min(0).max(2 ** 31).default(20_261_126),
  /** Standard deviations of the binomial bound: 3.29 is two-sided 99.9 %. */
  z: z.number().positive().max(10).default(3.29),
  /** Stop sending checkouts in one condition after this long, so that every loop is bounded in time. */
  maxSecondsPerCondition: z.number().positive().max(600).default(30),
});
/** Parsed nano-clustered-app parameters. */
export type ClusterParams = z.output<typeof clusterParams>;

/** What the run may use: the transports it can deploy on (Node has both, the page only memory). */
export interface FaultEnvironment {
  readonly transports: Partial<Record<FaultTransportName, Transport>>;
  readonly onProgress?: (progress: ExperimentProgress) => void;
}

/** Side effects of the payment step, per cart: how many times each cart was charged. */
function countingChargePayment(chargesByCart: Map<string, number>): CheckoutStep {
  const real = checkoutSteps.chargePayment;
  return {
    ...real,
    run(input) {
      const paid = real.run(input);
      const cartId = (input as { cartId: string }).cartId;
      chargesByCart.set(cartId, (chargesByCart.get(cartId) ?? 0) + 1);
      return paid;
    },
  };
}

/** Sends `checkouts` carts one at a time, each with up to `attempts` tries, and counts the outcomes. */
async function runCondition(shape: Shape, transport: Transport, p: number, attempts: number, settings: ClusterParams): Promise<ClusterRow> {
  const faultCounts: FaultCounts = { passed: 0, refused: 0 };
  const chargesByCart = new Map<string, number>();
  // Each unit draws from its own generator, seeded from the run's seed, p and the attempts.
  const conditionSeed = seedFor(settings.seed, `${shape.name}|${p}|${attempts}`);
  const deployment: Deployment = await deployShape(shape, transport, {
    unitOptions: (unit) => ({
      middleware: [refuseWithProbability(p, seedFor(conditionSeed, unit), faultCounts)],
      steps: { chargePayment: countingChargePayment(chargesByCart) },
    }),
  });
  let sent = 0;
  let succeeded = 0;
  let requests = 0;
  let unexpectedErrors = 0;
  const failedCarts = new Set<string>();
  const deadline = performance.now() + settings.maxSecondsPerCondition * 1000;
  try {
    for (let i = 0; i < settings.checkouts && performance.now() < deadline; i += 1) {
      const cart = { ...sampleCart, cartId: `cart-${i}` };
      sent += 1;
      let done = false;
      for (let attempt = 0; attempt < attempts && !done; attempt += 1) {
        requests += 1;
        try {
          await deployment.checkout(cart);
          done = true;
        } catch (error) {
          // A refusal anywhere in the chain comes back wrapped by every unit before it; anything else is a lab bug.
          if (!(error instanceof Error && error.message.includes('injected fault'))) unexpectedErrors += 1;
        }
      }
      if (done) succeeded += 1;
      else failedCarts.add(cart.cartId);
    }
  } finally {
    await deployment.close();
  }
  const counts = [...chargesByCart.values()];
  const expected = productRule(p, shape.units.length, attempts);
  const bound = binomialBound(sent, expected, settings.z);
  return {
    shape: shape.name,
    units: shape.units.length,
    failureProbability: p,
    attempts,
    sent,
    succeeded,
    failed: sent - succeeded,
    requests,
    refusals: faultCounts.refused,
    unexpectedErrors,
    charges: counts.reduce((sum, n) => sum + n, 0),
    duplicatedCharges: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    chargedButFailed: [...failedCarts].filter((cartId) => chargesByCart.has(cartId)).length,
    expectedSuccessPercent: Math.round(expected * 10_000) / 100,
    measuredSuccessPercent: sent === 0 ? 0 : Math.round((succeeded / sent) * 10_000) / 100,
    boundLow: bound.low,
    boundHigh: bound.high,
    withinBound: succeeded >= bound.low && succeeded <= bound.high,
  };
}

/**
 * The nano-clustered-app run, browser-safe: every shape under every failure probability and number
 * of attempts, on the transport asked for, counting successes, failures and charges. The command
 * line offers HTTP and memory; the page runs it in a Web Worker with memory only. It measures no
 * time, only counts, so coarse browser timers do not change what it finds.
 *
 * @example
 * ```ts
 * const result = await runFaultConditions(clusterParams.parse({ transport: 'memory', checkouts: 200 }), { transports: { memory: memoryTransport } });
 * result.rows.find((row) => row.shape === 'nanoservices' && row.failureProbability === 0.05)?.measuredSuccessPercent; // about 73.5
 * ```
 */
export async function runFaultConditions(p: ClusterParams, environment: FaultEnvironment): Promise<ClusterResult> {
  const transport = environment.transports[p.transport];
  if (!transport) throw new Error(`transport ${p.transport} is not available here; available: ${Object.keys(environment.transports).join(', ')}`);
  const probabilities = [...new Set(p.failureProbabilities)].sort((a, b) => a - b);
  const attemptsList = [...new Set(p.attempts)].sort((a, b) => a - b);
  const conditions = probabilities.flatMap((probability) =>
    (probability === 0 ? attemptsList.slice(0, 1) : attemptsList).flatMap((attempts) => Object.values(shapes).map((shape) => ({ shape, probability, attempts }))),
  );
  const rows: ClusterRow[] = [];
  for (const [index, { shape, probability, attempts }] of conditions.entries()) {
    rows.push(await runCondition(shape, transport, probability, attempts, p));
    environment.onProgress?.({ done: index + 1, total: conditions.length, label: `${shape.name} · p = ${probability} · ${attempts} attempt${attempts > 1 ? 's' : ''}` });
  }
  return { transport: p.transport, seed: p.seed, z: p.z, rows };
}
