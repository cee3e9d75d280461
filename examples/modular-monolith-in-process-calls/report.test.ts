import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/modular-monolith-in-process-calls.json';
import antiPatternEvidence from '../../evidence/nano-anti-pattern.json';
import { becauseWordLimit, wordCount } from '../lab/experiment/verdict-rule.ts';
import { missingFigures } from '../lab/report/missing-figures.ts';
import { quickSweepSizes, referenceStructures, type SweepCut, type SweepResult } from '../lab/system-run/reference-sweep.ts';
import {
  arithmeticGap,
  compareShapes,
  findingFor,
  keyFigure,
  mapSeries,
  pageFigures,
  referenceSystemsTable,
  summariseRows,
  verdictFor,
  verdictMapOf,
  type ComparedShape,
  type Result,
  type RunRow,
  type WorkRunRow,
} from './report.ts';

const runs = [1, 2, 3, 4, 5];
/** Each run a little off the figure given, so that the intervals have a width. */
const jitter = (run: number) => 1 + (run - 3) * 0.01;

const runRow = (run: number, transport: RunRow['transport'], shape: ComparedShape, p50Us: number, p99Us: number): RunRow => ({
  run,
  transport,
  shape,
  units: shape === 'microservices' ? 3 : 1,
  crossedByFunctionCall: shape === 'modular-monolith' ? 2 : 0,
  crossedOverNetwork: shape === 'microservices' ? 2 : 0,
  networkCalls: shape === 'microservices' ? 3 : 1,
  iterations: 100,
  p50Us: p50Us * jitter(run),
  p90Us: p50Us * jitter(run),
  p99Us: p99Us * jitter(run),
});

/** p50 of the plain monolith, the modular monolith and the microservices per transport; p99 three times p50. */
type Triple = readonly [number, number, number];
const runRowsOf = (byTransport: Partial<Record<RunRow['transport'], Triple>>): RunRow[] =>
  runs.flatMap((run) =>
    Object.entries(byTransport).flatMap(([transport, [mono, modular, micro]]) => [
      runRow(run, transport as RunRow['transport'], 'monolith', mono, mono * 3),
      runRow(run, transport as RunRow['transport'], 'modular-monolith', modular, modular * 3),
      runRow(run, transport as RunRow['transport'], 'microservices', micro, micro * 3),
    ]),
  );
/** The http sweep as the arithmetic predicts it: each shape's own p50 plus three modules' work. */
const workRowsOf = (http: Triple, sizes: readonly number[]): WorkRunRow[] =>
  runs.flatMap((run) =>
    sizes.flatMap((addedWorkUs) =>
      (['monolith', 'modular-monolith', 'microservices'] as const).map((shape, index) => ({ run, addedWorkUs, shape, iterations: 40, p50Us: (http[index] as number) * jitter(run) + 3 * addedWorkUs })),
    ),
  );
const referenceSystems = referenceStructures();
/** One cut of nano-anti-pattern's sweep: its monolith's median and the ratio to it with its interval. */
const sweepCut = (system: string, cut: string, p50Us: number, [estimate, low, high]: readonly [number, number, number]): SweepCut => ({
  system,
  cut,
  units: 1,
  networkCallsPerRequest: 1,
  p50Us,
  p99Us: p50Us * 3,
  p50RatioToMonolith: { estimate, low, high, runs: 10 },
  faults: [],
});
/** About the published sweep: monolith medians of 139 µs, 3.9 ms and 30 ms, and the microservices' ratios to them. */
const sweepOf = (alibabaMicroservices: readonly [number, number, number]): SweepResult => ({
  transport: 'http',
  sizes: quickSweepSizes,
  systems: referenceSystems.systems,
  cuts: [
    sweepCut('checkout', 'monolith', 139, [1, 1, 1]),
    sweepCut('checkout', 'microservices', 251, [1.99, 1.85, 2.19]),
    sweepCut('online-boutique', 'monolith', 3906, [1, 1, 1]),
    sweepCut('online-boutique', 'microservices', 5867, [1.55, 1.35, 1.62]),
    sweepCut('alibaba-tree', 'monolith', 30_441, [1, 1, 1]),
    sweepCut('alibaba-tree', 'microservices', 30_528, alibabaMicroservices),
  ],
});
const sweep = sweepOf([1.06, 0.85, 1.14]);

