import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-anti-pattern.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { breakEvenOf, findBreakEvens, keyFigure, pageFigures, perHopOverWork, verdictFor, verdictLine, verdictMapOf, type AntiPatternRow, type Result, type WorkKind } from './report.ts';

const runs = [0, 1, 2, 3, 4];
// One hop costs `hopUs` plus a little per run; the monolith does the chain's work, the chain adds hops.
const row = (transport: AntiPatternRow['transport'], kind: WorkKind, chainLength: number, workUs: number, hopUs: number, cpuHopUs: number | null = null): AntiPatternRow => {
  const mono = runs.map((run) => 100 + chainLength * workUs + run);
  const nano = runs.map((run, i) => (mono[i] as number) + (hopUs + run) * (chainLength - 1));
  const monoCpu = runs.map((run) => (cpuHopUs === null ? null : 50 + chainLength * (kind === 'cpu' ? workUs : 0) + run));
  const nanoCpu = runs.map((run, i) => (cpuHopUs === null ? null : (monoCpu[i] as number) + cpuHopUs * (chainLength - 1)));
  return {
    transport,
    kind,
    chainLength,
    chain: `${chainLength} functions`,
    workUs,
    iterations: 20,
    monolithP50Us: mono[2] as number,
    nanoservicesP50Us: nano[2] as number,
    overheadUs: (hopUs + 2) * (chainLength - 1),
    overheadSharePercent: chainLength === 1 ? (kind === 'cpu' ? 0.3 : -0.2) : 40 - workUs / 100,
    perHopUs: chainLength > 1 ? hopUs + 2 : null,
    monolithCpuUs: monoCpu[2] ?? null,
    nanoservicesCpuUs: nanoCpu[2] ?? null,
    cpuPerHopUs: cpuHopUs === null || chainLength === 1 ? null : cpuHopUs,
    workRunsMonolith: chainLength,
    workRunsNanoservices: chainLength,
    runsMonolithP50Us: mono,
    runsNanoservicesP50Us: nano,
    runsMonolithCpuUs: monoCpu,
    runsNanoservicesCpuUs: nanoCpu,
    identical: true,
  };
};

const rows: AntiPatternRow[] = [
  ...[0, 100, 1000].flatMap((workUs) => [1, 3].map((length) => row('http', 'cpu', length, workUs, 118, 70))),
  ...[1000].flatMap((workUs) => [1, 3].map((length) => row('http', 'wait', length, workUs, 118, 70))),
  ...[0, 100].flatMap((workUs) => [1, 3].map((length) => row('memory', 'cpu', length, workUs, 38))),
];
const workCheck: Result['workCheck'] = [
  { kind: 'cpu', workUs: 0, measuredP50Us: 0.2 },
  { kind: 'cpu', workUs: 100, measuredP50Us: 101 },
  { kind: 'cpu', workUs: 1000, measuredP50Us: 1001 },
  { kind: 'wait', workUs: 1000, measuredP50Us: 1090 },
];
const marker = (label: string, x: number) => ({ label, x, source: 'test' });
// The real functions work 10 µs each (60 µs for six).
const result: Result = {
  spinPerUs: 600,
  workCheck,
  inProcessCheckout: { iterations: 100, p50Us: 60, p90Us: 70, p99Us: 80, meanUs: 65, maxUs: 90 },
  rows,
  breakEvens: findBreakEvens(rows.filter((r) => r.kind === 'cpu'), 'perHopUs'),
  cpuBreakEvens: findBreakEvens(rows.filter((r) => r.kind === 'cpu'), 'cpuPerHopUs'),
  perHop: perHopOverWork(rows, workCheck, 10),
  workMarkers: [marker('Online Boutique', 40), marker('Alibaba: median call 1 ms', 1000), marker('Dean & Barroso leaf', 10_000)],
  runs: 5,
  identicalResults: true,
};

describe('perHopOverWork', () => {
  it('fits one slope per run over the chain lengths and divides it by the work of one call', () => {
    const real = result.perHop.find((hop) => hop.transport === 'http' && hop.kind === 'cpu' && hop.workUs === 0);
    expect(real?.perHopRunsUs).toEqual([118, 119, 120, 121, 122]);
    expect(real?.workPerCallUs).toBe(10);
    expect(real?.ratio.estimate).toBe(12);
    expect(real?.cpuRatio?.estimate).toBe(7);
  });

  it('counts a wait as work per call but not as CPU: the hop’s CPU is weighed against the function’s own', () => {
    const waiting = result.perHop.find((hop) => hop.kind === 'wait');
    expect(waiting?.workPerCallUs).toBe(1100);
    expect(waiting?.cpuPerCallUs).toBe(10);
    expect(waiting?.ratio.estimate).toBeCloseTo(120 / 1100, 5);
    expect(waiting?.cpuRatio?.estimate).toBe(7);
  });

  it('leaves the CPU figures out without a CPU clock, and cells without a chain of two', () => {
    expect(result.perHop.find((hop) => hop.transport === 'memory')?.cpuRatio).toBeNull();
    expect(perHopOverWork(rows.filter((r) => r.chainLength === 1), workCheck, 10)).toEqual([]);
  });

  it('gives no ratio for work the clock could not time, as in a browser that rounds timers to 100 µs', () => {
    const untimed = perHopOverWork(rows, workCheck, 0);
    expect(untimed.some((hop) => hop.kind === 'cpu' && hop.workUs === 0)).toBe(false);
    expect(untimed.find((hop) => hop.kind === 'wait')?.cpuRatio).toBeNull();
    // The wait itself was timed, so its ratio stands; only the CPU beside it was too small to time.
    expect(untimed.find((hop) => hop.kind === 'wait')?.ratio.estimate).toBeGreaterThan(0);
  });
});

