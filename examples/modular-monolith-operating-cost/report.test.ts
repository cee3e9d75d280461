import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/modular-monolith-operating-cost.json';
import { becauseWordLimit, wordCount } from '../lab/experiment/verdict-rule.ts';
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import {
  costRatios,
  findingFor,
  floorPerProcessMiB,
  keyFigure,
  memoryCrossingMiB,
  memoryMapOf,
  ownMemoryPerModuleMiB,
  pageFigures,
  referenceSystemsTable,
  summariseRuns,
  verdictFor,
  type ComparedShape,
  type Result,
  type RunCost,
  type ShapeCost,
  type UnitCost,
} from './report.ts';

const unit = (shape: ComparedShape, name: string, rssMiB: number, pssMiB: number, ussMiB: number, cpuMs: number): UnitCost => ({
  shape,
  unit: name,
  rssKiB: rssMiB * 1024,
  pssKiB: pssMiB * 1024,
  ussKiB: ussMiB * 1024,
  cpuMs,
});

/** The microservices of one run: three processes of `pssMiB` each, cart the busiest. */
const micro = (pssMiB: number, overrides: Partial<ShapeCost> = {}): ShapeCost => ({
  shape: 'microservices',
  plannedUnits: 3,
  processes: 3,
  units: [unit('microservices', 'cart', 80, pssMiB, 50, 1600), unit('microservices', 'billing', 70, pssMiB, 40, 1200), unit('microservices', 'receipts', 65, pssMiB, 30, 800)],
  networkCallsPerCheckout: 3,
  checkouts: 8000,
  wrongAnswers: 0,
  throughputPerRound: [1000, 1500, 1200],
  ...overrides,
});
const mono = (pssMiB: number): ShapeCost => ({
  shape: 'modular-monolith',
  plannedUnits: 1,
  processes: 1,
  units: [unit('modular-monolith', 'checkout', 100, pssMiB, 70, 1200)],
  networkCallsPerCheckout: 1,
  checkouts: 8000,
  wrongAnswers: 0,
  throughputPerRound: [3000, 5000, 4000],
});
/** Five runs; the microservices come first, so that a figure read from the wrong shape would show. */
const runs = (microPssMiB: number, monoPssMiB: number, overrides: Partial<ShapeCost> = {}): RunCost[] =>
  [0, 1, 2, 3, 4].map((index) => ({ run: index + 1, shapes: [micro(microPssMiB + index, overrides), mono(monoPssMiB + index)] }));
// About the published run: three processes of ~85 MiB against one of ~99 MiB.
const result = (measured: RunCost[]): Result => ({ runs: measured, shapes: summariseRuns(measured), rounds: 3, checkoutsPerRound: 2000, concurrency: 8, warmup: 500, referenceSystems: referenceStructures() });
const base = result(runs(85, 99));

describe('summariseRuns', () => {
  it('gives each shape once: each unit’s memory the median of the runs, CPU, checkouts and rounds over all of them', () => {
    const [microSummary, monoSummary] = base.shapes;
    expect(microSummary?.units.map((u) => [u.unit, u.pssKiB / 1024, u.cpuMs])).toEqual([['cart', 87, 8000], ['billing', 87, 6000], ['receipts', 87, 4000]]);
    expect(monoSummary).toMatchObject({ shape: 'modular-monolith', processes: 1, checkouts: 40000, wrongAnswers: 0 });
    expect(monoSummary?.throughputPerRound).toHaveLength(15);
  });
});

describe('costRatios', () => {
  it('takes one ratio per run, microservices over the modular monolith, and a process count', () => {
    const ratios = costRatios(base);
    expect(ratios.processes).toBe(3);
    expect(ratios.pss.runs).toBe(5);
    expect(ratios.pss.estimate).toBeCloseTo((3 * 87) / 101, 2);
    expect(ratios.cpu.estimate).toBe(3);
  });

  it('refuses fewer than five runs', () => {
    expect(() => costRatios(result(base.runs.slice(0, 4)))).toThrow('at least 5 independent runs');
  });
});

describe('the memory map (arithmetic from the measured parts)', () => {
  it('starts at the measured ratio and falls towards 1 as each module holds more of its own', () => {
    const [line] = memoryMapOf(base).lines;
    const estimates = line?.points.map((point) => point.estimate) ?? [];
    expect(estimates[0]).toBeCloseTo(costRatios(base).pss.estimate, 2);
    for (let i = 1; i < estimates.length; i += 1) expect(estimates[i]).toBeLessThan(estimates[i - 1] as number);
    expect(estimates.at(-1)).toBeLessThan(1.05);
    expect(line?.points.map((point) => point.x)).toEqual(ownMemoryPerModuleMiB.map((own) => Math.round((floorPerProcessMiB(base) + own) * 10) / 10));
  });

  it('crosses 1.25× where (3·85 + 3M) = 1.25·(99 + 3M), and the rule’s 1.1× further out', () => {
    // The median run: 87 MiB per process, 101 MiB for the modular monolith: M = (261 − 126.25) / 0.75 ≈ 180 MiB of its own.
    const crossing = memoryCrossingMiB(base) as number;
    expect(crossing).toBeGreaterThan(87 + 160);
    expect(crossing).toBeLessThan(87 + 200);
    expect(memoryCrossingMiB(base, 1.1) as number).toBeGreaterThan(crossing);
    expect(memoryMapOf(base).markers.map((marker) => Math.round(marker.x))).toEqual([162, 382]);
  });
});

