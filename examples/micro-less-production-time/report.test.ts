import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/micro-less-production-time.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { affectedTestsMonolith, allTestsMonolith, decidingMeasure, findingFor, keyFigure, pageFigures, referenceSystemsTable, timeRatio, verdictFor, type PipelineRow, type Result, type SelectionRow } from './report.ts';

const rounds = [0, 1, 2, 3, 4];

// Every pipeline's figures differ, and each round moves every pipeline alike (a busy round is slower
// for all), so a ratio that pairs the wrong rounds or reads the wrong row reads wrong.
const pipelineRow = (shape: PipelineRow['shape'], scope: PipelineRow['scope'], testCases: number, cpuMs: number | null, totalMs = cpuMs ?? 1000): PipelineRow => ({
  shape,
  scope,
  unitsBuilt: scope === 'whole system' ? testCases % 7 : 1,
  functionsTested: 1,
  contracts: 2,
  testCases,
  contractCases: testCases / 4,
  bundleBytes: testCases * 2048,
  testMs: totalMs - 100.4,
  testCpuMs: cpuMs,
  buildMs: 100.4,
  totalMs,
  totalMsPerRound: rounds.map((round) => totalMs * (1 + round / 10)),
  testCpuMsPerRound: rounds.map((round) => (cpuMs === null ? null : cpuMs * (1 + round / 10))),
});

const selection: SelectionRow[] = [
  { changedFunction: 'validateCart', monolithAll: 246, monolithAffected: 246, microservicesUnit: 163, nanoservicesUnit: 81 },
  { changedFunction: 'calculateTax', monolithAll: 246, monolithAffected: 123, microservicesUnit: 162, nanoservicesUnit: 121 },
];

// Counted once: every fixture shares the reference systems' structure.
const referenceSystems = referenceStructures();

/** The monolith's affected tests cost `affectedCpu` where all its tests cost 2000 and the microservice 1400. */
function resultWith(affectedCpu: number, microCpu = 1400): Result {
  return {
    changedFunction: 'calculateTax',
    casesPerFunction: 40,
    repetitions: rounds.length,
    rows: [
      pipelineRow('monolith', 'changed unit', 246, 2000),
      pipelineRow('monolith', 'whole system', 246, 2000),
      pipelineRow('monolith', 'affected tests', 123, affectedCpu),
      pipelineRow('microservices', 'changed unit', 162, microCpu),
      pipelineRow('microservices', 'whole system', 326, 2600),
      pipelineRow('nanoservices', 'changed unit', 121, 1200),
      pipelineRow('nanoservices', 'whole system', 1024, 3400),
    ],
    selection,
    fixed: { testRunnerStartMs: 480.4, testRunnerStartCpuMs: 490, bundlerStartMs: 19.6, nodeStartMs: 60 },
    failedTests: 0,
    countsMatchPlan: true,
    loadAverageAtEnd: 1.85,
    cores: 2,
    referenceSystems,
  };
}

const result = resultWith(1300);

describe('timeRatio', () => {
  it('pairs each round of two pipelines, in test CPU or in wall time', () => {
    expect(timeRatio(result, affectedTestsMonolith, allTestsMonolith, 'test CPU')).toEqual({ estimate: expect.closeTo(0.65), low: expect.closeTo(0.65), high: expect.closeTo(0.65), runs: 5 });
    expect(timeRatio(result, { shape: 'microservices', scope: 'whole system' }, { shape: 'monolith', scope: 'whole system' }, 'wall time')?.estimate).toBeCloseTo(1.3);
  });

  it('is null with fewer than five rounds, a missing pipeline, or no CPU figures', () => {
    expect(timeRatio({ ...result, repetitions: 3 }, affectedTestsMonolith, allTestsMonolith, 'wall time')).toBeNull();
    expect(timeRatio({ ...result, rows: result.rows.filter((row) => row.scope !== 'affected tests') }, affectedTestsMonolith, allTestsMonolith, 'wall time')).toBeNull();
    const noCpu = { ...result, rows: result.rows.map((row) => ({ ...row, testCpuMsPerRound: row.testCpuMsPerRound.map(() => null) })) };
    expect(timeRatio(noCpu, affectedTestsMonolith, allTestsMonolith, 'test CPU')).toBeNull();
    expect(decidingMeasure(noCpu)).toBe('wall time');
    expect(decidingMeasure(result)).toBe('test CPU');
  });
});

