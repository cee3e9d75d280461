import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { readEvidence } from '../lab/files/evidence.ts';
import { microservices, monolith, nanoservices } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { pipelineRow, verdictFor, type PipelineScope, type ProductionTimeResult } from './report.ts';
import { affectedSuitePlan, contractEdges, declaredCases, systemSuitePlan, unitSuitePlan } from './unit-suites.ts';

let result: ProductionTimeResult;
const row = (shape: 'monolith' | 'microservices' | 'nanoservices', scope: PipelineScope) => {
  const found = pipelineRow(result, shape, scope);
  if (!found) throw new Error(`no row for ${shape}/${scope}`);
  return found;
};

describe('micro-less-production-time (quick run: every shape, 5 carts per function, no whole-system pipelines, 5 rounds)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 150_000);

  it('every generated suite ran for real and passed, with exactly the cases its plan declares', () => {
    expect(result.failedTests).toBe(0);
    expect(result.countsMatchPlan).toBe(true);
  });

  it('a change to calculateTax tests six functions in the monolith, two and two contracts as a microservice, one and two contracts as a nanoservice', () => {
    expect(row('monolith', 'changed unit')).toMatchObject({ functionsTested: 6, contracts: 0, testCases: 6 * (5 + 1), unitsBuilt: 1 });
    expect(row('microservices', 'changed unit')).toMatchObject({ functionsTested: 2, contracts: 2, testCases: 2 * (5 + 1) + 2 * 5, contractCases: 10, unitsBuilt: 1 });
    expect(row('nanoservices', 'changed unit')).toMatchObject({ functionsTested: 1, contracts: 2, testCases: 1 * (5 + 1) + 2 * 5, contractCases: 10, unitsBuilt: 1 });
  });

  it('vitest related runs only the tests whose imports reach calculateTax: its own and the two functions after it, and builds the whole monolith', () => {
    expect(row('monolith', 'affected tests')).toMatchObject({ testCases: 3 * (5 + 1), unitsBuilt: 1, bundleBytes: row('monolith', 'changed unit').bundleBytes });
  });

  it("the monolith's unit is its whole system: one pipeline, two rows", () => {
    expect(row('monolith', 'whole system')).toEqual({ ...row('monolith', 'changed unit'), scope: 'whole system' });
  });

  it('times every pipeline in every round, side by side', () => {
    for (const each of result.rows) expect(each.totalMsPerRound).toHaveLength(5);
  });

  it('a unit bundle barely shrinks with its functions: the framework and the schemas dominate every bundle', () => {
    const nano = row('nanoservices', 'changed unit').bundleBytes;
    const mono = row('monolith', 'changed unit').bundleBytes;
    expect(nano).toBeLessThan(mono);
    expect(nano).toBeGreaterThan(0.8 * mono);
  });

  it('measures the fixed costs in the same run', () => {
    expect(result.fixed.testRunnerStartMs).toBeGreaterThan(0);
    expect(result.fixed.bundlerStartMs).toBeGreaterThan(0);
    expect(result.fixed.nodeStartMs).toBeGreaterThan(0);
  });

  it('counts, for a change to each function, the cases each pipeline runs: the monolith runs every test for a change to the first', () => {
    expect(result.selection.map((each) => each.monolithAffected)).toEqual([36, 30, 24, 18, 12, 6]);
    expect(result.selection[0]).toEqual({ changedFunction: 'validateCart', monolithAll: 36, monolithAffected: 36, microservicesUnit: 3 * 6 + 5, nanoservicesUnit: 6 + 5 });
  });

  it('the registry publishes the verdict the published figures support', () => {
    // Timings on a quick run are too noisy to decide the verdict; the evidence run's figures decide it.
    const published = readEvidence('micro-less-production-time');
    expect(published, 'run npm run evidence -- micro-less-production-time').toBeDefined();
    expect(verdictFor(published?.result as ProductionTimeResult).verdict).toBe(claimById('micro-less-production-time').verdict);
  });

  it('prints a pipeline table, a selection table and a fixed-cost table', () => {
    const [pipelines, selection, fixed] = experiment.tables(result);
    expect(pipelines?.rows).toHaveLength(5);
    expect(selection?.rows).toHaveLength(6);
    expect(fixed?.rows).toHaveLength(3);
  });
});

describe('suite plans (structure, no timing)', () => {
  it('contracts sit exactly on the calls that cross units', () => {
    expect(contractEdges(monolith)).toEqual([]);
    expect(contractEdges(microservices)).toEqual([
      { from: 'applyDiscount', to: 'calculateTax' },
      { from: 'chargePayment', to: 'issueReceipt' },
    ]);
    expect(contractEdges(nanoservices)).toHaveLength(5);
  });

  it('the whole system of a finer shape runs more cases than the monolith: the same function tests plus every contract', () => {
    const cases = (shape: typeof monolith) => declaredCases(systemSuitePlan(shape), 40);
    expect(cases(monolith)).toBe(6 * 41);
    expect(cases(microservices)).toBe(6 * 41 + 2 * 40);
    expect(cases(nanoservices)).toBe(6 * 41 + 5 * 40);
  });

  it('a monolith that selects tests by the change runs the changed function and every function after it, no contract', () => {
    expect(affectedSuitePlan('calculateTax')).toEqual({ functions: ['calculateTax', 'chargePayment', 'issueReceipt'], contracts: [] });
    expect(affectedSuitePlan('validateCart').functions).toEqual(systemSuitePlan(monolith).functions);
  });

  it('the billing microservice tests its two functions and both contracts around it', () => {
    const billing = microservices.units.find((unit) => unit.name === 'billing');
    if (!billing) throw new Error('no billing unit');
    expect(unitSuitePlan(microservices, billing)).toEqual({ functions: ['calculateTax', 'chargePayment'], contracts: contractEdges(microservices) });
  });
});
