import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/**
 * How v1 is replaced by v2. `rolling`: one replica at a time, a v2 replica started before a v1
 * replica is taken out (surge 1, none unavailable). `recreate`: every v1 replica stopped, then v2 started.
 */
export type RolloutStrategy = 'rolling' | 'recreate';

/** One rollout of one unit from v1 to v2 while checkouts flow. */
export interface RolloutRow {
  /** The scenario's name, e.g. `microservices · billing ×2 · rolling, gated`. */
  readonly scenario: string;
  readonly shape: ShapeName;
  /** The unit rolled out, and the checkout functions it holds (the code that ships). */
  readonly unit: string;
  readonly functionsShipped: number;
  readonly replicas: number;
  readonly strategy: RolloutStrategy;
  /** Whether a v2 replica got traffic only after its /readyz answered 200. */
  readonly readinessGate: boolean;
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Requests the rolled unit's balancer forwarded to each version during the run. */
  readonly servedByV1: number;
  readonly servedByV2: number;
  /** Replicas behind the rolled unit's balancer at the end, and how many run v2. */
  readonly replicasAfter: number;
  readonly v2After: number;
  /** Processes running at the peak of the rollout (all units and replicas of the shape). */
  readonly peakProcesses: number;
  /** From the first step of the rollout until the last v1 replica exited, ms. */
  readonly rolloutMs: number;
  /** From the first failed checkout to the last, ms (0 if none failed). */
  readonly failureWindowMs: number;
  /** Exit codes of the v1 replicas after their SIGTERM. */
  readonly v1Exits: readonly string[];
}

/** The whole result of a micro-continuous-deployment run: plain JSON. */
export interface ContinuousDeploymentResult {
  readonly rows: readonly RolloutRow[];
}

/**
 * The rollouts, one row per scenario.
 *
 * @example
 * ```ts
 * rolloutTable(result).rows[0]; // { scenario: 'microservices · billing ×2 · rolling, gated', failed: 0, ... }
 * ```
 */
export function rolloutTable(result: ContinuousDeploymentResult): ResultTable {
  return {
    title: 'Rolling out v2 while checkouts flow',
    columns: [
      { key: 'scenario', label: 'scenario' },
      { key: 'replicas', label: 'replicas' },
      { key: 'functionsShipped', label: 'functions shipped' },
      { key: 'sent', label: 'sent' },
      { key: 'failed', label: 'failed' },
      { key: 'served', label: 'served by v1 / v2' },
      { key: 'after', label: 'v2 replicas after' },
      { key: 'peakProcesses', label: 'peak processes' },
      { key: 'rolloutMs', label: 'rollout, ms' },
      { key: 'failureWindowMs', label: 'failing for, ms' },
      { key: 'v1Exits', label: 'v1 exits' },
    ],
    rows: result.rows.map((row) => ({
      scenario: row.scenario,
      replicas: row.replicas,
      functionsShipped: row.functionsShipped,
      sent: row.sent,
      failed: row.failed,
      served: `${row.servedByV1} / ${row.servedByV2}`,
      after: `${row.v2After} of ${row.replicasAfter}`,
      peakProcesses: row.peakProcesses,
      rolloutMs: row.rolloutMs,
      failureWindowMs: row.failureWindowMs,
      v1Exits: row.v1Exits.join(' '),
    })),
  };
}

/** A rollout that changed every replica to v2 without a failed checkout while both versions served. */
export const clean = (row: RolloutRow) =>
  row.failed === 0 && row.sent > 0 && row.v2After === row.replicas && row.replicasAfter === row.replicas && row.servedByV1 > 0 && row.servedByV2 > 0 && row.v1Exits.every((exit) => exit === '0');

/**
 * The verdict the figures support. The gated rolling update of a microservice must lose no checkout,
 * or the claim does not hold. If a gated rolling update of the monolith is as clean, zero-downtime
 * automated deployment comes from readiness gates and a spare replica, not from the service size
 * (misattributed); if only the microservice rolls cleanly, it holds.
 *
 * @example
 * ```ts
 * continuousDeploymentVerdict(result); // { verdict: 'misattributed', because: '...' }
 * ```
 */
export function continuousDeploymentVerdict(result: ContinuousDeploymentResult): { verdict: Verdict; because: string } {
  const gatedRolling = (shape: ShapeName) => result.rows.filter((row) => row.shape === shape && row.strategy === 'rolling' && row.readinessGate);
  const micro = gatedRolling('microservices');
  const mono = gatedRolling('monolith');
  if (micro.length === 0 || mono.length === 0) return { verdict: 'not-testable', because: 'the run did not roll out both a microservice and the monolith with readiness gates' };
  const microFailed = micro.reduce((sum, row) => sum + row.failed, 0);
  const microSent = micro.reduce((sum, row) => sum + row.sent, 0);
  if (!micro.every(clean)) return { verdict: 'does-not-hold', because: `the gated rolling update of the microservice failed ${microFailed} of ${microSent} checkouts or did not finish` };
  const others = result.rows.filter((row) => !(row.strategy === 'rolling' && row.readinessGate));
  const controls = others.map((row) => `${row.failed} failed in ${row.scenario}`).join(', ');
  const monoText = mono.map((row) => `${row.failed} of ${row.sent} with ${row.replicas} replica${row.replicas > 1 ? 's' : ''}`).join(' and ');
  if (mono.every(clean)) {
    return {
      verdict: 'misattributed',
      because:
        `the microservice rolled from v1 to v2 under load with ${microFailed} of ${microSent} checkouts failed, but so did the monolith (${monoText} failed); ` +
        `what made the difference was the rollout, not the size: ${controls}`,
    };
  }
  return { verdict: 'holds', because: `only the microservice rolled out without failed checkouts; the monolith failed ${monoText}` };
}
