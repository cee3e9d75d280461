import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess } from '../checkout/steps.ts';
import { countedStep } from './boundary.ts';
import { experiment } from './experiment.ts';
import { businessModulesVerdict, type BoundaryRow, type BusinessModulesResult } from './report.ts';

let result: BusinessModulesResult;
const row = (shape: string, mode: string): BoundaryRow => {
  const found = result.boundary.find((r) => r.shape === shape && r.mode === mode);
  if (!found) throw new Error(`no row for ${shape}/${mode}`);
  return found;
};
const shapeNames = ['monolith', 'microservices', 'nanoservices'];

describe('countedStep', () => {
  it('counts an entry on every call and a body only when the input is valid', () => {
    const counter = { entered: 0, bodiesRun: 0 };
    const step = countedStep(checkoutSteps.validateCart, counter);
    expect(() => step.run(null)).toThrow();
    expect(step.run(sampleCart)).toEqual(runCheckoutInProcess(sampleCart, 1));
    expect(counter).toEqual({ entered: 2, bodiesRun: 1 });
  });
});

describe('micro-business-modules (quick run: every route of every shape over HTTP)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('counts the interfaces: 1, 3 and 6 units, 6 routes each, 0, 2 and 5 contracts between units', () => {
    expect(shapeNames.map((s) => [row(s, 'contract at boundary').units, row(s, 'contract at boundary').routes, row(s, 'contract at boundary').crossUnitContracts])).toEqual([
      [1, 6, 0],
      [3, 6, 2],
      [6, 6, 5],
    ]);
  });

  it('with the contract at the door, every malformed request is refused with 4xx and no function is even entered', () => {
    for (const shape of shapeNames) {
      const enforced = row(shape, 'contract at boundary');
      expect(enforced.malformedSent).toBe(30);
      expect([enforced.refused4xx, enforced.answered5xx, enforced.answered2xx, enforced.functionsEntered, enforced.bodiesRun]).toEqual([30, 0, 0, 0, 0]);
      expect(enforced.validAnswered2xx).toBe(enforced.validSent);
    }
  });

  it('without it, no business body runs on bad input, but a body that is not JSON gets a 500 from every route', () => {
    for (const shape of shapeNames) {
      const loose = row(shape, 'functions validate');
      expect([loose.refused4xx, loose.answered5xx, loose.bodiesRun]).toEqual([24, 6, 0]);
      expect(loose.functionsEntered).toBe(24);
      expect(loose.validAnswered2xx).toBe(loose.validSent);
    }
    expect(result.cases.find((c) => c.mode === 'functions validate' && c.malformation === 'not JSON')?.answered5xx).toBe(18);
  });

  it('the consumer contract test ships the additive cart release, blocks the rename, and deploying them proves it right', () => {
    expect(result.releases.map((r) => [r.version, r.gate, r.checkoutsCorrect, r.gateAgrees])).toEqual([
      ['v1 (control)', 'ship', 3, true],
      ['v2-adds-currency', 'ship', 3, true],
      ['v2-renames-discount', 'block', 0, true],
    ]);
    expect(result.releases.find((r) => r.gate === 'block')?.failingConsumers).toEqual(['billing']);
  });

  it('supports the verdict the registry publishes', () => {
    expect(experiment.verdict(result).verdict).toBe(claimById('micro-business-modules').verdict);
  });
});

describe('businessModulesVerdict', () => {
  const boundaryRow = (over: Partial<BoundaryRow>): BoundaryRow => ({
    shape: 'microservices', mode: 'contract at boundary', units: 3, routes: 6, crossUnitContracts: 2, malformedSent: 30, refused4xx: 30,
    answered5xx: 0, answered2xx: 0, functionsEntered: 0, bodiesRun: 0, validSent: 6, validAnswered2xx: 6, ...over,
  });
  const base: BusinessModulesResult = {
    repeats: 1,
    cases: [],
    boundary: [boundaryRow({}), boundaryRow({ mode: 'functions validate', refused4xx: 30 })],
    releases: [
      { version: 'v2-ok', change: '', contractChecks: 3, failingConsumers: [], gate: 'ship', unitsRedeployed: 1, checkoutsSent: 3, checkoutsCorrect: 3, broken: false, gateAgrees: true },
      { version: 'v2-bad', change: '', contractChecks: 3, failingConsumers: ['billing'], gate: 'block', unitsRedeployed: 1, checkoutsSent: 3, checkoutsCorrect: 0, broken: true, gateAgrees: true },
    ],
  };

  it('holds with a cost when units refuse bad input even without a boundary contract', () => {
    expect(businessModulesVerdict(base).verdict).toBe('holds-with-cost');
  });

  it('is conditional when units without the contract answer malformed requests with 5xx', () => {
    expect(businessModulesVerdict({ ...base, boundary: [boundaryRow({}), boundaryRow({ mode: 'functions validate', refused4xx: 24, answered5xx: 6 })] }).verdict).toBe('conditional');
  });

  it('does not hold when an enforced contract lets a function run on malformed input', () => {
    expect(businessModulesVerdict({ ...base, boundary: [boundaryRow({ functionsEntered: 1 })] }).verdict).toBe('does-not-hold');
  });

  it('does not hold when the contract test lets a breaking release through', () => {
    const leaky = base.releases.map((r) => (r.broken ? { ...r, gate: 'ship' as const, gateAgrees: false } : r));
    expect(businessModulesVerdict({ ...base, releases: leaky }).verdict).toBe('does-not-hold');
  });
});
