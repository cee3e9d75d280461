import { beforeAll, describe, expect, it } from 'vitest';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess, stepNames } from '../checkout/steps.ts';
import { claimById } from '../claims/registry.ts';
import { consumerContracts, contractViolation, fieldsWrittenBy } from './contracts.ts';
import { experiment } from './experiment.ts';
import { wordCount } from '../lab/experiment/verdict-rule.ts';
import { findingFor, verdictFor, type OwnScheduleResult, type ReleaseInShape } from './report.ts';
import { taxVersions } from './versions.ts';

let result: OwnScheduleResult;
const release = (version: string, shape: string): ReleaseInShape => {
  const found = result.releases.find((r) => r.version === version && r.shape === shape);
  if (!found) throw new Error(`no release row for ${version}/${shape}`);
  return found;
};
const gate = (version: string) => result.checks.find((check) => check.version === version)?.gate;

describe('consumer contracts on calculateTax', () => {
  const taxInput = runCheckoutInProcess(sampleCart, stepNames.indexOf('calculateTax'));
  const [charge, receipt] = consumerContracts('calculateTax');

  it('are derived from the consumers that read what calculateTax writes', () => {
    expect(fieldsWrittenBy('calculateTax')).toEqual(['taxCents', 'totalCents']);
    expect(consumerContracts('calculateTax').map((c) => [c.consumer, c.fields])).toEqual([
      ['chargePayment', ['taxCents', 'totalCents']],
      ['issueReceipt', ['taxCents', 'totalCents']],
    ]);
  });

  it('accept the released version and reject a version without taxCents', () => {
    const v1 = runCheckoutInProcess(sampleCart, stepNames.indexOf('calculateTax') + 1);
    expect(charge && contractViolation(charge, v1)).toBeUndefined();
    expect(receipt && contractViolation(receipt, v1)).toBeUndefined();
    const nested = taxVersions.find((v) => v.name === 'v2-nests-tax')?.step.run(taxInput);
    expect(charge && contractViolation(charge, nested)).toMatch(/taxCents/);
  });

  it('catch a total without tax only through the rule the receipt declares, not through its schema', () => {
    const net = taxVersions.find((v) => v.name === 'v2-net-total')?.step.run(taxInput);
    expect(receipt && contractViolation(receipt, net, false)).toBeUndefined();
    expect(receipt && contractViolation(receipt, net)).toMatch(/total = subtotal/);
  });
});

describe('nano-own-schedule (quick run: memory)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('the gate is right for every version in every shape: it ships exactly what deploys cleanly', () => {
    expect(result.releases).toHaveLength(4 * 3);
    for (const row of result.releases) expect(row.gateAgrees).toBe(true);
  });

  it('the control and the additive version ship and every checkout stays correct; the other two are blocked and really break', () => {
    expect([gate('v1 (control)'), gate('v2-adds-rate'), gate('v2-nests-tax'), gate('v2-net-total')]).toEqual(['ship', 'ship', 'block', 'block']);
    for (const shape of ['monolith', 'microservices', 'nanoservices']) {
      expect(release('v2-adds-rate', shape).checkoutsCorrect).toBe(release('v2-adds-rate', shape).checkoutsSent);
      expect(release('v2-nests-tax', shape).checkoutsCorrect).toBe(0);
      expect(release('v2-net-total', shape).checkoutsCorrect).toBe(0);
    }
  });

  it('schema-only contracts would have let the net-total version through; the receipt rule stops it', () => {
    expect(result.checks.find((c) => c.version === 'v2-net-total')?.schemaOnlyFailingConsumers).toEqual([]);
    expect(result.checks.find((c) => c.version === 'v2-net-total')?.failingConsumers).toEqual(['issueReceipt']);
    expect(release('v2-net-total', 'nanoservices').schemaOnlyGateAgrees).toBe(false);
  });

  it('a compatible release touches one unit in every shape, redeploying 6, 2 or 1 functions', () => {
    expect(['monolith', 'microservices', 'nanoservices'].map((s) => [release('v2-adds-rate', s).unitsToRelease, release('v2-adds-rate', s).functionsRedeployed])).toEqual([
      [1, 6],
      [1, 2],
      [1, 1],
    ]);
  });

  it('independence costs contracts: 0, 1 and 2 cross-unit checks for this function; 0, 11 and 15 for the whole checkout', () => {
    expect(['monolith', 'microservices', 'nanoservices'].map((s) => release('v2-adds-rate', s).crossUnitContracts)).toEqual([0, 1, 2]);
    expect(result.system.map((row) => row.crossUnitContracts)).toEqual([0, 11, 15]);
    expect(result.checks.every((check) => check.checksRun === 2 * result.sampleCarts)).toBe(true);
  });

  it('a breaking release needs its broken consumers to release with it: 3 nanoservice units, 2 microservice units, 1 monolith', () => {
    expect(['monolith', 'microservices', 'nanoservices'].map((s) => release('v2-nests-tax', s).unitsToRelease)).toEqual([1, 2, 3]);
  });

  it('checks every candidate on a cart per country and coupon, and deploys it for as many checkouts', () => {
    expect(result.sampleCarts).toBe(13);
    expect(release('v2-adds-rate', 'nanoservices').checkoutsSent).toBe(13);
  });

  it('supports the verdict the registry publishes: only the nanoservices release the function alone, at the price of contracts', () => {
    expect(findingFor(result).shownBy).toEqual({ monolith: false, microservices: false, nanoservices: true });
    expect(verdictFor(result).verdict).toBe(claimById('nano-own-schedule').verdict);
    expect(verdictFor(result).verdict).toBe('holds-with-cost');
    expect(findingFor(result).cost?.ratio.estimate).toBeCloseTo(15 / 11, 10);
    expect(wordCount(findingFor(result).because)).toBeLessThanOrEqual(30);
  });
});

