import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';
import type { ArchitectureName, Change } from './graph.ts';

/** What one change forces to redeploy in one architecture, computed from its dependency graph. */
export interface RedeployRow {
  readonly architecture: ArchitectureName;
  readonly change: Change['id'];
  readonly bumped: string;
  readonly unitsTotal: number;
  readonly unitsRedeployed: number;
  readonly functionsRedeployed: number;
  readonly redeployed: string;
  readonly why: string;
}

/** Which units were redeployed in a real deployment over HTTP. */
export type DeployPlan = 'computed set' | 'changed unit only';

/** A real deployment over HTTP with some units changed and the rest as released, and its checkouts. */
export interface DeployRow {
  readonly architecture: ArchitectureName;
  readonly change: Change['id'];
  readonly plan: DeployPlan;
  readonly unitsRedeployed: number;
  readonly unitsKept: number;
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
}

/** The whole result of a micro-lockstep run: plain JSON. */
export interface LockstepResult {
  readonly checkoutsPerDeploy: number;
  readonly plans: readonly RedeployRow[];
  readonly deploys: readonly DeployRow[];
}

/**
 * The redeploy set per architecture and change.
 *
 * @example
 * ```ts
 * redeployTable(result).rows.length; // 6: three architectures, two changes
 * ```
 */
export function redeployTable(result: LockstepResult): ResultTable {
  return {
    title: 'Units that must be rebuilt and redeployed for one change, from the dependency graph',
    columns: [
      { key: 'architecture', label: 'architecture' },
      { key: 'change', label: 'change' },
      { key: 'bumped', label: 'package released' },
      { key: 'unitsRedeployed', label: 'units redeployed' },
      { key: 'unitsTotal', label: 'units' },
      { key: 'functionsRedeployed', label: 'functions redeployed (of 6)' },
      { key: 'redeployed', label: 'which' },
      { key: 'why', label: 'why' },
    ],
    rows: result.plans.map((row) => ({ ...row })),
  };
}

/**
 * The real deployments: redeploy a set of units, keep the rest, send checkouts.
 *
 * @example
 * ```ts
 * deployTable(result).rows[0]; // { architecture: 'monolith', change: 'field-added', plan: 'computed set', ... }
 * ```
 */
export function deployTable(result: LockstepResult): ResultTable {
  return {
    title: 'Deployed over HTTP: changed units next to units left as released',
    columns: [
      { key: 'architecture', label: 'architecture' },
      { key: 'change', label: 'change' },
      { key: 'plan', label: 'redeployed' },
      { key: 'unitsRedeployed', label: 'units redeployed' },
      { key: 'unitsKept', label: 'units left as released' },
      { key: 'sent', label: 'checkouts sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
    ],
    rows: result.deploys.map((row) => ({ ...row })),
  };
}

/**
 * The verdict the figures support. The article describes lockstep updates as a trait of
 * microservices. If microservices with versioned contracts redeploy one unit per change and the units
 * left alone keep working, while the monolith redeploys everything and the distributed monolith
 * redeploys every unit for a shared-schema change (and breaks if it does not), the trait belongs to
 * the other two: misattributed. If microservices also need every unit, the claim holds.
 *
 * @example
 * ```ts
 * lockstepVerdict(result); // { verdict: 'misattributed', because: '...' }
 * ```
 */
export function lockstepVerdict(result: LockstepResult): { verdict: Verdict; because: string } {
  const plan = (architecture: ArchitectureName, change: Change['id']) => result.plans.find((row) => row.architecture === architecture && row.change === change);
  const deploys = (architecture: ArchitectureName) => result.deploys.filter((row) => row.architecture === architecture);
  const microPlans = result.plans.filter((row) => row.architecture === 'microservices');
  const microAlone = microPlans.length > 0 && microPlans.every((row) => row.unitsRedeployed === 1) && deploys('microservices').every((row) => row.failed === 0 && row.succeeded === row.sent);
  if (microPlans.length > 0 && microPlans.every((row) => row.unitsRedeployed === row.unitsTotal)) {
    return { verdict: 'holds', because: 'microservices with versioned contracts still had to redeploy every unit for each change' };
  }
  const monolithWhole = result.plans.filter((row) => row.architecture === 'monolith').every((row) => row.functionsRedeployed === 6);
  const dmField = plan('distributed monolith', 'field-added');
  const dmPartial = deploys('distributed monolith').find((row) => row.change === 'field-added' && row.plan === 'changed unit only');
  const dmLockstep = dmField !== undefined && dmField.unitsRedeployed === dmField.unitsTotal && dmPartial !== undefined && dmPartial.failed > 0;
  if (microAlone && monolithWhole && dmLockstep) {
    const microField = plan('microservices', 'field-added');
    const kept = deploys('microservices').reduce((sum, row) => sum + row.succeeded, 0);
    return {
      verdict: 'misattributed',
      because: `updating the system as a whole describes the monolith (all 6 functions redeploy for either change) and the distributed monolith (all ${dmField.unitsTotal} units redeploy for a field added to the shared DTO; redeploying only the changed unit failed ${dmPartial.failed} of ${dmPartial.sent} checkouts). Microservices with versioned contracts redeployed ${microField?.unitsRedeployed} of ${microField?.unitsTotal} units for each change, and the units left as released served ${kept} checkouts without a failure`,
    };
  }
  return { verdict: 'conditional', because: 'the redeploy sets did not separate the three architectures cleanly; see the tables' };
}
