import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/micro-redundancy.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { cutFigures, findingFor, isolatesPayments, keyFigure, pageFigures, referenceSystemsTable, runProblem, verdictFor, type BalancerMode, type KillRunRow, type OutageRow, type ProcessCountRow, type RequestKind, type Result } from './report.ts';

const cuts: readonly ShapeName[] = ['monolith', 'microservices', 'nanoservices'];
const runs = [1, 2, 3, 4, 5];

// Every count differs between cuts, modes and runs, so a figure read from the wrong rows reads wrong.
const killRun = (shape: ShapeName, mode: BalancerMode, run: number, failed: number, detectMs: number | null = 5 + run): KillRunRow => ({
  shape,
  mode,
  run,
  sent: 300,
  succeeded: 300 - failed,
  failed,
  lost: 0,
  non2xx: failed,
  errors: 0,
  noHealthyReplica: 0,
  spuriousEjections: 0,
  stoppedEarly: false,
  retried: mode === 'retry once' ? run : 0,
  balancerReceived: 300,
  detectMs,
  ejectedReplicas: 1,
  answeredBeforeKill: 90,
  requestsPerSecond: 1000,
});
const outage = (shape: ShapeName, kind: RequestKind, run: number, failed: number): OutageRow => ({ shape, run, kind, sent: 100, succeeded: 100 - failed, failed, lost: 0, stoppedEarly: false, paymentsEjected: true });
const processCount = (shape: ShapeName, units: number): ProcessCountRow => ({ shape, units, replicas: 3, processes: 3 * units, balancedPools: units, processesPaymentOnly: units + 2 });

// Counted once: every fixture shares the reference systems' structure.
const referenceSystems = referenceStructures();

/** Without retries each cut loses a few checkouts per kill; with one retry none. With payments down, quotes fail only in the monolith. */
function resultWith(options: { readonly retryFailed?: (shape: ShapeName, run: number) => number; readonly quotesFailed?: (shape: ShapeName) => number } = {}): Result {
  const retryFailed = options.retryFailed ?? (() => 0);
  const quotesFailed = options.quotesFailed ?? ((shape: ShapeName) => (shape === 'monolith' ? 100 : 0));
  return {
    rows: cuts.flatMap((shape, index) => runs.flatMap((run) => [killRun(shape, 'no retries', run, 2 * index + run), killRun(shape, 'retry once', run, retryFailed(shape, run))])),
    outages: cuts.flatMap((shape) => runs.flatMap((run) => [outage(shape, 'checkout', run, 100), outage(shape, 'quote', run, quotesFailed(shape))])),
    processCounts: [processCount('monolith', 1), processCount('microservices', 3), processCount('nanoservices', 6)],
    replicas: 3,
    runs: runs.length,
    answersMatch: true,
    referenceSystems,
  };
}

const result = resultWith();
const params = { killAfter: 0.3 };

describe('cutFigures', () => {
  it('gives each cut its failed checkouts per kill as an interval over its own runs', () => {
    expect(cutFigures(result, 'microservices').killFailedWithoutRetry).toMatchObject({ estimate: 5, runs: 5 });
    expect(cutFigures(result, 'nanoservices').killFailedWithoutRetry).toMatchObject({ estimate: 7, runs: 5 });
    expect(cutFigures(result, 'monolith').killFailedWithRetry).toEqual({ estimate: 0, low: 0, high: 0, runs: 5 });
  });

  it('gives the share of quotes and checkouts that failed with payments down', () => {
    expect(cutFigures(result, 'monolith')).toMatchObject({ outageQuotesFailed: { estimate: 1 }, outageCheckoutsFailed: { estimate: 1 }, processes: 3 });
    expect(cutFigures(result, 'microservices')).toMatchObject({ outageQuotesFailed: { estimate: 0, high: 0 }, processes: 9 });
  });

  it('has no interval below five runs', () => {
    const fewer = { ...result, rows: result.rows.filter((row) => row.run < 5), outages: result.outages.filter((row) => row.run < 5) };
    expect(cutFigures(fewer, 'monolith').killFailedWithRetry).toBeNull();
  });
});

describe('isolatesPayments', () => {
  it('is true only where quotes kept answering while payments were down', () => {
    expect(cuts.map((shape) => isolatesPayments(cutFigures(result, shape)))).toEqual([false, true, true]);
  });

  it('is false when one quote in a hundred failed in most runs', () => {
    expect(isolatesPayments(cutFigures(resultWith({ quotesFailed: () => 1 }), 'microservices'))).toBe(false);
  });
});

