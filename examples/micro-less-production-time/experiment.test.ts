import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { readEvidence } from '../lab/files/evidence.ts';
import { microservices, monolith, nanoservices } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { pipelineRow, productionTimeVerdict, unitSavings, type ProductionTimeResult } from './report.ts';
import { contractEdges, declaredCases, systemSuitePlan, unitSuitePlan } from './unit-suites.ts';

let result: ProductionTimeResult;
const row = (shape: 'monolith' | 'nanoservices', scope: 'changed unit' | 'whole system') => {
  const found = pipelineRow(result, shape, scope);
  if (!found) throw new Error(`no row for ${shape}/${scope}`);
  return found;
};

describe('micro-less-production-time (quick run: monolith and nanoservices, 5 carts per function, one round)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('every generated suite ran for real and passed, with exactly the cases its plan declares', () => {
    expect(result.failedTests).toBe(0);
    expect(result.countsMatchPlan).toBe(true);
  });

  it('a change to calculateTax tests six functions in the monolith, one function and two contracts as a nanoservice', () => {
    expect(row('monolith', 'changed unit')).toMatchObject({ functionsTested: 6, contracts: 0, testCases: 6 * (5 + 1), unitsBuilt: 1 });
    expect(row('nanoservices', 'changed unit')).toMatchObject({ functionsTested: 1, contracts: 2, testCases: 1 * (5 + 1) + 2 * 5, contractCases: 10, unitsBuilt: 1 });
  });

  it("the monolith's unit is its whole system: one pipeline, two rows", () => {
    expect(row('monolith', 'whole system')).toEqual({ ...row('monolith', 'changed unit'), scope: 'whole system' });
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
    expect(unitSavings(result).map((saving) => saving.shape)).toEqual(['nanoservices']);
  });

  it('the registry publishes the verdict the published figures support', () => {
    // Timings on a quick run are too noisy to decide the verdict; the evidence run's figures decide it.
    const published = readEvidence('micro-less-production-time');
    expect(published, 'run npm run evidence -- micro-less-production-time').toBeDefined();
    expect(experiment.verdict(published?.result as never).verdict).toBe(claimById('micro-less-production-time').verdict);
  });

  it('prints a pipeline table and a fixed-cost table', () => {
    const [pipelines, fixed] = experiment.tables(result);
    expect(pipelines?.rows).toHaveLength(3);
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

  it('the billing microservice tests its two functions and both contracts around it', () => {
    const billing = microservices.units.find((unit) => unit.name === 'billing');
    if (!billing) throw new Error('no billing unit');
    expect(unitSuitePlan(microservices, billing)).toEqual({ functions: ['calculateTax', 'chargePayment'], contracts: contractEdges(microservices) });
  });
});

describe('productionTimeVerdict', () => {
  const base: ProductionTimeResult = {
    changedFunction: 'calculateTax',
    casesPerFunction: 40,
    repetitions: 1,
    rows: [
      { shape: 'monolith', scope: 'changed unit', unitsBuilt: 1, functionsTested: 6, contracts: 0, testCases: 246, contractCases: 0, bundleBytes: 500_000, testMs: 3_000, testCpuMs: 4_000, buildMs: 300, totalMs: 3_300 },
      { shape: 'microservices', scope: 'changed unit', unitsBuilt: 1, functionsTested: 2, contracts: 2, testCases: 162, contractCases: 80, bundleBytes: 500_000, testMs: 2_200, testCpuMs: 3_000, buildMs: 250, totalMs: 2_450 },
    ],
    fixed: { testRunnerStartMs: 900, testRunnerStartCpuMs: 1_100, bundlerStartMs: 20, nodeStartMs: 100 },
    failedTests: 0,
    countsMatchPlan: true,
    loadAverageAtEnd: 1,
    cores: 2,
  };
  // Without CPU figures the verdict reads wall time; with them, CPU time.
  const withMicroTotal = (totalMs: number): ProductionTimeResult => ({ ...base, rows: [{ ...base.rows[0]!, testCpuMs: null }, { ...base.rows[1]!, totalMs, testCpuMs: null }] });
  const withMicroCpu = (testCpuMs: number): ProductionTimeResult => ({ ...base, rows: [base.rows[0]!, { ...base.rows[1]!, totalMs: 3_400, testCpuMs }] });

  it('holds with a cost when the unit is a fifth to a half faster', () => {
    expect(productionTimeVerdict(base).verdict).toBe('holds-with-cost');
  });

  it('holds when the unit takes half the time or less', () => {
    expect(productionTimeVerdict(withMicroTotal(1_500)).verdict).toBe('holds');
  });

  it('is conditional when the work shrinks but the time barely does', () => {
    expect(productionTimeVerdict(withMicroTotal(3_100)).verdict).toBe('conditional');
  });

  it('does not hold when the unit is no faster', () => {
    expect(productionTimeVerdict(withMicroTotal(3_400)).verdict).toBe('does-not-hold');
  });

  it('reads CPU time when it was measured, so that a slow wall clock on a busy machine does not decide', () => {
    expect(productionTimeVerdict(withMicroCpu(3_000)).verdict).toBe('holds-with-cost');
    expect(productionTimeVerdict(withMicroCpu(1_900)).verdict).toBe('holds');
    expect(productionTimeVerdict(withMicroCpu(4_100)).verdict).toBe('does-not-hold');
  });

  it('is not testable when a suite failed', () => {
    expect(productionTimeVerdict({ ...base, failedTests: 1 }).verdict).toBe('not-testable');
  });
});