describe('verdictMapOf and breakEvenOf', () => {
  it('draws the ratio across the work per call on log axes, threshold 1, with the run’s markers', () => {
    const map = verdictMapOf(result);
    expect([map.logX, map.logY, map.threshold]).toEqual([true, true, 1]);
    expect(map.lines.find((line) => line.series === verdictLine)?.points.map((point) => point.x)).toEqual([10, 111, 1011]);
    expect(map.lines.map((line) => line.series)).toContain('HTTP hop’s CPU ÷ the call’s CPU, waiting work');
    expect(map.markers).toEqual(result.workMarkers);
  });

  it('finds where the HTTP line crosses 1, and where its interval bounds do', () => {
    const breakEven = breakEvenOf(verdictMapOf(result));
    expect(breakEven.estimateUs).toBeCloseTo(120, 0);
    expect(breakEven.lowUs).toBeLessThan(breakEven.highUs as number);
  });
});

describe('pageFigures', () => {
  it('quotes the break-even, the ratio at the real functions and near 1 ms, and the markers on each side', () => {
    const figures = pageFigures(result);
    expect(figures.httpBreakEven).toBe('120 µs');
    expect(figures.realWorkPerFunction).toBe('10 µs');
    expect(figures.httpRatioAtRealWork).toBe('12.0× [11.8–12.2×]');
    expect(figures.httpPerHopAtRealWork).toBe('120 µs [118–122 µs]');
    expect(figures.nearOneMsWork).toBe('1,011 µs');
    expect(figures.workOutweighsSide).toBe('Alibaba: median call 1 ms and Dean & Barroso leaf');
    expect(figures.antiPatternSide).toBe('Online Boutique');
    expect(figures.runs).toBe(5);
    expect(figures.chainLengths).toBe('1 and 3');
  });

  it('quotes the waiting work by latency and by CPU', () => {
    const figures = pageFigures(result);
    expect(figures.mostWaiting).toBe('1,100 µs');
    expect(figures.httpCpuRatioWaiting).toBe('7.00× [7.00–7.00×]');
    expect(figures.httpPerHopWaiting).toBe('120 µs [118–122 µs]');
  });

  it('lists the noise at one function and the calibration', () => {
    const figures = pageFigures(result);
    expect(figures.httpNoise).toBe('0.3%, 0.3%, 0.3%');
    expect(figures.workCheck).toBe('0 → 0.2, 100 → 101, 1000 → 1001, wait 1000 → 1090');
  });

  it('throws without an HTTP hop at the real functions', () => {
    expect(() => pageFigures({ ...result, perHop: result.perHop.filter((hop) => hop.transport !== 'http') })).toThrow('HTTP hop with the real functions alone');
  });

  it('finds every figure in the committed evidence', () => {
    const figures = pageFigures(evidence.result as Result);
    expect(missingFigures(figures)).toEqual([]);
    expect(JSON.stringify(figures)).not.toMatch(/NaN|undefined/);
  });
});

describe('verdictFor', () => {
  it('is conditional when real systems sit on both sides of the break-even, naming it', () => {
    const judgement = verdictFor(result);
    expect(judgement.verdict).toBe('conditional');
    expect(judgement.because).toBe('over HTTP a hop costs as much as 120 µs of work per call: an anti-pattern below that (1 of 3 marked systems); typical calls (~1 ms) sit above');
  });

  it('does not hold when every marked system sits where the work outweighs the hop, and holds when every one sits below the break-even', () => {
    expect(verdictFor({ ...result, workMarkers: [marker('big', 5000)] }).verdict).toBe('does-not-hold');
    expect(verdictFor({ ...result, workMarkers: [marker('small', 20)] }).verdict).toBe('holds');
  });

  it('refuses a run whose deployments returned another receipt', () => {
    expect(verdictFor({ ...result, identicalResults: false }).verdict).toBe('pending');
  });
});

describe('keyFigure', () => {
  it('quotes the break-even the page shows, with its range, and the hop against the real functions’ work', () => {
    const figures = pageFigures(result);
    expect(keyFigure(result)).toBe(`an HTTP hop costs as much as ${figures.httpBreakEven} of work per call (${figures.httpBreakEvenRange}); with the real functions alone it is ${figures.httpRatioAtRealWork} a call’s work`);
    expect(keyFigure(result)).toMatch(/^an HTTP hop costs as much as 120 µs of work per call \(\d+ µs–\d+ µs\); with the real functions alone it is 12\.0× \[11\.8–12\.2×\] a call’s work$/);
  });

  it('says which side the hop stays on when the line does not cross within the work measured', () => {
    const atRealWorkOnly = { ...result, perHop: result.perHop.filter((hop) => hop.workUs === 0) };
    expect(keyFigure(atRealWorkOnly)).toBe('an HTTP hop outweighed a call’s work at every size measured; with the real functions alone it is 12.0× [11.8–12.2×] a call’s work');
  });

  it('is null without an HTTP hop against CPU work', () => {
    expect(keyFigure({ ...result, perHop: result.perHop.filter((hop) => hop.transport !== 'http') })).toBeNull();
  });
});
