import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** One shape under one policy: what it took to secure it and how it resisted bad calls. */
export interface SecurityRow {
  readonly policy: 'unit' | 'route';
  readonly shape: ShapeName;
  readonly units: number;
  /** Routes the shape's units serve over HTTP. */
  readonly routes: number;
  /** Signing keys (one per unit) plus tokens (one per caller): what must be issued, stored and rotated. */
  readonly keys: number;
  readonly tokens: number;
  readonly secrets: number;
  /** Token checks one legitimate checkout passed, counted by the guards. */
  readonly verificationsPerCheckout: number;
  /** The legitimate checkout, with every unit's guard on, returned the in-process receipt. */
  readonly checkoutIdentical: boolean;
  /** Calls with no token, a forged token, or another unit's token, sent to every route. */
  readonly badCallsSent: number;
  readonly refused401: number;
  readonly refused403: number;
  /** Checkout functions that ran during the bad calls (must be 0). */
  readonly executionsFromBadCalls: number;
  /** How many credentials exist that could leak (one per token holder). */
  readonly leakableCredentials: number;
  /** The most routes one leaked credential opened. */
  readonly maxRoutesOpened: number;
  readonly meanRoutesOpened: number;
  /** Leaked credentials that let their finder call `chargePayment` directly, with a total of their choosing. */
  readonly leaksOpeningPayment: number;
}

/** One leaked credential tried on every route of every unit. */
export interface LeakRow {
  readonly policy: 'unit' | 'route';
  readonly shape: ShapeName;
  readonly holder: string;
  readonly audience: string;
  readonly routesOpened: number;
  readonly routesTried: number;
  readonly opened: string;
}

/** The whole result of a nano-own-security run: plain JSON. */
export interface SecurityResult {
  readonly rows: readonly SecurityRow[];
  readonly leaks: readonly LeakRow[];
}

/**
 * Secrets, refusals and blast radius per policy and shape.
 *
 * @example
 * ```ts
 * securityTable(result).rows[0]; // { policy: 'unit', shape: 'monolith', secrets: 2, maxRoutesOpened: 6, ... }
 * ```
 */
export function securityTable(result: SecurityResult): ResultTable {
  return {
    title: 'Per-unit credentials: secrets to manage, bad calls refused, routes one leak opens',
    columns: [
      { key: 'policy', label: 'policy' },
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'routes', label: 'routes' },
      { key: 'secrets', label: 'secrets (keys + tokens)' },
      { key: 'verificationsPerCheckout', label: 'token checks per checkout' },
      { key: 'badCallsSent', label: 'bad calls' },
      { key: 'refused', label: 'refused (401 / 403)' },
      { key: 'executionsFromBadCalls', label: 'functions run by bad calls' },
      { key: 'leakableCredentials', label: 'credentials that can leak' },
      { key: 'maxRoutesOpened', label: 'routes one leak opens (max)' },
      { key: 'leaksOpeningPayment', label: 'leaks that open chargePayment' },
    ],
    rows: result.rows.map((row) => ({
      policy: row.policy,
      shape: row.shape,
      units: row.units,
      routes: row.routes,
      secrets: row.secrets,
      verificationsPerCheckout: row.verificationsPerCheckout,
      badCallsSent: row.badCallsSent,
      refused: `${row.refused401} / ${row.refused403}`,
      executionsFromBadCalls: row.executionsFromBadCalls,
      leakableCredentials: row.leakableCredentials,
      maxRoutesOpened: row.maxRoutesOpened,
      leaksOpeningPayment: row.leaksOpeningPayment,
    })),
  };
}

/**
 * Every leaked credential and the routes it opened.
 *
 * @example
 * ```ts
 * leakTable(result).rows.find((r) => r.holder === 'client'); // { routesOpened: 6, opened: 'checkout/validateCart …' }
 * ```
 */
export function leakTable(result: SecurityResult): ResultTable {
  return {
    title: 'Blast radius: each credential leaked, tried on every route of every unit',
    columns: [
      { key: 'policy', label: 'policy' },
      { key: 'shape', label: 'shape' },
      { key: 'holder', label: 'leaked from' },
      { key: 'audience', label: 'issued for' },
      { key: 'routesOpened', label: 'routes opened' },
      { key: 'routesTried', label: 'routes tried' },
      { key: 'opened', label: 'which' },
    ],
    rows: result.leaks.map((leak) => ({ ...leak })),
  };
}

/**
 * The verdict the figures support. The claim holds if every unit enforced its own policy (no bad
 * call ran a function, every legitimate checkout passed) and, under the per-unit policy, a leaked
 * nanoservice credential opens fewer routes than the monolith's. It holds with a cost when the
 * nanoservices need more secrets than the monolith to get there.
 *
 * @example
 * ```ts
 * securityVerdict(result); // { verdict: 'holds-with-cost', because: 'every unit refused ...' }
 * ```
 */
export function securityVerdict(result: SecurityResult): { verdict: Verdict; because: string } {
  const find = (policy: string, shape: string) => result.rows.find((row) => row.policy === policy && row.shape === shape);
  const mono = find('unit', 'monolith');
  const nano = find('unit', 'nanoservices');
  if (!mono || !nano) return { verdict: 'not-testable', because: 'the run did not cover the monolith and the nanoservices under the per-unit policy' };
  const leaky = result.rows.find((row) => row.executionsFromBadCalls > 0 || row.refused401 + row.refused403 < row.badCallsSent || !row.checkoutIdentical);
  if (leaky) return { verdict: 'does-not-hold', because: `the ${leaky.shape} shape under the ${leaky.policy} policy let a bad call through or refused a legitimate checkout` };
  if (nano.maxRoutesOpened >= mono.maxRoutesOpened) {
    return { verdict: 'does-not-hold', because: `a leaked nanoservice credential opened ${nano.maxRoutesOpened} routes, no fewer than the monolith's ${mono.maxRoutesOpened}` };
  }
  const monoRoute = find('route', 'monolith');
  const routeNote = monoRoute ? `; a per-route policy gave the monolith the same radius of ${monoRoute.maxRoutesOpened} with ${monoRoute.secrets} secrets` : '';
  const because =
    `every unit enforced its own key and caller (all ${result.rows.reduce((sum, row) => sum + row.badCallsSent, 0)} bad calls refused, no function ran), and one leaked nanoservice credential opened at most ` +
    `${nano.maxRoutesOpened} route against ${mono.maxRoutesOpened} for the monolith; but the nanoservices need ${nano.secrets} secrets against ${mono.secrets}, ` +
    `${nano.verificationsPerCheckout} token checks per checkout against ${mono.verificationsPerCheckout}, and ${nano.leaksOpeningPayment} of their ${nano.leakableCredentials} credentials opens the payment route directly${routeNote}`;
  return nano.secrets > mono.secrets ? { verdict: 'holds-with-cost', because } : { verdict: 'holds', because };
}