describe('findingFor', () => {
  const row = (over: Partial<ReleaseInShape>): ReleaseInShape => ({
    version: 'v2-adds-rate',
    shape: 'nanoservices',
    providerUnit: 'calculateTax',
    functionsRedeployed: 1,
    crossUnitContracts: 2,
    inUnitConsumers: 0,
    unitsToRelease: 1,
    checkoutsSent: 4,
    checkoutsCorrect: 4,
    broken: false,
    gateAgrees: true,
    schemaOnlyGateAgrees: true,
    ...over,
  });
  const base: OwnScheduleResult = {
    referenceSystems: { systems: [], cuts: [] },
    provider: 'calculateTax',
    transports: ['memory'],
    sampleCarts: 4,
    contracts: [],
    checks: [
      { version: 'v2-adds-rate', change: '', checksRun: 8, failingConsumers: [], schemaOnlyFailingConsumers: [], gate: 'ship' },
      { version: 'v2-nests-tax', change: '', checksRun: 8, failingConsumers: ['chargePayment'], schemaOnlyFailingConsumers: ['chargePayment'], gate: 'block' },
    ],
    releases: [row({}), row({ version: 'v2-nests-tax', unitsToRelease: 2, broken: true, checkoutsCorrect: 0 })],
    system: [{ shape: 'nanoservices', units: 6, contracts: 15, crossUnitContracts: 15 }],
  };

  it('holds with a cost when a compatible version ships alone but needs more cross-unit contracts than microservices', () => {
    const withMicro = { ...base, system: [...base.system, { shape: 'microservices' as const, units: 3, contracts: 15, crossUnitContracts: 11 }] };
    expect(verdictFor(withMicro).verdict).toBe('holds-with-cost');
    expect(findingFor(withMicro).because).toBe("A compatible change shipped alone in one nanoservice, but the checkout needs 15 cross-unit contract tests against microservices' 11; the gate stopped 1 breaking version, schemas alone 1");
  });

  it('does not hold when the gate lets a breaking version through', () => {
    const leaky = { ...base, releases: [row({}), row({ version: 'v2-nests-tax', broken: true, gateAgrees: false })] };
    expect(verdictFor(leaky).verdict).toBe('does-not-hold');
    expect(findingFor(leaky).because).toContain('let through a release that broke the checkout');
  });

  it('does not hold when the compatible version cannot ship in one unit alone', () => {
    expect(verdictFor({ ...base, releases: [row({ unitsToRelease: 2 })] }).verdict).toBe('does-not-hold');
  });

  it('is misattributed when a coarser cut also releases the function alone', () => {
    const both = { ...base, releases: [...base.releases, row({ shape: 'microservices' })] };
    expect(verdictFor(both).verdict).toBe('misattributed');
  });
});