describe('findingFor and verdictFor', () => {
  it('is conditional when Azure Functions’ median app falls where the saving exceeds 1.25× and its 90th percentile where it does not', () => {
    const finding = findingFor(base);
    expect(finding.shownBy).toEqual({ 'modular-monolith': true, microservices: false });
    expect(finding.flipsWithinRealisticRegion).toMatch(/under about 2\d\d MiB; below it: Azure Functions’ median app \(170 MB\); above: Azure Functions’ 90th-percentile app \(400 MB\)$/);
    const judged = verdictFor(base);
    expect(judged.verdict).toBe('conditional');
    expect(judged.because).toMatch(/^the microservices' 3 processes held 2\.\d\d× the modular monolith's memory, mostly Node's floor \(87 MiB each\); past 2\d\d MiB per service the saving falls under 1\.25×$/);
    expect(wordCount(judged.because)).toBeLessThanOrEqual(becauseWordLimit);
  });

  it('holds when the per-process floor is so large that both published apps fall where the saving exceeds 1.25×', () => {
    const heavy = result(runs(400, 420));
    expect(findingFor(heavy).flipsWithinRealisticRegion).toBeUndefined();
    expect(verdictFor(heavy).verdict).toBe('holds');
  });

  it('does not hold when the measured saving is within 1.25×', () => {
    expect(verdictFor(result(runs(40, 110))).verdict).toBe('does-not-hold');
  });

  it('refuses to judge when a unit process was not found, not measured, or answered wrongly', () => {
    expect(() => findingFor(result(runs(85, 99, { processes: 2 })))).toThrow('found 2 unit processes for 3 deploy units');
    expect(() => findingFor(result(runs(85, 99, { units: [unit('microservices', 'cart', 1, 0, 0, 1), unit('microservices', 'billing', 1, 1, 1, 1), unit('microservices', 'receipts', 1, 1, 1, 1)] })))).toThrow('could not be measured');
    expect(() => findingFor(result(runs(85, 99, { wrongAnswers: 1 })))).toThrow('wrong receipt');
    expect(() => findingFor({ ...base, runs: base.runs.map((run) => ({ ...run, shapes: run.shapes.slice(0, 1) })) })).toThrow('{"shape":"modular-monolith"}');
  });
});

describe('keyFigure', () => {
  it('names the processes and the median memory of each shape, and the CPU ratio', () => {
    expect(keyFigure(base)).toBe('1 process, 101 MiB vs 3 processes, 261 MiB (2.58×); 3.00× the CPU per checkout');
  });

  it('is null for a result without five runs of both shapes, as an evidence file written before the runs', () => {
    expect(keyFigure({ ...base, runs: base.runs.slice(0, 2) })).toBeNull();
    expect(keyFigure({ rounds: 8 } as unknown as Result)).toBeNull();
  });
});

describe('pageFigures', () => {
  it('reads each shape by its name: medians over the runs, checkouts summed', () => {
    const figures = pageFigures(base);
    expect(figures.monolith).toEqual({ processes: 1, checkouts: 40000, wrongAnswers: 0, networkCallsPerCheckout: 1, rss: '100 MiB', pss: '101 MiB', uss: '70 MiB', cpuPer1000: '150 ms', medianThroughput: 4000 });
    expect(figures.microservices).toEqual({ processes: 3, checkouts: 40000, wrongAnswers: 0, networkCallsPerCheckout: 3, rss: '215 MiB', pss: '261 MiB', uss: '120 MiB', cpuPer1000: '450 ms', medianThroughput: 1200 });
  });

  it('gives every ratio with its interval over the runs', () => {
    const { ratios } = pageFigures(base);
    expect(ratios.cpu).toBe('3.00× [3.00–3.00×]');
    expect(ratios.throughput).toBe('0.30× [0.30–0.30×]');
    expect(ratios.pss).toBe('2.58× [2.58–2.59×]');
  });

  it('splits the CPU by unit process, per 1000 of its shape’s checkouts, and names the memory of each service', () => {
    const figures = pageFigures(base);
    expect(figures.cpuPer1000).toEqual({ cart: '200 ms', billing: '150 ms', receipts: '100 ms', checkout: '150 ms' });
    expect(figures.microservicesUnitPss).toBe('87 MiB, 87 MiB, 87 MiB');
    expect(figures.floorPerProcess).toBe('87 MiB');
  });

  it('says how many fewer processes the modular monolith runs, and where the map crosses each threshold', () => {
    const figures = pageFigures(base);
    expect(figures.fewerProcesses).toBe('3× fewer');
    expect(figures.crossesAt.assumed).toMatch(/^about 2\d\d MiB$/);
    expect(figures.crossesAt.rule).toMatch(/^about \d{3} MiB$/);
    expect(figures.markers).toEqual({ above: 'Azure Functions’ median app (170 MB)', below: 'Azure Functions’ 90th-percentile app (400 MB)' });
    expect([figures.costlierMemoryRatio, figures.ruleThreshold]).toEqual(['1.25×', '1.10×']);
    // At 1.1× the crossing lies past 381 MiB: both published apps on the side where the saving counts.
    expect(figures.atRuleThreshold).toBe('above every published figure, and the claim would hold');
    expect(pageFigures(result(runs(40, 40))).atRuleThreshold).toBe('still between the published figures, and the claim would stay conditional');
    expect([figures.runs, figures.warmup, figures.rounds, figures.checkoutsPerRound, figures.concurrency]).toEqual([5, 500, 3, 2000, 8]);
  });

  it('carries the measured memory per process to each reference system’s cuts, whose processes are counted from their files', () => {
    // 87 MiB per service process (the median run), 101 MiB for the modular monolith; 3, 9 and 7 microservices, 6, 13 and 24 nanoservices.
    const figures = pageFigures(base);
    expect(figures.referenceMicroProcesses).toMatch(/checkout.* 3, Online Boutique.* 9 and .*Alibaba.* 7$/);
    expect(figures.referenceMicroMemory).toMatch(/checkout.* 261 MiB, Online Boutique.* 783 MiB and .*Alibaba.* 609 MiB$/);
    expect(figures.referenceMicroRatio).toMatch(/checkout.* 2\.58×, Online Boutique.* 7\.75× and .*Alibaba.* 6\.03×$/);
    expect(figures.referenceNanoProcesses).toMatch(/checkout.* 6, Online Boutique.* 13 and .*Alibaba.* 24$/);
    expect(figures.referenceNanoRatio).toMatch(/checkout.* 5\.17×, Online Boutique.* 11\.2× and .*Alibaba.* 20\.7×$/);
  });

  it('finds each reference system’s crossing on the map’s line for its processes, the checkout’s microservices on the page’s own', () => {
    const figures = pageFigures(base);
    // More processes, more floors to pay: the crossing moves right, from the page's 278 MiB (three processes) towards 5 × 87 = 435 MiB.
    expect(figures.crossesAt.assumed).toBe('about 278 MiB');
    expect(figures.referenceMicroSavingHoldsUnder).toMatch(/checkout.* about 278 MiB, Online Boutique.* about 393 MiB and .*Alibaba.* about 371 MiB$/);
    expect(figures.referenceNanoSavingHoldsUnder).toMatch(/checkout.* about 354 MiB, Online Boutique.* about 414 MiB and .*Alibaba.* about 436 MiB$/);
    // 393 MiB lies past the 90th-percentile app (381 MiB): with this fixture's floor, Online Boutique's microservices would save at both published figures.
    expect(figures.referenceMicroAgainstMarkers).toMatch(/^between the two published figures on .*checkout.* and .*Alibaba.*; past both, so that the saving holds at both, on Online Boutique/);
    expect(pageFigures(result(runs(70, 99))).referenceMicroAgainstMarkers).toBe('between the two published figures on every one of them, so that the verdict would be conditional on each');
    expect(pageFigures(result(runs(400, 420))).referenceNanoAgainstMarkers).toMatch(/^past both, so that the saving holds at both, on /);
  });

  it('tables every cut of every reference system, the monolith as measured and without a crossing', () => {
    const table = referenceSystemsTable(base);
    expect(table.rows).toHaveLength(9);
    expect(table.rows.filter((row) => row.cut === 'monolith').map((row) => [row.units, row.memoryMiB, row.toMonolith, row.savingHoldsUnderMiB])).toEqual(Array.from({ length: 3 }, () => [1, 101, '1.00×', null]));
    expect(table.rows.find((row) => row.system === 'Online Boutique: placing an order' && row.cut === 'microservices')).toMatchObject({ units: 9, memoryMiB: 783, toMonolith: '7.75×', savingHoldsUnderMiB: 393 });
  });

  it('throws, naming what is missing, for a run without a unit the page names', () => {
    const noReceipts = base.runs.map((run) => ({ ...run, shapes: [micro(85, { units: micro(85).units.slice(0, 2) }), mono(99)] }));
    expect(() => pageFigures({ ...base, runs: noReceipts })).toThrow('{"unit":"receipts"}');
  });

  it('reads every figure from the committed evidence, none missing', () => {
    expect(missingFigures(pageFigures(evidence.result as unknown as Result))).toEqual([]);
  });
});