const made = (byTransport: Partial<Record<RunRow['transport'], Triple>>, sizes: readonly number[] = [100, 1000, 10_000], sameAnswers = true): Result => {
  const runRows = runRowsOf(byTransport);
  return {
    runs: runs.length,
    runRows,
    rows: summariseRows(runRows),
    comparisons: compareShapes(runRows),
    inProcessCheckout: { iterations: 100, p50Us: 54, p90Us: 60, p99Us: 90, meanUs: 56, maxUs: 120 },
    workPerCall: { naturalUs: 18, modules: 3, rows: byTransport.http ? workRowsOf(byTransport.http, sizes) : [] },
    sameAnswers,
    referenceSystems,
  };
};
// About the published run: 370/370/1130 µs between processes, 226/226/464 µs over http.
const base = made({ process: [374, 369, 1130], http: [226, 226, 464] });

describe('compareShapes', () => {
  it('takes one ratio per run and gives each with its 95% interval over the runs', () => {
    const [process, http] = compareShapes(base.runRows);
    expect(process?.transport).toBe('process');
    expect(process?.p50Ratio).toBeCloseTo(1130 / 369, 2);
    expect(process?.intervals.p50Ratio.runs).toBe(5);
    expect(process?.intervals.perNetworkCrossingUs.estimate).toBeCloseTo((1130 - 369) / 2, 0);
    expect(http?.controlRatio).toBe(1);
  });

  it('refuses fewer than five runs', () => {
    expect(() => compareShapes(base.runRows.filter((row) => row.run <= 4))).toThrow('at least 5 independent runs');
  });
});

describe('the verdict map', () => {
  it('measures the http line at the lab’s checkout and at every work size, falling towards 1', () => {
    const http = verdictMapOf(base).lines.find((line) => line.series === mapSeries.http);
    expect(http?.points.map((point) => point.x)).toEqual([18, 118, 1018, 10018]);
    const estimates = http?.points.map((point) => point.estimate) ?? [];
    expect(estimates[0]).toBeCloseTo(464 / 226, 2);
    for (let i = 1; i < estimates.length; i += 1) expect(estimates[i]).toBeLessThan(estimates[i - 1] as number);
  });

  it('draws the process line by arithmetic from its measured runs, past every published figure', () => {
    const process = verdictMapOf(base).lines.find((line) => line.series === mapSeries.process);
    expect(process?.points[0]?.estimate).toBeCloseTo(1130 / 369, 2);
    expect(process?.points.at(-1)?.x).toBeGreaterThan(680_000);
    // (1130 + 3·1000) ÷ (369 + 3·1000)
    expect(process?.points.find((point) => point.x === 1018)?.estimate).toBeCloseTo(4130 / 3369, 2);
  });

  it('says how far the arithmetic lands from the measured http sweep: nowhere, when the sweep follows it', () => {
    expect(arithmeticGap(base)).toBeCloseTo(0, 2);
    expect(arithmeticGap(made({ process: [374, 369, 1130] }))).toBeNull();
  });
});

