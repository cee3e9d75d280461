import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, stepNames, type CheckoutStep, type StepName } from '../checkout/steps.ts';
import type { ExperimentProgress } from '../lab/experiment/define-experiment.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { refuseWithProbability, seededRandom, seedFor, type FaultCounts } from '../lab/faults/fault-injection.ts';
import { minimumRuns } from '../lab/measure/interval.ts';
import { shapes, type Shape } from '../lab/model/shapes.ts';
import type { Transport } from '../lab/units/transport.ts';
import { binomialBound, successProbability, type ClusterResult, type ClusterRow } from './report.ts';

/** The transports fault injection can use: it is middleware in each unit's app, which only these accept. */
export const faultTransportNames = ['http', 'memory'] as const;
/** A transport a fault run can deploy on. */
export type FaultTransportName = (typeof faultTransportNames)[number];

/** The parameters of a nano-clustered-app run; the defaults produce the published evidence. */
export const clusterParams = z.object({
  /** Counts, not timings: the in-process memory transport gives the same counts as HTTP, many times faster. */
  transport: z.enum(faultTransportNames).default('memory'),
  /**
   * The probability that a unit refuses a request at its entry (its process or host is unavailable),
   * the same for every unit: what granularity multiplies. Measured at a tail case (1%, slow answers
   * counted as failures at a timeout) and a stress case (5%); realistic rates (0.01–0.05%) are too
   * rare to count in a bounded run and are computed from the model these measurements check.
   */
  failureProbabilities: z.array(z.number().min(0).max(1)).min(1).default([0, 0.01, 0.05]),
  /**
   * The probability that one function fails when it runs (a bug, a dependency), the same for every
   * function in every cut: a monolith running the six functions fails half-way as often as six units.
   */
  perFunctionFaultRates: z.array(z.number().min(0).max(1)).min(1).default([0, 0.01]),
  /** Attempts the client makes per checkout; 1 = no retry. Retries are skipped without faults. */
  attempts: z.array(z.number().int().min(1).max(10)).min(1).default([1, 3]),
  /** Checkouts per condition in each run. */
  checkouts: z.number().int().min(1).max(50_000).default(1_000),
  /** Independent runs, each with its own seeds: the failure ratios are medians over them with a 95% interval. */
  runs: z.number().int().min(minimumRuns).max(50).default(minimumRuns),
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

/** A checkout function that fails, when it runs, with probability `rate` (before doing its work). */
function failingWith(step: CheckoutStep, rate: number, seed: number, counts: { failed: number }): CheckoutStep {
  const random = seededRandom(seed);
  return {
    ...step,
    run(input) {
      if (rate > 0 && random() < rate) {
        counts.failed += 1;
        throw new Error(`injected fault: ${step.name} failed`);
      }
      return step.run(input);
    },
  };
}

/** One condition: a shape, a per-unit and a per-function fault rate, and attempts per checkout. */
interface Condition {
  readonly shape: Shape;
  readonly perUnit: number;
  readonly perFunction: number;
  readonly attempts: number;
}

/** What one run of one condition counted. */
interface ConditionRun {
  readonly sent: number;
  readonly succeeded: number;
  readonly requests: number;
  readonly refusals: number;
  readonly functionFaults: number;
  readonly unexpectedErrors: number;
  readonly charges: number;
  readonly duplicatedCharges: number;
  readonly chargedButFailed: number;
}

/** Sends `checkouts` carts one at a time, each with up to `attempts` tries, and counts the outcomes. */
async function runCondition({ shape, perUnit, perFunction, attempts }: Condition, transport: Transport, run: number, settings: ClusterParams): Promise<ConditionRun> {
  const faultCounts: FaultCounts = { passed: 0, refused: 0 };
  const functionFaults = { failed: 0 };
  const chargesByCart = new Map<string, number>();
  // Each unit and each function draws from its own generator, seeded from the run's seed, the run, the rates and the attempts.
  const conditionSeed = seedFor(settings.seed, `${shape.name}|${perUnit}|${perFunction}|${attempts}|run ${run}`);
  const deployment: Deployment = await deployShape(shape, transport, {
    unitOptions: (unit) => ({
      middleware: [refuseWithProbability(perUnit, seedFor(conditionSeed, unit), faultCounts)],
      steps: Object.fromEntries(
        stepNames.map((name: StepName) => {
          const step = name === 'chargePayment' ? countingChargePayment(chargesByCart) : checkoutSteps[name];
          return [name, failingWith(step, perFunction, seedFor(conditionSeed, `${unit}|${name}`), functionFaults)];
        }),
      ),
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
          // A fault anywhere in the chain comes back wrapped by every unit before it; anything else is a lab bug.
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
  return {
    sent,
    succeeded,
    requests,
    refusals: faultCounts.refused,
    functionFaults: functionFaults.failed,
    unexpectedErrors,
    charges: counts.reduce((sum, n) => sum + n, 0),
    duplicatedCharges: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    chargedButFailed: [...failedCarts].filter((cartId) => chargesByCart.has(cartId)).length,
  };
}

/** One condition's row: the counts summed over the runs, checked against the model, and every run's counts. */
function rowOf({ shape, perUnit, perFunction, attempts }: Condition, runs: readonly ConditionRun[], z: number): ClusterRow {
  const sum = (pick: (run: ConditionRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const sent = sum((run) => run.sent);
  const succeeded = sum((run) => run.succeeded);
  const expected = successProbability({ perFunction, perUnit, functions: stepNames.length, units: shape.units.length, attempts });
  const bound = binomialBound(sent, expected, z);
  return {
    shape: shape.name,
    units: shape.units.length,
    failureProbability: perUnit,
    perFunctionFaultRate: perFunction,
    attempts,
    sent,
    succeeded,
    failed: sent - succeeded,
    requests: sum((run) => run.requests),
    refusals: sum((run) => run.refusals),
    functionFaults: sum((run) => run.functionFaults),
    unexpectedErrors: sum((run) => run.unexpectedErrors),
    charges: sum((run) => run.charges),
    duplicatedCharges: sum((run) => run.duplicatedCharges),
    chargedButFailed: sum((run) => run.chargedButFailed),
    expectedSuccessPercent: Math.round(expected * 10_000) / 100,
    measuredSuccessPercent: sent === 0 ? 0 : Math.round((succeeded / sent) * 10_000) / 100,
    boundLow: bound.low,
    boundHigh: bound.high,
    withinBound: succeeded >= bound.low && succeeded <= bound.high,
    runsSent: runs.map((run) => run.sent),
    runsFailed: runs.map((run) => run.sent - run.succeeded),
  };
}

/**
 * The nano-clustered-app run, browser-safe: every shape under every per-unit and per-function fault
 * rate and number of attempts, in `runs` independent runs with their own seeds, on the transport asked
 * for, counting successes, failures and charges. The command line offers memory and HTTP; the page
 * runs it in a Web Worker with memory only. It measures no time, only counts.
 *
 * @example
 * ```ts
 * const result = await runFaultConditions(clusterParams.parse({ checkouts: 200 }), { transports: { memory: memoryTransport } });
 * result.rows.find((row) => row.shape === 'nanoservices' && row.failureProbability === 0.05 && row.perFunctionFaultRate === 0)?.measuredSuccessPercent; // about 73.5
 * ```
 */
export async function runFaultConditions(p: ClusterParams, environment: FaultEnvironment): Promise<ClusterResult> {
  const transport = environment.transports[p.transport];
  if (!transport) throw new Error(`transport ${p.transport} is not available here; available: ${Object.keys(environment.transports).join(', ')}`);
  const perUnitRates = [...new Set(p.failureProbabilities)].sort((a, b) => a - b);
  const perFunctionRates = [...new Set(p.perFunctionFaultRates)].sort((a, b) => a - b);
  const attemptsList = [...new Set(p.attempts)].sort((a, b) => a - b);
  const conditions: Condition[] = perFunctionRates.flatMap((perFunction) =>
    perUnitRates.flatMap((perUnit) =>
      (perUnit === 0 && perFunction === 0 ? attemptsList.slice(0, 1) : attemptsList).flatMap((attempts) => Object.values(shapes).map((shape) => ({ shape, perUnit, perFunction, attempts }))),
    ),
  );
  const rows: ClusterRow[] = [];
  for (const [index, condition] of conditions.entries()) {
    const runs: ConditionRun[] = [];
    for (let run = 0; run < p.runs; run += 1) runs.push(await runCondition(condition, transport, run, p));
    rows.push(rowOf(condition, runs, p.z));
    const { shape, perUnit, perFunction, attempts } = condition;
    environment.onProgress?.({ done: index + 1, total: conditions.length, label: `${shape.name} · ${perUnit} per unit · ${perFunction} per function · ${attempts} attempt${attempts > 1 ? 's' : ''} · ${p.runs} runs` });
  }
  return { transport: p.transport, seed: p.seed, z: p.z, runs: p.runs, functions: stepNames.length, rows };
}
