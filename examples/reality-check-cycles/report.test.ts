import { describe, expect, it } from 'vitest';
import { cyclesTable, findingFor, keyFigure, outsideShare, pageFigures, paperTable, verdictFor, workAtShare, type CycleRow, type Result } from './report.ts';

// Business work is 6 × the work per call; each hop adds 100 µs of CPU, the monolith's one call 50 µs.
const hops = { monolith: 0, microservices: 2, nanoservices: 5 } as const;
const row = (workPerCallUs: number, cut: keyof typeof hops, run: number, hopUs = 100): CycleRow => ({
  workPerCallUs,
  run,
  cut,
  requests: 100,
  businessPerRequestUs: 6 * workPerCallUs,
  cpuPerRequestUs: 6 * workPerCallUs + 50 + hops[cut] * hopUs + run,
});
const resultWith = (hopUs = 100): Result => ({
  operations: 6,
  rows: [10, 100, 1_000, 5_000].flatMap((work) => [1, 2, 3, 4, 5].flatMap((run) => (Object.keys(hops) as Array<keyof typeof hops>).map((cut) => row(work, cut, run, hopUs)))),
});

describe('outsideShare and workAtShare', () => {
  const result = resultWith();

  it('is the share of a request’s CPU that is not its business work, over the runs', () => {
    // Nanoservices at 1 ms: 550 of 6,553 µs.
    expect(outsideShare(result, 'nanoservices', 1_000).estimate).toBeCloseTo(553 / 6553, 2);
    expect(() => outsideShare(result, 'nanoservices', 7)).toThrow(/no nanoservices rows at 7 µs/);
  });

  it('finds where a cut’s share falls to a given share, on a log axis, or null outside what was measured', () => {
    const at = workAtShare(result, 'nanoservices', 0.5) as number;
    expect(at).toBeGreaterThan(10);
    expect(at).toBeLessThan(1_000);
    expect(workAtShare(result, 'monolith', 0.99)).toBeNull();
  });
});

describe('findingFor', () => {
  it('does not hold when, at 1 ms per call, no cut spends most of its CPU outside business work', () => {
    expect(verdictFor(resultWith()).verdict).toBe('does-not-hold');
    expect(findingFor(resultWith()).because).toMatch(/^At 1 ms of work per call, nanoservices spend 8% of a request's CPU outside business work, a monolith 1%; most only below [\d.]+ µs$/);
  });

  it('holds when the split cuts do at every work measured, and is conditional when the nanoservices’ line crosses inside the published range', () => {
    expect(verdictFor(resultWith(100_000)).verdict).toBe('holds');
    expect(findingFor(resultWith(100_000)).because).toMatch(/most at every work measured$/);
    // A hop of 1.5 ms: nanoservices cross one half between 1 and 5 ms; the monolith never gets there.
    const finding = findingFor(resultWith(1_500));
    expect(finding.shownBy).toEqual({ monolith: false, microservices: false, nanoservices: true });
    expect(verdictFor(resultWith(1_500)).verdict).toBe('conditional');
  });
});

describe('the tables and the page', () => {
  const result = resultWith();

  it('compares each paper with the lab’s cut it resembles', () => {
    const table = paperTable(result);
    expect(table.rows.map((r) => [r.paper, String(r.lab).split(':')[0]])).toEqual([
      ['30%', 'microservices'],
      ['82%', 'microservices'],
      ['41%', 'monolith'],
    ]);
    // Each row says why the paper and the lab differ.
    for (const row of table.rows) expect(String(row.why).length).toBeGreaterThan(40);
    expect(cyclesTable(result).rows).toHaveLength(12);
  });

  it('reads every figure the page prints, and the key figure', () => {
    const figures = pageFigures(result);
    expect(figures.works).toBe('10 µs, 100 µs, 1 ms and 5 ms');
    expect(figures.runs).toBe(5);
    expect(figures.atRealistic.nanoservices).toMatch(/^8% \[8%–8%\]$/);
    expect(figures.verdictMap.lines.map((line) => line.points.length)).toEqual([4, 4, 4]);
    // Each paper's share is drawn on the map, in the colour of the cut it is compared with.
    expect(figures.verdictMap.levels?.map((level) => [level.y, level.series])).toEqual([
      [0.3, 'microservices'],
      [0.82, 'microservices'],
      [0.41, 'monolith'],
    ]);
    expect(figures.verdictMap.yFormat).toBe('share');
    expect(keyFigure(result)).toBe("at 1 ms per call, 8% of the 6,553 µs of CPU a nanoservice request takes is outside business work (monolith 1%)");
    expect(keyFigure({ operations: 6, rows: [] })).toBeNull();
  });
});
