import { claimById } from '../claims/registry.ts';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess } from '../checkout/steps.ts';
import { experiment } from './experiment.ts';
import { architectures, changes, dependencyMermaid, redeploySet, satisfies } from './graph.ts';
import { findingFor, updatesAsAWhole, verdictFor, type DeployRow, type LockstepResult, type RedeployRow } from './report.ts';
import { buildStep, strictDto } from './versions.ts';

let result: LockstepResult;
const plan = (architecture: string, change: string) => result.plans.find((r) => r.architecture === architecture && r.change === change) as RedeployRow;
const deploy = (architecture: string, change: string, which: string) =>
  result.deploys.find((r) => r.architecture === architecture && r.change === change && r.plan === which) as DeployRow;

describe('the dependency graph', () => {
  it('matches versions to ranges', () => {
    expect([satisfies('1.1.0', '^1'), satisfies('2.0.0', '^1'), satisfies('1.1.0', '1.0.0'), satisfies('1.0.0', '1.0.0')]).toEqual([true, false, false, true]);
  });

  it('computes every unit for a field added to a pinned shared DTO, and only the owner for a versioned contract', () => {
    const [, distributed, micro, nano] = architectures;
    const [fieldAdded] = changes;
    if (!distributed || !micro || !nano || !fieldAdded) throw new Error('graph data missing');
    expect(redeploySet(distributed, fieldAdded).units).toEqual(['cart', 'billing', 'receipts']);
    expect(redeploySet(micro, fieldAdded).units).toEqual(['cart']);
    expect(redeploySet(nano, fieldAdded).units).toEqual(['priceCart']);
    // If billing pinned the contract exactly, microservices would be lockstep too: the graph decides, not the name.
    const pinned = { ...micro, units: micro.units.map((u) => ({ ...u, dependsOn: u.dependsOn.map((d) => ({ ...d, accepts: '1.0.0' })) })) };
    expect(redeploySet(pinned, fieldAdded).units).toEqual(['cart', 'billing']);
  });
});

describe('dependencyMermaid', () => {
  it('draws one arrow per dependency with the range it accepts', () => {
    const [, distributed, micro] = architectures;
    if (!distributed || !micro) throw new Error('graph data missing');
    expect(dependencyMermaid(distributed).match(/accepts 1\.0\.0/g)).toHaveLength(3);
    expect(dependencyMermaid(micro).match(/accepts \^1/g)).toHaveLength(2);
  });
});

describe('the versions', () => {
  const discounted = runCheckoutInProcess(sampleCart, 3) as Record<string, unknown>;

  it('the new cart service writes currency, and a tolerant billing reads the message anyway', () => {
    const priced = buildStep('priceCart', '1.1.0', { addsCurrency: true }).run(runCheckoutInProcess(sampleCart, 1));
    expect(priced).toMatchObject({ currency: 'EUR' });
    expect(() => checkoutSteps.calculateTax.run({ ...discounted, currency: 'EUR' })).not.toThrow();
  });

  it('a unit on the pinned DTO 1.0.0 refuses that message with 400, one on 1.1.0 takes it', async () => {
    const statusFor = async (version: '1.0.0' | '1.1.0') => {
      const app = new Hono().use(strictDto(version)).post('/calculateTax', (c) => c.json({}));
      const response = await app.fetch(new Request('http://unit/calculateTax', { method: 'POST', body: JSON.stringify({ ...discounted, currency: 'EUR' }) }));
      return response.status;
    };
    expect([await statusFor('1.0.0'), await statusFor('1.1.0')]).toEqual([400, 200]);
  });
});

