import { beforeAll, describe, expect, it } from 'vitest';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, stepNames } from '../checkout/steps.ts';
import type { DiscountedCart } from '../checkout/schemas.ts';
import { claimById } from '../claims/registry.ts';
import { experiment } from './experiment.ts';
import { verdictFor, type FlexibilityResult, type SwapRow } from './report.ts';
import { roundDownTaxStep } from './tax-providers.ts';

let result: FlexibilityResult;
const row = (strategy: string, shape: string) => {
  const found = result.rows.find((r) => r.strategy === strategy && r.shape === shape);
  if (!found) throw new Error(`no row for ${strategy}/${shape}`);
  return found;
};
const shapeNames = ['monolith', 'microservices', 'nanoservices'];

describe('the alternative tax provider', () => {
  it('keeps the contract of calculateTax and gives a different tax for the sample cart', () => {
    const discounted = runCheckoutInProcess(sampleCart, stepNames.indexOf('calculateTax')) as DiscountedCart;
    const current = checkoutSteps.calculateTax.run(discounted) as { taxCents: number };
    const alternative = roundDownTaxStep.run(discounted) as { taxCents: number };
    expect(checkoutSteps.calculateTax.output.safeParse(alternative).success).toBe(true);
    expect([current.taxCents, alternative.taxCents]).toEqual([1103, 1102]);
    expect(() => roundDownTaxStep.run({ ...discounted, discountCents: -1 })).toThrow(/calculateTax/);
  });
});

describe('nano-flexibility (quick run: 200 checkouts per swap, three shapes, two strategies)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('blue-green swaps the provider in every shape with every checkout answered', () => {
    for (const shape of shapeNames) {
      const r = row('blue-green', shape);
      // At least the 200 asked for: the clients keep sending until the swap is over.
      expect(r.requestsSent).toBeGreaterThanOrEqual(200);
      expect(r.succeeded).toBe(r.requestsSent);
      expect(r.failed).toBe(0);
      expect(r.answeredByOld + r.answeredByNew).toBe(r.requestsSent);
    }
  });

  it('the swap happened during the traffic: both providers answered some checkouts, and none answered old after the switch', () => {
    for (const r of result.rows) {
      expect(r.answeredByOld).toBeGreaterThan(0);
      expect(r.answeredByNew).toBeGreaterThan(0);
      expect(r.staleAfterSwap).toBe(0);
      expect(r.newProviderAfter).toBe(r.checkedAfter);
    }
  });

  it('every shape redeploys one unit; what differs is the code in it: 6, 2 and 1 functions', () => {
    expect(shapeNames.map((s) => row('blue-green', s).unitsRedeployed)).toEqual([1, 1, 1]);
    expect(shapeNames.map((s) => row('blue-green', s).functionsRedeployed)).toEqual([6, 2, 1]);
  });

  it('the control fails: stopping the old unit before the new one listens loses checkouts in every shape', () => {
    for (const shape of shapeNames) {
      const r = row('stop-start', shape);
      expect(r.failed).toBeGreaterThan(0);
      expect(r.succeeded + r.failed).toBe(r.requestsSent);
    }
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('nano-flexibility').verdict);
  });

  it('prints one row per strategy and shape', () => {
    expect(experiment.tables(result)[0]?.rows).toHaveLength(6);
  });
});

describe('verdictFor', () => {
  const clean: SwapRow = {
    shape: 'monolith', strategy: 'blue-green', units: 1, unitsRedeployed: 1, functionsRedeployed: 6, requestsSent: 100, succeeded: 100,
    failed: 0, answeredByOld: 40, answeredByNew: 60, staleAfterSwap: 0, outstandingAtSwitch: 3, swapMs: 10, failureWindowMs: 0, checkedAfter: 10, newProviderAfter: 10,
  };
  const nano: SwapRow = { ...clean, shape: 'nanoservices', units: 6, functionsRedeployed: 1 };
  const judge = (rows: SwapRow[]) => verdictFor({ rows, oldTaxCents: 1103, newTaxCents: 1102, referenceSystems: { systems: [], cuts: [] } });

  it('is misattributed when a coarser shape swaps as cleanly, and says what the nanoservices shipped', () => {
    const judgement = judge([clean, nano]);
    expect(judgement.verdict).toBe('misattributed');
    expect(judgement.because).toBe('every cut swapped the tax provider under load, 0 of 200 checkouts failed; nanoservices only shipped 1 function with it, the monolith 6');
  });

  it('holds when only the nanoservices swap cleanly', () => {
    expect(judge([{ ...clean, failed: 5, succeeded: 95 }, nano]).verdict).toBe('holds');
  });

  it('does not hold when the nanoservices lose checkouts or leave old answers', () => {
    expect(judge([clean, { ...nano, failed: 1 }]).verdict).toBe('does-not-hold');
    expect(judge([clean, { ...nano, staleAfterSwap: 2 }]).verdict).toBe('does-not-hold');
  });
});
