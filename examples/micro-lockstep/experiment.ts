import { z } from 'zod';
import { ReceiptSchema, type Cart } from '../checkout/schemas.ts';
import { sampleCart } from '../checkout/sample-carts.ts';
import { deployShape } from '../lab/units/deploy.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { microservices, monolith, nanoservices, type Shape } from '../lab/model/shapes.ts';
import type { UnitOptions } from '../lab/units/unit-app.ts';
import { architectures, changes, redeploySet, type Architecture, type ArchitectureName, type Change } from './graph.ts';
import { deployTable, findingFor, redeployTable, type DeployPlan, type DeployRow, type LockstepResult, type RedeployRow } from './report.ts';
import { distributedMonolith } from './shapes.ts';
import { buildStep, strictDto } from './versions.ts';

const params = z.object({
  checkoutsPerDeploy: z.number().int().min(1).max(500).default(40),
});

const shapeOf: Record<ArchitectureName, Shape> = { monolith, 'distributed monolith': distributedMonolith, microservices, nanoservices };

const carts: readonly Cart[] = [
  sampleCart,
  { cartId: 'cart-0002', customerId: 'customer-7', country: 'US', items: [{ sku: 'BAG-001', quantity: 1 }], paymentToken: 'tok_visa_4242' },
  { cartId: 'cart-0003', customerId: 'customer-9', country: 'FR', items: [{ sku: 'BOOK-002', quantity: 3 }], couponCode: 'LOYAL15', paymentToken: 'tok_visa_4242' },
  { cartId: 'cart-0004', customerId: 'customer-3', country: 'NL', items: [{ sku: 'PEN-001', quantity: 7 }, { sku: 'MUG-001', quantity: 2 }], paymentToken: 'tok_visa_4242' },
];

/** A receipt as the shopper must get it: the right shape, and figures that add up. */
function goodReceipt(value: unknown): boolean {
  const receipt = ReceiptSchema.safeParse(value);
  return receipt.success && receipt.data.totalCents === receipt.data.subtotalCents - receipt.data.discountCents + receipt.data.taxCents;
}

/** How a unit runs: as released, or rebuilt with the change. */
function unitOptions(architecture: Architecture, change: Change, unitName: string, redeployed: boolean): UnitOptions {
  const unit = architecture.units.find((u) => u.name === unitName);
  const version = redeployed && change.schema ? '1.1.0' : '1.0.0';
  const release = { addsCurrency: change.id === 'field-added', roundsTaxDown: change.id === 'function-changed' };
  const steps = redeployed ? Object.fromEntries((unit?.functions ?? []).map((fn) => [fn, buildStep(fn, version, release)])) : {};
  // Only the distributed monolith parses every message with the shared DTO library, strictly.
  const middleware = architecture.name === 'distributed monolith' ? [strictDto(version)] : [];
  return { steps, middleware };
}

/**
 * micro-lockstep: models each architecture (the monolith, a distributed monolith, microservices and
 * nanoservices) as a dependency graph (units, the schema packages they were built against, and the
 * version ranges they accept), computes which units one change forces to redeploy, and then deploys
 * it for real over HTTP: the redeployed units run the change, the rest
 * run as released, and checkouts show whether the units left alone still work with the changed one.
 */
export const experiment = defineExperiment({
  id: 'micro-lockstep',
  title: 'Which units one change forces to redeploy: monolith, distributed monolith, microservices, nanoservices',
  params,
  quick: { checkoutsPerDeploy: 8 },
  tables: (result) => [redeployTable(result), deployTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<LockstepResult> {
    const plans: RedeployRow[] = [];
    const deploys: DeployRow[] = [];
    const total = architectures.length * changes.length;
    let done = 0;
    for (const architecture of architectures) {
      for (const change of changes) {
        const plan = redeploySet(architecture, change);
        const changedUnits = architecture.units.filter((unit) => unit.functions.some((fn) => change.functions.includes(fn))).map((unit) => unit.name);
        plans.push({
          architecture: architecture.name,
          change: change.id,
          bumped: plan.bumped ? `${plan.bumped.pkg} ${plan.bumped.to}` : '—',
          unitsTotal: architecture.units.length,
          unitsRedeployed: plan.units.length,
          functionsRedeployed: architecture.units.filter((unit) => plan.units.includes(unit.name)).reduce((sum, unit) => sum + unit.functions.length, 0),
          redeployed: plan.units.join(', '),
          why: plan.units.map((name) => `${name}: ${plan.reasons[name]}`).join('; '),
        });
        const trials: Array<[DeployPlan, readonly string[]]> = [['computed set', plan.units]];
        if (changedUnits.join() !== plan.units.join()) trials.push(['changed unit only', changedUnits]);
        for (const [planName, redeployed] of trials) {
          const deployment = await deployShape(shapeOf[architecture.name], httpTransport, {
            unitOptions: (unitName) => unitOptions(architecture, change, unitName, redeployed.includes(unitName)),
          });
          let succeeded = 0;
          try {
            for (let i = 0; i < p.checkoutsPerDeploy; i++) {
              const answer = await deployment.checkout(carts[i % carts.length]).catch(() => undefined);
              if (answer && goodReceipt(answer.value)) succeeded++;
            }
          } finally {
            await deployment.close();
          }
          deploys.push({
            architecture: architecture.name,
            change: change.id,
            plan: planName,
            unitsRedeployed: redeployed.length,
            unitsKept: architecture.units.length - redeployed.length,
            sent: p.checkoutsPerDeploy,
            succeeded,
            failed: p.checkoutsPerDeploy - succeeded,
          });
        }
        onProgress?.({ done: ++done, total, label: `${architecture.name} · ${change.id}` });
      }
    }
    return { checkoutsPerDeploy: p.checkoutsPerDeploy, plans, deploys, referenceSystems: referenceStructures() };
  },
});
