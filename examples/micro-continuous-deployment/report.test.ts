import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/micro-continuous-deployment.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { combineRuns, exitCounts, keyFigure, pageFigures, referenceSystemsTable, rolloutTable, type Result, type RolloutRow } from './report.ts';

// Every figure differs between scenarios and runs, so a figure read from the wrong row reads wrong.
const rolloutRow = (shape: RolloutRow['shape'], replicas: number, strategy: RolloutRow['strategy'], readinessGate: boolean, seed: number, run: number): RolloutRow => ({
  scenario: `${shape} ×${replicas} ${strategy}${readinessGate ? '' : ', no gate'}`,
  run,
  shape,
  unit: shape === 'nanoservices' ? 'calculateTax' : shape === 'microservices' ? 'billing' : 'checkout',
  functionsShipped: seed + 1,
  replicas,
  strategy,
  readinessGate,
  sent: 100 * seed,
  succeeded: 100 * seed - seed,
  failed: seed,
  servedByV1: 10 + seed,
  servedByV2: 20 + seed,
  replicasAfter: replicas,
  v2After: replicas - (run === 3 ? 1 : 0),
  peakProcesses: 30 + seed + (run === 2 ? 1 : 0),
  rolloutMs: 1000 + seed + run,
  failureWindowMs: 490 + seed + run,
  v2ReadyMs: 340 + 10 * seed + run,
  v1Exits: run === 4 ? ['0', '1'] : ['0'],
});

const scenarioRows = [
  ['microservices', 2, 'rolling', true, 1],
  ['microservices', 2, 'rolling', false, 2],
  ['nanoservices', 2, 'rolling', true, 3],
  ['monolith', 1, 'recreate', true, 4],
  ['monolith', 1, 'rolling', true, 5],
  ['monolith', 2, 'rolling', true, 6],
] as const;
const fiveRuns = (names: ReadonlyArray<(typeof scenarioRows)[number]>) => [1, 2, 3, 4, 5].flatMap((run) => names.map(([shape, replicas, strategy, gate, seed]) => rolloutRow(shape, replicas, strategy, gate, seed, run)));
const resultOf = (names: ReadonlyArray<(typeof scenarioRows)[number]>): Result => {
  const runs = fiveRuns(names);
  return { warmupMs: 300, runs, rows: combineRuns(runs), referenceSystems: referenceStructures() };
};
const result = resultOf(scenarioRows);

describe('combineRuns', () => {
  it('sums the counts of each scenario over its runs and keeps the worst replicas, the most processes and the median times', () => {
    const micro = result.rows[0];
    expect(micro).toMatchObject({ scenario: 'microservices ×2 rolling', runs: 5, sent: 500, failed: 5, succeeded: 495, servedByV1: 55, servedByV2: 105 });
    expect([micro?.v2After, micro?.replicasAfter, micro?.peakProcesses, micro?.rolloutMs, micro?.failureWindowMs]).toEqual([1, 2, 32, 1004, 494]);
    expect(micro?.v1Exits).toEqual(['0', '0', '0', '0', '1', '0']);
  });

  it('keeps the scenarios in the order they ran', () => {
    expect(result.rows.map((row) => row.scenario)).toEqual(scenarioRows.map(([shape, replicas, strategy, gate]) => `${shape} ×${replicas} ${strategy}${gate ? '' : ', no gate'}`));
  });
});

