import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess } from '../checkout/steps.ts';
import { countedStep } from './boundary.ts';
import { experiment } from './experiment.ts';
import { findingFor, verdictFor, wellDefinedIn, type BoundaryRow, type BusinessModulesResult, type ReleaseRow } from './report.ts';

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

  it('in every shape, the consumer contract ships the additive release, blocks the rename and the semantic change, and deploying them proves it right', () => {
    for (const shape of shapeNames) {
      const releases = result.releases.filter((r) => r.shape === shape);
      expect(releases.map((r) => [r.version, r.gate, r.checkoutsCorrect, r.gateAgrees])).toEqual([
        ['v1 (control)', 'ship', 3, true],
        ['v2-adds-currency', 'ship', 3, true],
        ['v2-renames-discount', 'block', 0, true],
        // Only the cart without a coupon keeps its discount (none) when it is given in whole euros.
        ['v2-discount-in-euros', 'block', 1, true],
      ]);
    }
    expect(result.releases.filter((r) => r.gate === 'block').every((r) => r.failingConsumers.join() === 'billing')).toBe(true);
  });

  it('the gate can fail: billing’s schema alone ships the discount in euros, which breaks a checkout, in every shape', () => {
    const euros = result.releases.filter((r) => r.version === 'v2-discount-in-euros');
    expect(euros.map((r) => [r.shape, r.schemaOnlyGate, r.broken, r.schemaOnlyAgrees])).toEqual(shapeNames.map((shape) => [shape, 'ship', true, false]));
  });

  it('redeploys the unit holding applyDiscount: all 6 functions in the monolith, 3 in the cart service, 1 nanoservice', () => {
    expect(shapeNames.map((shape) => result.releases.find((r) => r.shape === shape)?.functionsRedeployed)).toEqual([6, 3, 1]);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('micro-business-modules').verdict);
    expect(findingFor(result).shownBy).toEqual({ monolith: true, microservices: true, nanoservices: true });
  });
});

describe('findingFor', () => {
  const boundaryRow = (over: Partial<BoundaryRow>): BoundaryRow => ({
    shape: 'microservices', mode: 'contract at boundary', units: 3, routes: 6, crossUnitContracts: 2, malformedSent: 30, refused4xx: 30,
    answered5xx: 0, answered2xx: 0, functionsEntered: 0, bodiesRun: 0, validSent: 6, validAnswered2xx: 6, ...over,
  });
  const releaseRow = (shape: ReleaseRow['shape'], version: string, broken: boolean, gateAgrees = true): ReleaseRow => ({
    shape, version, change: '', contractChecks: 3, failingConsumers: [], gate: broken === gateAgrees ? 'block' : 'ship', schemaOnlyGate: 'ship', unitsRedeployed: 1, functionsRedeployed: 3,
    checkoutsSent: 3, checkoutsCorrect: broken ? 0 : 3, broken, gateAgrees, schemaOnlyAgrees: !broken,
  });
  const base: BusinessModulesResult = {
    referenceSystems: { systems: [], cuts: [] },
    repeats: 1,
    cases: [],
    boundary: [boundaryRow({ shape: 'monolith', units: 1, crossUnitContracts: 0 }), boundaryRow({})],
    releases: [releaseRow('monolith', 'v2-ok', false), releaseRow('monolith', 'v2-bad', true), releaseRow('microservices', 'v2-ok', false), releaseRow('microservices', 'v2-bad', true)],
  };

  it('is misattributed when the monolith’s contract and gate work as well as the microservices’', () => {
    expect(verdictFor(base)).toMatchObject({ verdict: 'misattributed', because: 'contracts at the door refused 60 of 60 malformed requests and the consumer gate was right for 4 of 4 releases (schema alone: 2), in every cut alike' });
  });

  it('does not hold when an enforced contract lets a function run on malformed input in the microservices', () => {
    expect(verdictFor({ ...base, boundary: [base.boundary[0] as BoundaryRow, boundaryRow({ functionsEntered: 1 })] }).verdict).toBe('does-not-hold');
  });

  it('holds when only the microservices’ gate tells a breaking release from a safe one', () => {
    const releases = base.releases.map((r) => (r.shape === 'monolith' && r.broken ? { ...r, gate: 'ship' as const, gateAgrees: false } : r));
    expect(wellDefinedIn({ ...base, releases }, 'monolith')).toBe(false);
    expect(verdictFor({ ...base, releases }).verdict).toBe('holds');
  });

  it('does not call a gate right when no release broke anything: it was never tested', () => {
    expect(wellDefinedIn({ ...base, releases: base.releases.filter((r) => !r.broken) }, 'microservices')).toBe(false);
  });

  it('throws when the microservices were not run', () => {
    expect(() => findingFor({ ...base, boundary: base.boundary.slice(0, 1) })).toThrow('microservices');
  });
});