describe('micro-lockstep (quick run: real deployments over HTTP)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('counts the redeploy set: the monolith redeploys all 6 functions for either change', () => {
    expect(changes.map((c) => [plan('monolith', c.id).unitsRedeployed, plan('monolith', c.id).functionsRedeployed])).toEqual([
      [1, 6],
      [1, 6],
    ]);
  });

  it('the distributed monolith redeploys 3 of 3 units for the field, 1 for the change inside a function', () => {
    expect([plan('distributed monolith', 'field-added').unitsRedeployed, plan('distributed monolith', 'function-changed').unitsRedeployed]).toEqual([3, 1]);
  });

  it('microservices with versioned contracts redeploy 1 of 3 units for each change, nanoservices 1 of 6', () => {
    expect([plan('microservices', 'field-added').unitsRedeployed, plan('microservices', 'function-changed').unitsRedeployed]).toEqual([1, 1]);
    expect([plan('nanoservices', 'field-added').unitsRedeployed, plan('nanoservices', 'function-changed').unitsRedeployed, plan('nanoservices', 'field-added').unitsTotal]).toEqual([1, 1, 6]);
  });

  it('deployed for real: the units left as released keep working beside the changed one, except in the lockstep case', () => {
    const sent = result.checkoutsPerDeploy;
    expect(deploy('microservices', 'field-added', 'computed set')).toMatchObject({ unitsKept: 2, succeeded: sent, failed: 0 });
    expect(deploy('microservices', 'function-changed', 'computed set')).toMatchObject({ unitsKept: 2, succeeded: sent, failed: 0 });
    expect(deploy('nanoservices', 'field-added', 'computed set')).toMatchObject({ unitsKept: 5, succeeded: sent, failed: 0 });
    expect(deploy('nanoservices', 'function-changed', 'computed set')).toMatchObject({ unitsKept: 5, succeeded: sent, failed: 0 });
    expect(deploy('distributed monolith', 'field-added', 'computed set')).toMatchObject({ unitsKept: 0, succeeded: sent, failed: 0 });
    expect(deploy('distributed monolith', 'field-added', 'changed unit only')).toMatchObject({ unitsKept: 2, succeeded: 0, failed: sent });
    expect(result.deploys.every((row) => row.succeeded + row.failed === row.sent)).toBe(true);
  });

  it('supports the verdict the registry publishes, and says which cuts update as a whole', () => {
    expect(verdictFor(result).verdict).toBe(claimById('micro-lockstep').verdict);
    expect(findingFor(result).shownBy).toEqual({ monolith: true, 'distributed monolith': true, microservices: false, nanoservices: false });
  });
});

describe('findingFor', () => {
  const planRow = (architecture: RedeployRow['architecture'], change: RedeployRow['change'], unitsRedeployed: number, unitsTotal: number, functionsRedeployed: number): RedeployRow => ({
    architecture, change, bumped: '', unitsTotal, unitsRedeployed, functionsRedeployed, redeployed: '', why: '',
  });
  const deployRow = (architecture: DeployRow['architecture'], plan: DeployRow['plan'], failed: number): DeployRow => ({
    architecture, change: 'field-added', plan, unitsRedeployed: 1, unitsKept: 2, sent: 4, succeeded: 4 - failed, failed,
  });
  const base: LockstepResult = {
    referenceSystems: { systems: [], cuts: [] },
    checkoutsPerDeploy: 4,
    plans: [planRow('monolith', 'field-added', 1, 1, 6), planRow('distributed monolith', 'field-added', 3, 3, 6), planRow('microservices', 'field-added', 1, 3, 3)],
    deploys: [deployRow('distributed monolith', 'changed unit only', 4), deployRow('microservices', 'computed set', 0)],
  };

  it('does not hold when microservices redeploy one unit and the units left alone keep working', () => {
    expect(verdictFor(base)).toMatchObject({ verdict: 'does-not-hold', rule: 'microservices do not show it' });
    expect(findingFor(base).because).toBe('with versioned contracts a change redeployed 1 of 3 microservices and the rest served 4 of 4 checkouts; a pinned shared library forced all 3');
  });

  it('is misattributed when microservices must redeploy every function too, as the monolith does', () => {
    expect(verdictFor({ ...base, plans: [...base.plans.slice(0, 2), planRow('microservices', 'field-added', 3, 3, 6)] }).verdict).toBe('misattributed');
  });

  it('counts a deployment whose kept units broke checkouts as updating as a whole', () => {
    const broken = { ...base, deploys: [base.deploys[0] as DeployRow, deployRow('microservices', 'computed set', 2)] };
    expect(updatesAsAWhole(broken, 'microservices')).toBe(true);
    expect(updatesAsAWhole(base, 'microservices')).toBe(false);
  });

  it('holds when only microservices update as a whole', () => {
    const onlyMicro = { ...base, plans: [planRow('monolith', 'field-added', 1, 1, 5), planRow('microservices', 'field-added', 3, 3, 6)], deploys: [] };
    expect(verdictFor(onlyMicro).verdict).toBe('holds');
  });

  it('throws when the run computed nothing for the microservices', () => {
    expect(() => findingFor({ ...base, plans: base.plans.slice(0, 2) })).toThrow('microservices');
  });
});