describe('pageFigures', () => {
  it('reads the microservice from the gated rolling update of the billing service, summed over five runs', () => {
    const figures = pageFigures(result);
    expect([figures.runs, figures.warmupMs, figures.microReplicas, figures.microFailed, figures.microSent, figures.microServedByV1, figures.microServedByV2]).toEqual([5, 300, 2, 5, 500, 55, 105]);
    expect([figures.microV2After, figures.microReplicasAfter, figures.microFunctionsShipped, figures.microPeakProcesses]).toEqual([1, 2, 2, 32]);
    expect(figures.microRollout).toMatch(/^1004 ms \[100\d–100\d ms\]$/);
  });

  it('reads the monolith from its gated rolling update over two replicas, not one', () => {
    const figures = pageFigures(result);
    expect([figures.monoFailed, figures.monoSent, figures.monoReplicas, figures.monoFunctionsShipped, figures.monoPeakProcesses]).toEqual([30, 3000, 2, 7, 37]);
  });

  it('reads the controls from the ungated rollouts and the restarts in place, with intervals over the runs', () => {
    const figures = pageFigures(result);
    expect([figures.ungatedFailed, figures.ungatedSent, figures.ungatedFailedShare]).toEqual([10, 1000, '1% [1–1%]']);
    expect(figures.ungatedFailureWindow).toMatch(/^495 ms \[49\d–49\d ms\]$/);
    expect([figures.recreateFailed, figures.recreateSent, figures.recreatePeakProcesses]).toEqual([20, 2000, 35]);
    expect(figures.recreateFailureWindow).toMatch(/^497 ms/);
  });

  it('gives each shape’s time from spawn to ready, and the boot left after the assumed warm-up', () => {
    const figures = pageFigures(result);
    expect(figures.readyPerShape).toMatch(/^398 ms \[\d+–\d+ ms\] for the monolith, 353 ms \[\d+–\d+ ms\] for the microservices and 373 ms \[\d+–\d+ ms\] for the nanoservices$/);
    expect(figures.bootRange).toBe('53–98 ms');
  });

  it('writes the sentences on the nanoservice and the single-replica monolith when the run has them', () => {
    const figures = pageFigures(result);
    expect(figures.nanoSentence).toBe(' The nanoservice holding calculateTax did the same: 15 of 1500 failed.');
    expect(figures.monoSingleReplicaClause).toBe(
      ' and 25 of 2500 with a single replica, since the v2 replica starts and becomes ready before the only v1 replica stops',
    );
    expect(figures.monoSingleReplicaPeakClause).toBe(' and 36 with one');
  });

  it('leaves those sentences out when the run has not those rows', () => {
    // Without the nanoservice (third) and the single-replica monolith's rolling update (fifth).
    const figures = pageFigures(resultOf(scenarioRows.filter((_, index) => index !== 2 && index !== 4)));
    expect([figures.nanoSentence, figures.monoSingleReplicaClause, figures.monoSingleReplicaPeakClause]).toEqual(['', '', '']);
  });

  it('throws, naming the row, when the run has no ungated control', () => {
    expect(() => pageFigures(resultOf(scenarioRows.filter(([, , , gate]) => gate)))).toThrow('"readinessGate":false');
  });

  it('throws rather than print an interval over fewer than five runs', () => {
    const runs = result.runs.filter((row) => row.run < 3);
    expect(() => pageFigures({ ...result, runs, rows: combineRuns(runs) })).toThrow('at least 5');
  });

  it('reads what one change rolls out on each reference system: all of the monolith, a part in every finer cut', () => {
    const figures = pageFigures(result);
    // Counted from the files: the monoliths hold 6, 13 and 24 operations; the microservices' units hold
    // 2.3, 1.6 and 5.8 of them on average (the checkout's 3, 2 and 1: (9 + 4 + 1) / 6), so 39%, 12% and 24%.
    expect(figures.referenceMonolithOperations).toMatch(/checkout.* 6, Online Boutique.* 13 and .*Alibaba.* 24$/);
    expect(figures.referenceMicroOperations).toMatch(/checkout.* 2\.3, Online Boutique.* 1\.6 and .*Alibaba.* 5\.8$/);
    expect(figures.referenceMicroShares).toMatch(/checkout.* 39%, Online Boutique.* 12% and .*Alibaba.* 24%$/);
    expect(figures.referenceNanoShares).toMatch(/checkout.* 17%, Online Boutique.* 8% and .*Alibaba.* 4%$/);
    expect(figures.referenceMonolithShare).toBe('100%');
  });

  it('maps the share rolled out across granularity, the whole system only at each monolith', () => {
    const map = pageFigures(result).verdictMap;
    expect(map.threshold).toBe(1);
    expect(map.lines.map((line) => line.points.map((point) => point.estimate === 1))).toEqual([
      [false, false, true],
      [false, false, true],
      [false, false, true],
    ]);
    expect(referenceSystemsTable(result).rows).toHaveLength(9);
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as Result))).toEqual([]);
  });
});

describe('rolloutTable', () => {
  it('prints one row per scenario with its runs and its exits counted', () => {
    const table = rolloutTable(result);
    expect(table.rows).toHaveLength(6);
    expect(table.rows[0]).toMatchObject({ runs: 5, sent: 500, failed: 5, v1Exits: '5 × 0, 1 × 1' });
  });

  it('counts exit codes, most frequent first', () => {
    expect(exitCounts(['SIGKILL', '0', '0'])).toBe('2 × 0, 1 × SIGKILL');
  });
});

describe('keyFigure', () => {
  it('gives the checkouts each cut’s gated rolling updates lost over every run, the ungated control and the peak processes', () => {
    expect(keyFigure(result)).toBe(
      `gated rolling updates lost checkouts: 55 of 5500 for the monolith, 5 of 500 for the microservices and 15 of 1500 for the nanoservices (5 runs each); without the readiness gate ${pageFigures(result).ungatedFailedShare} failed; 32 processes at its peak as microservices vs 37 for the monolith`,
    );
  });

  it('sums every cut when each rolled out cleanly', () => {
    const clean = (row: RolloutRow): RolloutRow => (row.strategy === 'rolling' && row.readinessGate ? { ...row, failed: 0, succeeded: row.sent, v2After: row.replicas, v1Exits: ['0'] } : row);
    const runs = result.runs.map(clean);
    expect(keyFigure({ ...result, runs, rows: combineRuns(runs) })).toMatch(/^a gated rolling update lost 0 of 7500 checkouts in every cut \(5 runs each\); without the readiness gate 1% \[1–1%\] failed; /);
  });

  it('is null when no microservice was rolled out with a readiness gate', () => {
    expect(keyFigure(resultOf(scenarioRows.filter(([shape, , , gate]) => !(shape === 'microservices' && gate))))).toBeNull();
  });
});