describe('findingFor and verdictFor', () => {
  it('is misattributed when the monolith running only the affected tests saves too', () => {
    expect(findingFor(result).shownBy).toEqual({ monolith: true, microservices: true, nanoservices: true });
    expect(verdictFor(result)).toMatchObject({
      verdict: 'misattributed',
      because: 'running only the tests a change to calculateTax reaches, the monolith needed 0.65× the test CPU of all its tests; the billing service 0.70×: selection, not the cut, saves it',
    });
  });

  it('holds with the whole system as its price when only the split cuts save', () => {
    const affectedAsSlow = resultWith(1950);
    expect(findingFor(affectedAsSlow).shownBy).toEqual({ monolith: false, microservices: true, nanoservices: true });
    expect(findingFor(affectedAsSlow).cost).toEqual({ what: 'the whole system’s test CPU', ratio: { estimate: expect.closeTo(1.3), low: expect.closeTo(1.3), high: expect.closeTo(1.3), runs: 5 } });
    expect(verdictFor(affectedAsSlow).verdict).toBe('holds-with-cost');
  });

  it('does not hold when the microservice saves less than the rule’s 10%', () => {
    const micro = resultWith(1300, 1850);
    expect(verdictFor(micro)).toMatchObject({ verdict: 'does-not-hold', because: "the billing service needed 0.93× the test CPU of the monolith's full suite for a change to calculateTax: no clear saving" });
  });

  it('is not judged (pending) when a suite failed or the rounds are too few for an interval', () => {
    expect(verdictFor({ ...result, failedTests: 1 }).verdict).toBe('pending');
    expect(verdictFor({ ...result, countsMatchPlan: false }).verdict).toBe('pending');
    expect(verdictFor({ ...result, repetitions: 1 }).verdict).toBe('pending');
  });
});