describe('findingFor and verdictFor', () => {
  it('is conditional: the split is clearly slower at the lab’s checkout, but published work per call falls on both sides of where it stops', () => {
    const finding = findingFor(base);
    expect(finding.shownBy).toEqual({ monolith: true, 'modular-monolith': true, microservices: false });
    // (1130 + 3W) = 1.1 (369 + 3W): W ≈ 2.4 ms per call.
    expect(finding.flipsWithinRealisticRegion).toMatch(/only below about 2\.\d ms of work per service call \(process, arithmetic from its measured hops\); below it: µSuite: sub-ms medians and Alibaba: median call 1 ms; above: /);
    const judged = verdictFor(base);
    expect(judged.verdict).toBe('conditional');
    expect(judged.because).toMatch(/^Split into microservices, the checkout answered 3\.06× slower between processes, yet each hop is a fixed ~381 µs: past ~2\.\d ms of work per call, under 10% slower$/);
    expect(wordCount(judged.because)).toBeLessThanOrEqual(becauseWordLimit);
  });

  it('holds when the hops are so dear that every published figure of work per call falls where the split is clearly slower', () => {
    const dear = made({ process: [374, 369, 400_000], http: [226, 226, 300_000] });
    expect(findingFor(dear).flipsWithinRealisticRegion).toBeUndefined();
    expect(verdictFor(dear).verdict).toBe('holds');
  });

  it('holds with a cost when the modules themselves make the modular monolith clearly slower than a plain monolith', () => {
    const dear = made({ process: [200, 300, 400_000], http: [150, 200, 300_000] });
    expect(verdictFor(dear).verdict).toBe('holds-with-cost');
  });

  it('does not hold when the split is within 10% on a transport, and says so of the plain monolith too', () => {
    const close = made({ process: [374, 369, 390], http: [226, 226, 464] });
    expect(findingFor(close).shownBy).toEqual({ monolith: false, 'modular-monolith': false, microservices: false });
    expect(verdictFor(close).verdict).toBe('does-not-hold');
  });

  it('refuses to judge shapes that answered differently, or a run without all three shapes', () => {
    expect(() => findingFor(made({ process: [374, 369, 1130], http: [226, 226, 464] }, [100], false))).toThrow('their times do not compare');
    expect(() => findingFor({ ...base, comparisons: [] })).toThrow('no transport measured all three shapes');
  });
});

describe('keyFigure', () => {
  it('names the ratio, the medians and the network calls, process transport first', () => {
    expect(keyFigure(base)).toBe('microservices 3.06× slower per checkout with a process per unit (p50 1130 vs 369 µs), 3 network calls vs 1');
    expect(keyFigure({ ...base, comparisons: [] })).toBeNull();
  });
});

