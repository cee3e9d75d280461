import { z } from 'zod';
import { ReceiptSchema, type Cart } from '../checkout/schemas.ts';
import { couponPercent, taxRateBasisPoints, unitPriceCents } from '../checkout/catalogue.ts';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, stepNames, type StepName } from '../checkout/steps.ts';
import { deployShape } from '../lab/units/deploy.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { shapes, type Shape, type ShapeName } from '../lab/model/shapes.ts';
import type { Transport } from '../lab/units/transport.ts';
import { consumerContracts, contractViolation } from './contracts.ts';
import {
  contractsTable,
  findingFor,
  releaseTable,
  systemContractsTable,
  type ContractRow,
  type OwnScheduleResult,
  type ReleaseCheck,
  type ReleaseInShape,
} from './report.ts';
import { taxVersions, type ProviderVersion } from './versions.ts';

// Swapping a function needs unit options, which the process transport does not take.
const transports = { memory: memoryTransport, http: httpTransport } as const satisfies Record<string, Transport>;
const provider: StepName = 'calculateTax';

const params = z.object({
  transports: z.array(z.enum(['memory', 'http'])).min(1).default(['memory', 'http']),
});

const coupons = [undefined, ...Object.keys(couponPercent)];
const skus = Object.keys(unitPriceCents);
/**
 * Carts that reach every country with every coupon and none (the first is the sample cart every
 * experiment sends): the inputs the gate checks each candidate on and the checkouts each deployment runs.
 * The checkout is deterministic, so one cart per country and coupon covers every tax rate and discount.
 */
const sampleCarts: readonly Cart[] = [
  sampleCart,
  ...Object.keys(taxRateBasisPoints).flatMap((country, c) =>
    coupons.map((couponCode, k) => ({
      cartId: `cart-${country}-${couponCode ?? 'none'}`,
      customerId: `customer-${c * coupons.length + k}`,
      country: country as Cart['country'],
      items: [
        { sku: skus[(c + k) % skus.length] as string, quantity: 1 + k },
        { sku: skus[(c + k + 2) % skus.length] as string, quantity: 2 + c },
      ],
      ...(couponCode ? { couponCode } : {}),
      paymentToken: 'tok_visa_4242',
    })),
  ),
];

const unitOf = (shape: Shape, fn: StepName) => shape.units.find((unit) => unit.functions.includes(fn)) as Shape['units'][number];

/** A receipt as the shopper must get it: the right shape, and figures that add up. */
function correctReceipt(value: unknown): boolean {
  const receipt = ReceiptSchema.safeParse(value);
  return receipt.success && receipt.data.totalCents === receipt.data.subtotalCents - receipt.data.discountCents + receipt.data.taxCents;
}

/**
 * nano-own-schedule: releases new versions of one function (`calculateTax`) alone. Before release,
 * a gate runs the new version against every consumer's contract (the fields it reads, typed as its
 * own input schema types them, and the rules it declares). Then each version is deployed anyway,
 * into the provider's unit only, in every shape, to see whether the gate was right. It counts
 * contract checks, functions redeployed, and the units that must release together.
 */
export const experiment = defineExperiment({
  id: 'nano-own-schedule',
  title: 'Releasing one function on its own schedule, gated by consumer contracts',
  params,
  quick: { transports: ['memory'] },
  tables: (result) => [releaseTable(result), contractsTable(result), systemContractsTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<OwnScheduleResult> {
    const transportList = [...new Set(p.transports)];
    const allShapes = Object.values(shapes);
    const versions: readonly ProviderVersion[] = [{ name: 'v1 (control)', change: 'the released version, unchanged', step: checkoutSteps[provider] }, ...taxVersions];
    const total = versions.length * allShapes.length * transportList.length;
    let done = 0;

    const allContracts = stepNames.flatMap((name) => consumerContracts(name));
    const contracts: ContractRow[] = allContracts.map((contract) => ({
      provider: contract.provider,
      consumer: contract.consumer,
      fields: contract.fields,
      invariants: contract.invariants.map((rule) => rule.description),
      crossesUnits: Object.fromEntries(allShapes.map((shape) => [shape.name, unitOf(shape, contract.provider) !== unitOf(shape, contract.consumer)])) as Record<ShapeName, boolean>,
    }));
    const providerContracts = allContracts.filter((contract) => contract.provider === provider);
    const providerInputs = sampleCarts.map((cart) => runCheckoutInProcess(cart, stepNames.indexOf(provider)));

    const checks: ReleaseCheck[] = [];
    const releases: ReleaseInShape[] = [];
    for (const version of versions) {
      // The gate: the candidate's own output, on every sample, against every consumer contract. No deployment.
      const failing = new Set<StepName>();
      const schemaOnlyFailing = new Set<StepName>();
      for (const input of providerInputs) {
        let output: unknown;
        try {
          output = version.step.run(input);
        } catch {
          for (const contract of providerContracts) failing.add(contract.consumer);
          continue;
        }
        for (const contract of providerContracts) {
          if (contractViolation(contract, output)) failing.add(contract.consumer);
          if (contractViolation(contract, output, false)) schemaOnlyFailing.add(contract.consumer);
        }
      }
      const gate = failing.size === 0 ? 'ship' : 'block';
      const schemaOnlyGate = schemaOnlyFailing.size === 0 ? 'ship' : 'block';
      checks.push({
        version: version.name,
        change: version.change,
        checksRun: providerContracts.length * providerInputs.length,
        failingConsumers: [...failing],
        schemaOnlyFailingConsumers: [...schemaOnlyFailing],
        gate,
      });

      // The ground truth: deploy the candidate into the provider's unit only and run real checkouts.
      for (const shape of allShapes) {
        const home = unitOf(shape, provider);
        let correct = 0;
        for (const transportName of transportList) {
          const deployment = await deployShape(shape, transports[transportName], {
            unitOptions: (unitName) => (unitName === home.name ? { steps: { [provider]: version.step } } : {}),
          });
          try {
            for (const cart of sampleCarts) {
              const answer = await deployment.checkout(cart).catch(() => undefined);
              if (answer && correctReceipt(answer.value)) correct++;
            }
          } finally {
            await deployment.close();
          }
          onProgress?.({ done: ++done, total, label: `${version.name} · ${shape.name} · ${transportName}` });
        }
        const sent = sampleCarts.length * transportList.length;
        const broken = correct < sent;
        const crossUnit = providerContracts.filter((contract) => unitOf(shape, contract.consumer) !== home);
        releases.push({
          version: version.name,
          shape: shape.name,
          providerUnit: home.name,
          functionsRedeployed: home.functions.length,
          crossUnitContracts: crossUnit.length,
          inUnitConsumers: providerContracts.length - crossUnit.length,
          unitsToRelease: new Set([home.name, ...[...failing].map((consumer) => unitOf(shape, consumer).name)]).size,
          checkoutsSent: sent,
          checkoutsCorrect: correct,
          broken,
          gateAgrees: (gate === 'ship') === !broken,
          schemaOnlyGateAgrees: (schemaOnlyGate === 'ship') === !broken,
        });
      }
    }

    const system = allShapes.map((shape) => ({
      shape: shape.name,
      units: shape.units.length,
      contracts: contracts.length,
      crossUnitContracts: contracts.filter((contract) => contract.crossesUnits[shape.name]).length,
    }));
    return { provider, transports: transportList, sampleCarts: sampleCarts.length, contracts, checks, releases, system, referenceSystems: referenceStructures() };
  },
});
