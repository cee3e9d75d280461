import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { TransportName } from '../lab/units/transport.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** What happened to N checkouts of one shape, with every unit failing with probability p. */
export interface ClusterRow {
  readonly shape: ShapeName;
  readonly units: number;
  /** The probability that a unit refuses one request (503), independently per unit. */
  readonly failureProbability: number;
  /** Attempts the client makes per checkout: 1 means no retry. */
  readonly attempts: number;
  /** Checkouts the client wanted done. */
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Checkout requests the client made, retries included. */
  readonly requests: number;
  /** Requests the units refused, summed over units. */
  readonly refusals: number;
  /** Failures that were not an injected refusal (a bug in the lab): must be zero. */
  readonly unexpectedErrors: number;
  /** Times chargePayment ran to completion. */
  readonly charges: number;
  /** Charges beyond the first for the same cart: money taken twice. */
  readonly duplicatedCharges: number;
  /** Carts charged although the client was told the checkout failed. */
  readonly chargedButFailed: number;
  /** The product rule: 1 − (1 − (1 − p)^units)^attempts, in percent. */
  readonly expectedSuccessPercent: number;
  readonly measuredSuccessPercent: number;
  /** The range of successes the product rule allows at the run's confidence (binomial, normal approximation). */
  readonly boundLow: number;
  readonly boundHigh: number;
  readonly withinBound: boolean;
}

/** The whole result of a nano-clustered-app run: plain JSON. */
export interface ClusterResult {
  readonly transport: TransportName;
  readonly seed: number;
  /** The two-sided z of the binomial bound, e.g. 3.29 for 99.9 %. */
  readonly z: number;
  readonly rows: readonly ClusterRow[];
}

/**
 * The success a chain of `units` independent units reaches when each refuses a request with
 * probability `p` and the client tries up to `attempts` times: (1 − p)^units per attempt.
 *
 * @example
 * ```ts
 * productRule(0.01, 6, 1); // 0.9415...
 * productRule(0.01, 6, 3); // 0.9998...
 * ```
 */
export function productRule(p: number, units: number, attempts: number): number {
  const perAttempt = (1 - p) ** units;
  return 1 - (1 - perAttempt) ** attempts;
}

/**
 * The counts of successes out of `n` that a binomial with success probability `q` gives within
 * `z` standard deviations (normal approximation, with a continuity correction of one half),
 * clipped to [0, n]. With q = 1 the only allowed count is n.
 *
 * @example
 * ```ts
 * binomialBound(1000, 0.9, 3.29); // { low: 868, high: 932 }
 * binomialBound(1000, 1, 3.29); // { low: 1000, high: 1000 }
 * ```
 */
export function binomialBound(n: number, q: number, z: number): { low: number; high: number } {
  const spread = z * Math.sqrt(n * q * (1 - q)) + (q > 0 && q < 1 ? 0.5 : 0);
  return { low: Math.max(0, Math.ceil(n * q - spread - 1e-9)), high: Math.min(n, Math.floor(n * q + spread + 1e-9)) };
}

/**
 * The counts per shape, failure probability and attempts, as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * clusterTable(result).rows[0]; // { shape: 'monolith', failureProbability: 0, sent: 1000, succeeded: 1000, ... }
 * ```
 */
export function clusterTable(result: ClusterResult): ResultTable {
  return {
    title: `Checkouts sent, succeeded and failed when every unit refuses with probability p (${result.transport}, seed ${result.seed})`,
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'failureProbability', label: 'p per unit' },
      { key: 'attempts', label: 'attempts' },
      { key: 'sent', label: 'sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
      { key: 'measuredSuccessPercent', label: 'success %' },
      { key: 'expectedSuccessPercent', label: 'product rule %' },
      { key: 'bound', label: `allowed successes (z = ${result.z})` },
      { key: 'charges', label: 'charges' },
      { key: 'duplicatedCharges', label: 'charged twice' },
      { key: 'chargedButFailed', label: 'charged, told failed' },
    ],
    rows: result.rows.map((row) => ({ ...row, bound: `${row.boundLow}–${row.boundHigh}`, withinBound: String(row.withinBound) })),
  };
}

