import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-chaining.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { theilSenSlope } from '../lab/measure/stats.ts';
import { canonicalHopCost } from '../lab/report/canonical.ts';
import { formatRatioInterval, formatUsInterval } from '../lab/report/format.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { chainCost, hopShare, keyFigure, pageFigures, perHopCosts, referenceSystemsTable, verdictFor, type ChainingRow, type PerHopCost, type Result } from './report.ts';

// Five runs per row, spread around the row's p50, so that per-run figures differ.
const spread = [0.98, 1.01, 1, 0.99, 1.02];
const row = (transport: ChainingRow['transport'], shape: ChainingRow['shape'], chainLength: number, p50Us: number, requestsPerSecond: number): ChainingRow => ({
  transport,
  shape,
  chainLength,
  units: shape === 'nanoservices' ? chainLength : 1,
  networkCalls: shape === 'nanoservices' ? chainLength : 1,
  p50Us,
  p99Us: p50Us * 3,
  requestsPerSecond,
  runsP50Us: spread.map((factor) => p50Us * factor),
});

const hopOf = (transport: PerHopCost['transport'], perHopUs: number, ratioToRawHttp: number | null): PerHopCost => ({
  transport,
  perHopUs,
  interval: { estimate: perHopUs, low: perHopUs - 5, high: perHopUs + 6, runs: 5 },
  runSlopesUs: [perHopUs - 5, perHopUs, perHopUs + 6, perHopUs - 1, perHopUs + 2],
  ratioToRawHttp,
  ratioToRawHttpInterval: ratioToRawHttp === null ? null : { estimate: ratioToRawHttp, low: ratioToRawHttp - 0.05, high: ratioToRawHttp + 0.04, runs: 5 },
});

const summary = (p50Us: number) => ({ iterations: 100, p50Us, p90Us: p50Us + 5, p99Us: p50Us + 50, meanUs: p50Us + 2, maxUs: p50Us + 500 });

// Every figure differs between transports and shapes, so a figure read from the wrong row shows.
const result: Result = {
  rows: [
    row('http', 'monolith', 1, 98.2, 6100),
    row('http', 'microservices', 1, 99.4, 6200),
    row('http', 'nanoservices', 1, 97.1, 6300),
    row('http', 'monolith', 2, 160, 5000),
    row('http', 'microservices', 2, 170, 4500),
    row('http', 'nanoservices', 2, 290, 3000),
    row('memory', 'monolith', 1, 70, 9500),
    row('memory', 'monolith', 2, 80, 9000),
    row('memory', 'nanoservices', 2, 130, 7000),
  ],
  perHop: [hopOf('memory', 50, null), hopOf('http', 130, 1.39)],
  inProcessCheckout: summary(55.2),
  rawHttpRoundTrip: summary(93.5),
  rawHttpRunsP50Us: [93, 94, 93.5, 92, 95],
  identicalResults: true,
  referenceSystems: referenceStructures(),
};

describe('hopShare', () => {
  it('reads the ratio to the raw round trip in three bands, bounds included in the lower one', () => {
    expect(hopShare(1.25)).toBe('almost all of a hop is the platform, not the framework');
    expect(hopShare(1.26)).toBe('most of a hop is the platform’s own round trip, and Hono and the lab add the rest');
    expect(hopShare(1.6)).toBe('most of a hop is the platform’s own round trip, and Hono and the lab add the rest');
    expect(hopShare(1.61)).toBe('the framework and the lab add a large share on top of the platform');
  });

  it('says there is nothing to compare with when no raw round trip was measured', () => {
    expect(hopShare(null)).toBe('no plain node:http round trip was measured to compare it with');
  });
});