describe('pageFigures', () => {
  const figures = pageFigures(result);

  it('reads each pipeline from its own row, formatted', () => {
    expect(figures.monoAll).toEqual({ testCases: 246, unitsBuilt: 1, bundle: '492 KiB', total: '2,000 ms', testCpu: '2,000 ms' });
    expect(figures.monoAffected).toMatchObject({ testCases: 123, total: '1,300 ms' });
    expect(figures.microUnit).toMatchObject({ testCases: 162, testCpu: '1,400 ms' });
    expect(figures.nanoSystem).toEqual({ testCases: 1024, unitsBuilt: 2, bundle: '2 MiB', total: '3,400 ms', testCpu: '3,400 ms' });
    expect(figures.microUnitName).toBe('billing');
  });

  it('prints every ratio in the measure the verdict reads, with its interval', () => {
    expect(figures.measure).toBe('test CPU');
    expect([figures.monoAffectedVsAll, figures.microVsAll, figures.nanoVsAll]).toEqual(['0.65× [0.65–0.65×]', '0.70× [0.70–0.70×]', '0.60× [0.60–0.60×]']);
    expect([figures.microVsAffected, figures.microSystemVsMono, figures.nanoSystemVsMono]).toEqual(['1.08× [1.08–1.08×]', '1.30× [1.30–1.30×]', '1.70× [1.70–1.70×]']);
    expect(figures.ratioTable.rows).toHaveLength(7);
  });

  it('names the cuts that cleared the saving bar', () => {
    expect([figures.savingThreshold, figures.savingCuts]).toEqual(['0.91×', 'monolith, microservices and nanoservices']);
    expect(pageFigures(resultWith(1950)).savingCuts).toBe('microservices and nanoservices');
  });

  it('gives the head-of-chain change and the cases averaged over every function changed', () => {
    expect(figures.headChange.monolithAffected).toBe(246);
    expect(figures.averageOverChanges).toEqual({ monolithAll: 246, monolithAffected: 185, microservicesUnit: 163, nanoservicesUnit: 101 });
  });

  it('prints the fixed costs and the shares that do not shrink', () => {
    expect([figures.testRunnerStart, figures.bundlerStart, figures.microFixedShare, figures.microContractShare]).toEqual(['480 ms', '20 ms', '36%', '25%']);
  });

  it('draws a test bar and a build bar for every pipeline, tests first', () => {
    expect(figures.bars).toHaveLength(14);
    expect(figures.bars[3]).toEqual({ pipeline: 'microservices · changed unit', part: 'test', ms: 1300 });
  });

  it('says whether the suites ran as planned, both ways', () => {
    expect(figures.countsAsPlanned).toBe('they did');
    expect(pageFigures({ ...result, failedTests: 1 }).countsAsPlanned).toBe('they did not');
  });

  it('throws, naming the row, when the run has no microservices pipeline', () => {
    expect(() => pageFigures({ ...result, rows: result.rows.filter((row) => row.shape !== 'microservices') })).toThrow('microservices');
  });

  it('reads what one change redeploys on each reference system, counted from its file', () => {
    // By hand: the checkout's microservices hold 3, 2 and 1 of its 6 functions, so a change redeploys (3·3 + 2·2 + 1)/6 = 2.3 of
    // them, 39% of the system; Online Boutique's services hold one or two of its 13 operations; the Alibaba-like tree's up to 9 of 24.
    expect(figures.referenceMonolithRedeploys).toBe('100%');
    expect(figures.referenceMonolithOperations).toMatch(/chain 6, Online Boutique.* 13 and .*Alibaba.* 24$/);
    expect(figures.referenceMicroShare).toMatch(/chain 39%, Online Boutique.* 12% and .*Alibaba.* 24%$/);
    expect(figures.referenceMicroOperations).toMatch(/chain 2\.3, Online Boutique.* 1\.6 and .*Alibaba.* 5\.8$/);
    expect(figures.referenceNanoShare).toMatch(/chain 17%, Online Boutique.* 8% and .*Alibaba.* 4%$/);
    expect([figures.referenceSmallerDeploys, figures.referenceWholeSystemDeploys]).toEqual(['microservices and nanoservices', 'monolith']);
  });

  it('maps the share of the system a change redeploys, with the saving bar as its threshold, and tables every cut', () => {
    expect(figures.verdictMap.threshold).toBeCloseTo(1 / 1.1);
    expect(figures.verdictMap.lines.map((line) => line.points.map((point) => Math.round(point.estimate * 100) / 100))).toEqual([
      [0.17, 0.39, 1],
      [0.08, 0.12, 1],
      [0.04, 0.24, 1],
    ]);
    expect(referenceSystemsTable(result).rows[7]).toEqual({ system: 'An Alibaba-like call tree', cut: 'microservices', units: 7, operationsPerDeploy: '5.8', unitShareOfSystem: '24%', crossUnitContracts: 9 });
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as unknown as Result))).toEqual([]);
  });
});

describe('keyFigure', () => {
  it('gives the ratios the verdict decides on, in test CPU, as the page prints them, and the full suite they are taken against', () => {
    const figures = pageFigures(result);
    expect(keyFigure(result)).toBe(
      `test CPU for a change to calculateTax against the monolith running all its tests (2,000 ms): the billing service ${figures.microVsAll}, the monolith running only the affected tests ${figures.monoAffectedVsAll}`,
    );
    expect(keyFigure(result)).toMatch(/the billing service 0\.70× \[0\.70–0\.70×\], the monolith running only the affected tests 0\.65× \[0\.65–0\.65×\]$/);
  });

  it('reads wall time when test CPU was not measured', () => {
    const noCpu = { ...result, rows: result.rows.map((row) => ({ ...row, testCpuMsPerRound: row.testCpuMsPerRound.map(() => null) })) };
    expect(keyFigure(noCpu)).toMatch(/^time to ship a change to calculateTax against the monolith running all its tests \(2,000 ms\): the billing service 0\.70× /);
  });

  it('is null with fewer rounds than an interval needs, or without the microservice’s pipeline', () => {
    expect(keyFigure({ ...result, repetitions: 3 })).toBeNull();
    expect(keyFigure({ ...result, rows: result.rows.filter((row) => row.shape !== 'microservices') })).toBeNull();
  });
});