describe('findingFor and verdictFor', () => {
  it('is misattributed when every cut survives a replica kill with one retry, and names what splitting buys instead', () => {
    expect(findingFor(result).shownBy).toEqual({ monolith: true, microservices: true, nanoservices: true });
    const judgement = verdictFor(result);
    expect(judgement.verdict).toBe('misattributed');
    expect(judgement.because).toBe('every cut survived a replica kill: 0 of 4,500 checkouts failed with one retry. Splitting buys isolation instead: payments down, quotes failed 100% in the monolith, 0% as microservices');
  });

  it('prices the same replicas in processes, microservices over the monolith', () => {
    expect(findingFor(result).cost).toEqual({ what: 'processes for the same replicas', ratio: { estimate: 3, low: 3, high: 3, runs: 1 } });
  });

  it('does not count a cut as surviving when checkouts failed in most runs even with a retry', () => {
    const monolithFails = resultWith({ retryFailed: (shape, run) => (shape === 'monolith' && run > 1 ? 2 : 0) });
    expect(findingFor(monolithFails).shownBy).toEqual({ monolith: false, microservices: true, nanoservices: true });
    expect(verdictFor(monolithFails).because).toBe('only microservices and nanoservices lost no checkout when a replica died, with one retry');
  });

  it('does not hold when the microservices lose checkouts to a replica kill even with a retry', () => {
    const microFails = resultWith({ retryFailed: (shape) => (shape === 'microservices' ? 3 : 0) });
    expect(verdictFor(microFails).verdict).toBe('does-not-hold');
    expect(verdictFor(microFails).because).toBe('as microservices, a median 3 checkouts failed per payments replica killed, even with one retry');
  });

  it('is not judged (pending) when a run cannot account for every request', () => {
    const lost = { ...result, outages: result.outages.map((row, index) => (index === 0 ? { ...row, lost: 2, failed: 98 } : row)) };
    expect(runProblem(lost)).toBe('2 requests were neither answered nor failed');
    expect(verdictFor(lost).verdict).toBe('pending');
    expect(verdictFor({ ...result, answersMatch: false }).verdict).toBe('pending');
    expect(runProblem({ ...result, outages: result.outages.map((row) => ({ ...row, paymentsEjected: false })) })).toMatch(/did not eject/);
    expect(runProblem(result)).toBeNull();
  });
});