/**
 * The rows the page plots: measured and expected success per shape, without retries.
 *
 * @example
 * ```ts
 * successPlotRows(result); // [{ shape: 'nanoservices', failureProbability: 0.05, successPercent: 73.4, what: 'measured' }, ...]
 * ```
 */
export function successPlotRows(result: ClusterResult) {
  return result.rows
    .filter((row) => row.attempts === 1)
    .flatMap((row) => [
      { line: `${row.shape} measured`, failurePercent: row.failureProbability * 100, successPercent: row.measuredSuccessPercent },
      { line: `${row.shape} product rule`, failurePercent: row.failureProbability * 100, successPercent: row.expectedSuccessPercent },
    ]);
}

/**
 * The figures the page and the verdict quote: the worst failure probability, and how each shape
 * did there, with and without retries.
 *
 * @example
 * ```ts
 * clusterHeadline(result).nanoAlone?.measuredSuccessPercent; // e.g. 73.5
 * ```
 */
export function clusterHeadline(result: ClusterResult) {
  const worstP = Math.max(...result.rows.map((row) => row.failureProbability));
  const mostAttempts = Math.max(...result.rows.map((row) => row.attempts));
  const find = (shape: ShapeName, attempts: number) => result.rows.find((row) => row.shape === shape && row.failureProbability === worstP && row.attempts === attempts);
  const faultless = result.rows.filter((row) => row.failureProbability === 0);
  return {
    worstP,
    mostAttempts,
    faultlessSent: faultless.reduce((sum, row) => sum + row.sent, 0),
    faultlessSucceeded: faultless.reduce((sum, row) => sum + row.succeeded, 0),
    monoAlone: find('monolith', 1),
    microAlone: find('microservices', 1),
    nanoAlone: find('nanoservices', 1),
    nanoRetried: mostAttempts > 1 ? find('nanoservices', mostAttempts) : undefined,
    monoRetried: mostAttempts > 1 ? find('monolith', mostAttempts) : undefined,
    allWithinBound: result.rows.every((row) => row.withinBound),
    duplicatedCharges: result.rows.reduce((sum, row) => sum + row.duplicatedCharges, 0),
  };
}

/**
 * The verdict the counts support. The claim holds if the composed checkout works (every checkout
 * succeeds when no unit fails); it holds with a cost if, under the same per-unit failure rate, the
 * nanoservice app succeeds less often than the monolith, as the product rule predicts.
 *
 * @example
 * ```ts
 * clusterVerdict(result); // { verdict: 'holds-with-cost', because: 'all 4500 checkouts ...' }
 * ```
 */
export function clusterVerdict(result: ClusterResult): { verdict: Verdict; because: string } {
  const h = clusterHeadline(result);
  const unexpected = result.rows.reduce((sum, row) => sum + row.unexpectedErrors, 0);
  if (h.faultlessSent === 0) return { verdict: 'not-testable', because: 'no run without injected faults, so nothing shows the composed app works' };
  if (h.faultlessSucceeded < h.faultlessSent || unexpected > 0) {
    return { verdict: 'does-not-hold', because: `without injected faults only ${h.faultlessSucceeded} of ${h.faultlessSent} checkouts succeeded (${unexpected} unexpected errors)` };
  }
  const works = `all ${h.faultlessSent} checkouts succeeded with no injected faults`;
  if (!h.nanoAlone || !h.monoAlone || h.worstP === 0) return { verdict: 'holds', because: `${works}; no failure rate was injected` };
  if (h.nanoAlone.succeeded >= h.monoAlone.succeeded) {
    return { verdict: 'holds', because: `${works}, and at p = ${h.worstP} per unit the nanoservices succeeded as often as the monolith` };
  }
  const retried = h.nanoRetried
    ? `; ${h.mostAttempts} attempts raised it to ${h.nanoRetried.measuredSuccessPercent}% but charged ${h.nanoRetried.duplicatedCharges} carts twice`
    : '';
  return {
    verdict: 'holds-with-cost',
    because:
      `${works}, but availability multiplies: with each unit refusing ${h.worstP * 100}% of requests, ${h.nanoAlone.measuredSuccessPercent}% of nanoservice checkouts ` +
      `succeeded (product rule ${h.nanoAlone.expectedSuccessPercent}%) against ${h.monoAlone.measuredSuccessPercent}% for the monolith${retried}`,
  };
}