describe('pageFigures', () => {
  it('quotes the HTTP hop, not the memory one, next to the platform’s round trip and the in-process checkout', () => {
    const figures = pageFigures(result);
    expect(figures.httpPerHop).toBe('130 µs');
    expect(figures.inProcessCheckout).toBe('55.2 µs');
    expect(figures.rawHttpRoundTrip).toBe('93.5 µs');
    expect(figures.hopToRawHttp).toBe('1.39×');
    expect(figures.hopShare).toBe(hopShare(1.39));
    expect(figures.httpPerHopInterval).toBe('130 µs [125–136 µs]');
    expect(figures.hopToRawHttpInterval).toBe('1.39× [1.34–1.43×]');
    expect(figures.memoryPerHopInterval).toBe('50 µs [45–56 µs]');
    expect(figures.processPerHopInterval).toBe('–');
    expect(figures.workPerFunction).toBe('9.2 µs');
    expect(figures.hopOverWork).toBe('14.1×');
    expect(figures.runs).toBe(5);
  });

  it('prices the longest HTTP chain against the monolith, one ratio per run', () => {
    // 290 against 160 at two functions, the same spread in every run: 1.81× in each.
    expect(pageFigures(result).chainCostInterval).toBe('1.81× [1.81–1.81×]');
  });

  it('compares the nanoservices with the monolith over HTTP at the longest chain', () => {
    const figures = pageFigures(result);
    expect(figures.longestChain).toBe(2);
    expect(figures.httpNanoservicesP50).toBe('290 µs');
    expect(figures.httpMonolithP50).toBe('160 µs');
    expect(figures.httpNanoservicesPerSecond).toBe(3000);
    expect(figures.httpMonolithPerSecond).toBe(5000);
  });

  it('lists the HTTP latencies at one function as the noise', () => {
    expect(pageFigures(result).httpNoise).toBe('98.2 µs, 99.4 µs, 97.1 µs');
  });

  it('says whether every shape returned the in-process receipt', () => {
    expect(pageFigures(result).identicalResults).toBe('checked on every run');
    expect(pageFigures({ ...result, identicalResults: false }).identicalResults).toBe('this run found a difference');
  });

  it('shows a dash for a raw round trip that was not measured', () => {
    const figures = pageFigures({ ...result, rawHttpRoundTrip: null, perHop: [hopOf('http', 130, null)] });
    expect(figures.rawHttpRoundTrip).toBe('–');
    expect(figures.hopToRawHttp).toBe('–');
    expect(figures.hopToRawHttpInterval).toBe('–');
  });

  it('throws, naming what it looked for, without an HTTP hop or an HTTP row at the longest chain', () => {
    expect(() => pageFigures({ ...result, perHop: result.perHop.filter((hop) => hop.transport !== 'http') })).toThrow('expected one row with {"transport":"http"}, found 0');
    expect(() => pageFigures({ ...result, rows: [...result.rows, row('memory', 'monolith', 3, 90, 8000)] })).toThrow('"chainLength":3');
  });

  it('counts the hops a request pays in each cut of each reference system, and prices them at the HTTP hop', () => {
    const { reference, verdictMap } = pageFigures(result);
    // Counted from the files: the checkout's chain of 6; Online Boutique's 22 calls, all across units already in its microservices;
    // the Alibaba-like tree's 26 calls, 9 of which cross its 7 subtree services.
    expect(reference.networkCalls.monolith).toMatch(/checkout.* 1, Online Boutique.* 1 and .*Alibaba.* 1$/);
    expect(reference.networkCalls.microservices).toMatch(/checkout.* 3, Online Boutique.* 23 and .*Alibaba.* 10$/);
    expect(reference.networkCalls.nanoservices).toMatch(/checkout.* 6, Online Boutique.* 23 and .*Alibaba.* 27$/);
    // (calls − 1) × 130 µs [125–136 µs]: 2 and 5 hops on the checkout, 22 on Online Boutique, 9 and 26 on the tree.
    expect(reference.addedNetworkTime.microservices).toMatch(/checkout.* 260 µs \[250–272 µs\], Online Boutique.* 2,860 µs \[2,750 µs–2,992 µs\] and .*Alibaba.* 1,170 µs \[1,125 µs–1,224 µs\]$/);
    expect(reference.addedNetworkTime.nanoservices).toMatch(/checkout.* 650 µs \[625–680 µs\], Online Boutique.* 2,860 µs .* and .*Alibaba.* 3,380 µs \[3,250 µs–3,536 µs\]$/);
    expect(reference.callsOverMicroservices).toMatch(/checkout.* 2\.00×, Online Boutique.* 1\.00× and .*Alibaba.* 2\.70×$/);
    expect(reference.noExtraHops).toBe('Online Boutique: placing an order');
    expect(verdictMap.threshold).toBe(1.1);
    expect(verdictMap.lines.map((line) => line.points.map((point) => Math.round(point.estimate * 100) / 100))).toEqual([
      [2, 1, 0.33],
      [1, 1, 0.04],
      [2.7, 1, 0.1],
    ]);
  });

  it('tabulates every reference cut with its hops and what they add, none for a monolith', () => {
    const table = referenceSystemsTable(result);
    expect(table.rows).toHaveLength(9);
    expect(table.rows[0]).toMatchObject({ cut: 'monolith', networkCallsPerRequest: 1, addedNetworkTime: '0 µs' });
    expect(table.rows[7]).toEqual({ system: 'An Alibaba-like call tree', cut: 'microservices', units: 7, networkCallsPerRequest: 10, operationsPerDeploy: '5.8', addedNetworkTime: '1,170 µs [1,125 µs–1,224 µs]' });
    expect(table.columns.at(-1)?.label).toContain('(calls − 1) × 130 µs');
  });

  it('finds every figure in the committed evidence', () => {
    const figures = pageFigures(evidence.result as Result);
    expect(missingFigures(figures)).toEqual([]);
    // Formatted, a figure the run lacks reads as an en dash alone, and a broken one as NaN or undefined.
    expect(Object.entries(figures).filter(([, value]) => value === '–')).toEqual([]);
    expect(JSON.stringify(figures)).not.toMatch(/NaN|undefined/);
  });
});