describe('pageFigures', () => {
  it('sums each balancer mode over every cut and run', () => {
    const figures = pageFigures({ result, params });
    expect([figures.noRetriesFailed, figures.noRetriesSent]).toEqual([3 * 15 + 5 * 6, 4500]);
    expect([figures.retryFailed, figures.retrySent, figures.retried, figures.lost]).toEqual([0, 4500, 45, 0]);
  });

  it('prints each cut’s intervals, counts as whole numbers and shares as percentages', () => {
    const figures = pageFigures({ result, params });
    expect(figures.monolith).toEqual({ shape: 'monolith', processes: 3, killFailedWithRetry: '0 [0–0]', killFailedWithoutRetry: '3 [1–5]', outageQuotesFailed: '100% [100–100%]', outageCheckoutsFailed: '100% [100–100%]' });
    expect(figures.microservices.outageQuotesFailed).toBe('0% [0–0%]');
    expect(figures.summaryTable.rows).toHaveLength(3);
  });

  it('names the cuts that isolate payments and the ones that do not, and the price in processes', () => {
    const figures = pageFigures({ result, params });
    expect([figures.isolatingCuts, figures.nonIsolatingCuts, figures.processRatio, figures.microservicesPaymentOnlyProcesses]).toEqual(['microservices and nanoservices', 'monolith', '3.00×', 5]);
    const everyCut = pageFigures({ result: resultWith({ quotesFailed: () => 0 }), params });
    expect([everyCut.isolatingCuts, everyCut.nonIsolatingCuts]).toEqual(['monolith, microservices and nanoservices', 'no cut']);
  });

  it('gives the detection range over the runs that ejected a replica, and a dash when none did', () => {
    expect(pageFigures({ result, params }).detectRange).toBe('6–10 ms');
    const neverEjected = { ...result, rows: result.rows.map((row) => ({ ...row, detectMs: null })) };
    expect(pageFigures({ result: neverEjected, params }).detectRange).toBe('–');
  });

  it('draws one bar per cut and kind: the median share failed with payments down, in percent', () => {
    expect(pageFigures({ result, params }).outageBars).toEqual([
      { shape: 'monolith', kind: 'checkout', failedPercent: 100 },
      { shape: 'monolith', kind: 'quote', failedPercent: 100 },
      { shape: 'microservices', kind: 'checkout', failedPercent: 100 },
      { shape: 'microservices', kind: 'quote', failedPercent: 0 },
      { shape: 'nanoservices', kind: 'checkout', failedPercent: 100 },
      { shape: 'nanoservices', kind: 'quote', failedPercent: 0 },
    ]);
  });

  it('writes the kill point as a percentage and whether the fleets answered alike, both ways', () => {
    expect(pageFigures({ result, params }).killAfter).toBe('30%');
    expect(pageFigures({ result, params }).answersMatch).toBe('they did');
    expect(pageFigures({ result: { ...result, answersMatch: false }, params }).answersMatch).toBe('one did not');
  });

  it('throws, naming the cut, when a cut is missing', () => {
    const withoutNano = { ...result, rows: result.rows.filter((row) => row.shape !== 'nanoservices'), outages: result.outages.filter((row) => row.shape !== 'nanoservices') };
    expect(() => pageFigures({ result: withoutNano, params })).toThrow('nanoservices');
  });

  it('reads how far one unit’s crash reaches on each reference system, counted from its file', () => {
    const figures = pageFigures({ result, params });
    // By hand: the checkout's chain waits for everything after it, so as nanoservices an operation survives the crash of any of the
    // operations before it (15 of 30 pairs) and as microservices 11 of 30; Online Boutique's services hold one or two operations each.
    expect(figures.referenceMicroIsolation).toMatch(/chain 37%, Online Boutique.* 79% and .*Alibaba.* 74%$/);
    expect(figures.referenceNanoIsolation).toMatch(/chain 50%, Online Boutique.* 87% and .*Alibaba.* 92%$/);
    expect(figures.referenceMonolithIsolationAtMost).toBe('0%');
    expect(figures.referenceMicroShareOfNano).toMatch(/chain 73%, Online Boutique.* 92% and .*Alibaba.* 80%$/);
    expect(figures.referenceNanoOverMicro).toMatch(/chain 1\.36×, Online Boutique.* 1\.09× and .*Alibaba.* 1\.25×$/);
    expect([figures.isolationThreshold, figures.referenceNotClearlyMoreIsolated]).toEqual(['1.10×', 'Online Boutique: placing an order']);
    expect(figures.referenceMicroOperationsPerUnit).toMatch(/chain 2\.3, Online Boutique.* 1\.6 and .*Alibaba.* 5\.8$/);
  });

  it('finds the whole request surviving a unit’s crash only behind asynchronous calls', () => {
    const figures = pageFigures({ result, params });
    // Only the Alibaba-like tree publishes to queues: its log consumer has a unit of its own as microservices (1 of 24 operations);
    // as nanoservices the two other queue consumers do too (3 of 24). Everything else is waited for.
    expect(figures.referenceEntrySurvivesMicro).toMatch(/chain 0%, Online Boutique.* 0% and .*Alibaba.* 4%$/);
    expect(figures.referenceEntrySurvivesNano).toMatch(/chain 0%, Online Boutique.* 0% and .*Alibaba.* 13%$/);
    expect([figures.referenceEntrySurvivesAtMost, figures.referenceEntrySurvivingSystems]).toEqual(['13%', 'An Alibaba-like call tree']);
  });

  it('maps isolation over each system’s own microservices, the monolith at zero, and tables every cut', () => {
    const map = pageFigures({ result, params }).verdictMap;
    expect(map.threshold).toBe(1.1);
    expect(map.lines.map((line) => line.points.map((point) => Math.round(point.estimate * 100) / 100))).toEqual([
      [1.36, 1, 0],
      [1.09, 1, 0],
      [1.25, 1, 0],
    ]);
    expect(map.markers.map((marker) => Math.round(marker.x * 100) / 100)).toEqual([2, 1.44, 3.43]);
    expect(referenceSystemsTable(result).rows[4]).toEqual({ system: 'Online Boutique: placing an order', cut: 'microservices', units: 9, operationsPerDeploy: '1.6', capabilityIsolation: '79%', entrySurvivesUnitCrash: '0%' });
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures({ result: evidence.result as unknown as Result, params: evidence.params }))).toEqual([]);
  });
});

describe('keyFigure', () => {
  it('gives the checkouts a replica kill cost with one retry over every cut, then the isolation the because-sentence names', () => {
    expect(keyFigure(result)).toBe('with one retry 0 of 4,500 checkouts failed when one of 3 payments replicas died, in every cut; payments down, quotes failed 100% in the monolith, 0% as microservices');
  });

  it('names the cuts that survived, or the microservices’ losses, as the verdict does', () => {
    const monolithFails = resultWith({ retryFailed: (shape, run) => (shape === 'monolith' && run > 1 ? 2 : 0) });
    expect(keyFigure(monolithFails)).toMatch(/^only the microservices and nanoservices lost no checkout when one of 3 payments replicas died, with one retry; /);
    const microFails = resultWith({ retryFailed: (shape) => (shape === 'microservices' ? 3 : 0) });
    expect(keyFigure(microFails)).toMatch(/^as microservices a median 3 checkouts failed per payments replica killed \(of 3\), even with one retry; /);
  });

  it('is null for a run that cannot be judged or measured nothing', () => {
    expect(keyFigure({ ...result, answersMatch: false })).toBeNull();
    expect(keyFigure({ ...result, rows: [], outages: [] })).toBeNull();
  });
});