describe('pageFigures', () => {
  it('reads each transport from its own comparison, each ratio with its interval', () => {
    const figures = pageFigures(base, sweep);
    expect(figures.process.p50Ratio).toMatch(/^3\.06× \[3\.0\d–3\.0\d×\]$/);
    expect(figures.process.microservicesP50).toBe('1,130 µs');
    expect(figures.process.controlRatio).toMatch(/^0\.99× \[/);
    expect(figures.http.p50Ratio).toMatch(/^2\.05× \[/);
    expect(figures.http.perNetworkCrossing).toMatch(/^119 µs \[/);
    expect(figures.inProcessCheckoutP50).toBe('54 µs');
    expect(figures.naturalWorkPerCall).toBe('18 µs');
    expect(figures.threshold).toEqual({ ratio: '1.10×', percent: '10%' });
    expect(figures.runs).toBe(5);
  });

  it('counts the boundaries and network calls of the modular monolith and of the microservices, not of the control', () => {
    const figures = pageFigures(base, sweep);
    expect([figures.modularCrossedByFunctionCall, figures.microservicesCrossedOverNetwork, figures.modularNetworkCalls, figures.microservicesNetworkCalls]).toEqual([2, 2, 1, 3]);
    expect(figures.latencyBars).toHaveLength(6);
  });

  it('says the split was slower everywhere, and the plain monolith as fast, only when every transport’s interval says so', () => {
    expect(pageFigures(base, sweep).slowerEverywhere).toMatch(/^The microservices were more than 10% slower on both transports/);
    expect(pageFigures(base, sweep).monolithToo).toBe('So was the plain monolith: every in-process cut shares the benefit.');
    const close = made({ process: [374, 369, 1130], http: [226, 226, 240] });
    expect(pageFigures(close, sweep).slowerEverywhere).toBe('The microservices were not clearly more than 10% slower on every transport.');
  });

  it('says where each line crosses, which published figures fall on each side, and the work sizes of the sweep', () => {
    const figures = pageFigures(base, sweep);
    expect(figures.crossesAt.process).toMatch(/^about 2\.\d ms$/);
    expect(figures.crossesAt.http).toMatch(/^about \d+ µs$/);
    expect(figures.markers.above).toBe('µSuite: sub-ms medians and Alibaba: median call 1 ms');
    expect(figures.markers.below).toBe('Dean & Barroso: typical leaf 10 ms and Azure Functions: median execution 0.68 s');
    expect(figures.workSizes).toBe('100 µs, 1 ms and 10 ms');
    expect(figures.arithmeticGap).toBe('under 1%');
  });

  it('says a hop outweighed the work only when every transport’s hop cost more than the whole checkout in one call stack', () => {
    expect(pageFigures(base, sweep).hopOutweighsWork).toBe('On every transport one hop cost more than the whole checkout’s work.');
    expect(pageFigures({ ...base, inProcessCheckout: { ...base.inProcessCheckout, p50Us: 200 } }, sweep).hopOutweighsWork).toBe('One hop did not always cost more than the whole checkout’s work.');
  });

  it('throws, naming the row, for a run without the process transport', () => {
    expect(() => pageFigures(made({ http: [226, 226, 464] }), sweep)).toThrow('{"transport":"process","shape":"modular-monolith"}');
  });

  it('counts each reference system’s calls per cut, and places each by its work per call against the map’s flip', () => {
    const { reference } = pageFigures(base, sweep);
    // Counted from the files: the checkout's chain of 6 splits into 3 services; Online Boutique's 9 services put
    // all 22 of its calls on the network already; the Alibaba-like tree's 7 subtree services keep 17 of its 26 in process.
    expect(reference.networkCalls.monolith).toMatch(/checkout.* 1, Online Boutique.* 1 and .*Alibaba.* 1$/);
    expect(reference.networkCalls.microservices).toMatch(/checkout.* 3, Online Boutique.* 23 and .*Alibaba.* 10$/);
    expect(reference.networkCalls.nanoservices).toMatch(/checkout.* 6, Online Boutique.* 23 and .*Alibaba.* 27$/);
    expect(reference.microservicesInProcessCalls).toMatch(/checkout.* 3, Online Boutique.* 0 and .*Alibaba.* 17$/);
    expect(reference.microservicesRatios).toMatch(/checkout.* 1\.99× \[1\.85–2\.19×\], Online Boutique.* 1\.55× \[1\.35–1\.62×\] and .*Alibaba.* 1\.06× \[0\.85–1\.14×\]$/);
    // 139 µs ÷ 3 calls, 3,906 µs ÷ 23 and 30,441 µs ÷ 10.
    expect(reference.workPerCall).toMatch(/checkout.* 46 µs, Online Boutique.* 170 µs and .*Alibaba.* 3 ms$/);
    // The fixture's http line crosses 1.1× near 740 µs, its process line near 2.4 ms: the tree lies past both.
    expect(reference.httpSides).toEqual({ above: expect.stringMatching(/^The lab's checkout.* and Online Boutique: placing an order$/), below: 'An Alibaba-like call tree' });
    expect(reference.processSides.below).toBe('An Alibaba-like call tree');
    expect(reference.clearlySlower).toMatch(/^The lab's checkout.* and Online Boutique: placing an order$/);
    expect(reference.notClearlySlower).toBe('An Alibaba-like call tree');
    expect(reference.agreesWithFlip).toMatch(/^On every system/);
    expect(reference.sweepTransport).toBe('http');
  });

  it('names a system whose measured price lies on the other side of the flip than its work per call predicts', () => {
    const { reference } = pageFigures(base, sweepOf([1.3, 1.2, 1.4]));
    expect(reference.notClearlySlower).toBe('none');
    expect(reference.agreesWithFlip).toBe('Not every system’s measured price lies on the side of the http flip its work per call predicts: An Alibaba-like call tree.');
  });

  it('tabulates every reference cut with its calls over the network and in process, and its measured ratio where the sweep has the cut', () => {
    const table = referenceSystemsTable(base, sweep);
    expect(table.rows).toHaveLength(9);
    expect(table.rows[4]).toEqual({ system: 'Online Boutique: placing an order', cut: 'microservices', units: 9, networkCalls: 23, inProcessCalls: 0, p50Ratio: '1.55× [1.35–1.62×]' });
    expect(table.rows[6]).toMatchObject({ cut: 'monolith', networkCalls: 1, inProcessCalls: 26 });
    expect(table.rows[8]).toMatchObject({ cut: 'nanoservices', networkCalls: 27, inProcessCalls: 0, p50Ratio: '–' });
  });

  it('reads every figure from the committed evidence, none missing', () => {
    expect(missingFigures(pageFigures(evidence.result as unknown as Result, antiPatternEvidence.result.systems as SweepResult))).toEqual([]);
  });
});