describe('theilSenSlope', () => {
  it('takes the median of the pairwise slopes, so one noisy chain length does not move it', () => {
    const clean = [0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 118 * x }));
    expect(theilSenSlope(clean)).toBe(118);
    // Chain-5 (x = 4) ran slow: a least-squares line would bend towards it; the median of slopes barely moves.
    const noisy = clean.map((point) => (point.x === 4 ? { ...point, y: point.y + 600 } : point));
    expect(theilSenSlope(noisy)).toBeGreaterThan(117);
    expect(theilSenSlope(noisy)).toBeLessThan(125);
  });

  it('needs two points with different x', () => {
    expect(() => theilSenSlope([{ x: 1, y: 2 }, { x: 1, y: 3 }])).toThrow('two points with different x');
  });
});

describe('perHopCosts and canonicalHopCost', () => {
  // Run r adds 100 + r µs per extra call over HTTP; chain-3 of run 0 ran 400 µs slow.
  const runsRow = (shape: ChainingRow['shape'], chainLength: number, runs: number[]): ChainingRow => ({ ...row('http', shape, chainLength, runs[2] as number, 1), runsP50Us: runs });
  const rows = [1, 2, 3, 4].flatMap((length) => [
    runsRow('monolith', length, [200, 200, 200, 200, 200]),
    runsRow('nanoservices', length, [0, 1, 2, 3, 4].map((r) => 200 + (100 + r) * (length - 1) + (length === 3 && r === 0 ? 400 : 0))),
  ]);

  it('fits one slope per run over the chain lengths and gives their median with an interval', () => {
    const [hop] = perHopCosts(rows, [100, 100, 100, 100, 100]);
    expect(hop?.runSlopesUs).toEqual([100, 101, 102, 103, 104]);
    expect(hop?.perHopUs).toBe(102);
    expect(hop?.interval.runs).toBe(5);
    expect(hop?.ratioToRawHttp).toBe(1.02);
  });

  it('leaves out a transport measured at one chain length only, and the raw ratio without raw runs', () => {
    expect(perHopCosts(rows.filter((r) => r.chainLength === 2), null)).toEqual([]);
    expect(perHopCosts(rows, null)[0]?.ratioToRawHttpInterval).toBeNull();
  });

  it('is the interval of the HTTP hop, and of the process hop where it ran', () => {
    expect(canonicalHopCost(result)).toEqual({ http: hopOf('http', 130, 1.39).interval });
    expect(canonicalHopCost({ ...result, perHop: [...result.perHop, hopOf('process', 600, null)] }).process?.estimate).toBe(600);
    expect(() => canonicalHopCost({ ...result, perHop: [hopOf('memory', 50, null)] })).toThrow('has no HTTP hop');
  });

  it('chainCost reads the longest HTTP chain', () => {
    expect(chainCost(result)).toMatchObject({ transport: 'http', chainLength: 2 });
  });
});

describe('formatUsInterval and formatRatioInterval', () => {
  it('print the estimate exactly as formatUs and formatRatio do, then the bounds', () => {
    expect(formatUsInterval({ estimate: 117.94, low: 110.2, high: 125.6, runs: 5 })).toBe('118 µs [110–126 µs]');
    expect(formatUsInterval({ estimate: 41.27, low: 40.1, high: 43, runs: 5 })).toBe('41.3 µs [40.1–43.0 µs]');
    expect(formatUsInterval({ estimate: 980, low: 900, high: 1204, runs: 5 })).toBe('980 µs [900 µs–1,204 µs]');
    expect(formatRatioInterval({ estimate: 2.054, low: 1.98, high: 2.11, runs: 5 })).toBe('2.05× [1.98–2.11×]');
  });
});

describe('verdictFor', () => {
  it('is misattributed when every cut returns the same receipt, pricing the HTTP hop against a function’s work', () => {
    const judgement = verdictFor(result);
    expect(judgement.verdict).toBe('misattributed');
    expect(judgement.because).toBe('every cut composed the six functions into the same receipt; as nanoservices each link is an HTTP hop of 130 µs, 14.1× a function’s work');
  });

  it('does not hold when a chained cut returns another receipt', () => {
    expect(verdictFor({ ...result, identicalResults: false }).verdict).toBe('does-not-hold');
  });
});

describe('keyFigure', () => {
  it('quotes the HTTP hop with its interval against a function’s work, as the verdict does', () => {
    expect(keyFigure(result)).toBe('130 µs [125–136 µs] per HTTP hop, 14.1× a function’s work');
  });

  it('falls back to the hop that was measured, and says when a chained cut returned another receipt', () => {
    expect(keyFigure({ ...result, perHop: [hopOf('memory', 50, null)] })).toBe('50 µs [45–56 µs] per in-memory hop, 5.43× a function’s work');
    expect(keyFigure({ ...result, identicalResults: false })).toBe('a chained cut returned another receipt; 130 µs [125–136 µs] per HTTP hop, 14.1× a function’s work');
  });

  it('is null for a run that priced no hop', () => {
    expect(keyFigure({ ...result, perHop: [] })).toBeNull();
  });
});
