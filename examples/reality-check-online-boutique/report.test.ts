import { describe, expect, it } from 'vitest';
import { findingFor, keyFigure, labTable, pageFigures, paperTable, ratiosOn, verdictFor, workAtSeveralFold, type BoutiqueRow, type Result } from './report.ts';

/** Five rounds of both cuts on each transport, with the given CPU (µs) and median latency (µs) per cut. */
function resultOf(figures: Record<string, { split: [number, number]; colocated: [number, number] }>): Result {
  const rows: BoutiqueRow[] = [];
  for (const [transport, { split, colocated }] of Object.entries(figures)) {
    for (let round = 1; round <= 5; round += 1) {
      const wobble = 1 + (round - 3) / 100;
      for (const [cut, [cpu, p50]] of [['microservices', split], ['monolith', colocated]] as const) {
        rows.push({ transport: transport as BoutiqueRow['transport'], cut, round, sent: 100, answered: 100, failed: 0, unfinished: 0, p50Us: p50 * wobble, p99Us: p50 * 3, cpuPerRequestUs: cpu * wobble });
      }
    }
  }
  return { file: 'examples/systems/online-boutique.json', ratePerSecond: 30, secondsPerWindow: 6, warmupRequests: 400, operations: 12, networkCalls: { microservices: 23, monolith: 1, nanoservices: 23 }, rows };
}

describe('the Online Boutique replay’s report', () => {
  const measured = resultOf({ http: { split: [6_000, 7_000], colocated: [2_300, 3_700] }, process: { split: [12_000, 13_000], colocated: [2_500, 4_200] } });

  it('takes split ÷ co-located per round on each transport', () => {
    expect(ratiosOn(measured, 'process').cpu.estimate).toBeCloseTo(4.8, 5);
    expect(ratiosOn(measured, 'http').latency.estimate).toBeCloseTo(7_000 / 3_700, 5);
  });

  it('works out where the CPU saving falls to 2×: the added work per operation that makes (S + nΔ) = 2 (C + nΔ)', () => {
    // S = 12,000, C = 2,500, n = 23 operations per request: Δ = (12,000 − 5,000) / 23 ≈ 304 µs, on top of the file's 40 µs.
    expect(workAtSeveralFold(measured, 'process')).toBeCloseTo(40 + 7_000 / 23, 5);
  });

  it('reads the verdict on the process transport, where the paper’s split also runs one process per service', () => {
    const finding = findingFor(measured);
    expect(finding.shownBy).toEqual({ monolith: true, microservices: false });
    expect(finding.flipsWithinRealisticRegion).toMatch(/less than about 344 µs of work each/);
    expect(verdictFor(measured).verdict).toBe('conditional');
  });

  it('does not call a saving under 2× on the process transport a reproduction, whatever http shows', () => {
    const small = resultOf({ http: { split: [9_000, 9_000], colocated: [2_000, 2_000] }, process: { split: [3_000, 5_000], colocated: [2_000, 4_000] } });
    expect(findingFor(small).shownBy.monolith).toBe(false);
    expect(verdictFor(small).verdict).toBe('does-not-hold');
  });

  it('sets the paper’s figures beside the lab’s, with the ratio between them', () => {
    const table = paperTable(measured);
    expect(table.rows[0]).toMatchObject({ figure: 'median latency, split ÷ co-located', paper: '14.4× (5.47 ms ÷ 0.38 ms)' });
    expect(table.rows[1]?.lab).toBe('http: 2.61× [2.61–2.61×]; process: 4.80× [4.80–4.80×]');
    expect(table.rows[1]?.ratio).toBe('http: 0.30×; process: 0.55×');
    expect(table.rows[2]?.paper).toBe('7.8 ms (78 cores ÷ 10,000 QPS)');
  });

  it('works each reason out from the figures of the verdict’s transport, so that a reason cannot contradict them', () => {
    const rows = paperTable(measured).rows;
    // Co-located median 4,200 µs on process against the paper's 0.38 ms.
    expect(rows[0]?.why).toContain('took 4.2 ms on process, 11.1× the paper’s 0.38 ms');
    // (12,000 − 2,500) µs over the 22 extra calls: 0.43 ms a call; co-located 2.5 ms against 0.9 ms.
    expect(rows[1]?.why).toContain('about 0.43 ms of CPU on process');
    expect(rows[1]?.why).toContain('2.5 ms against the paper’s 0.9 ms');
    expect(pageFigures(measured)).toMatchObject({ perCallCpu: '0.43 ms', colocatedCpu: '2.5 ms', paperColocatedCpu: '0.9 ms', colocatedP50OverPaper: '11.1×' });
  });

  it('lists every transport and cut with its calls through the transport', () => {
    expect(labTable(measured).rows.map((row) => [row.transport, row.cut, row.networkCalls])).toEqual([
      ['http', 'microservices', 23],
      ['http', 'monolith', 1],
      ['process', 'microservices', 23],
      ['process', 'monolith', 1],
    ]);
  });

  it('gives the page the paper’s two steps and each transport’s figures', () => {
    const figures = pageFigures(measured);
    expect(figures.paperSteps).toContain('the cores fell 2.80× with the prototype’s serialisation and transport still split, then 3.10× more from co-location');
    expect(figures.on.process?.cpu).toBe('4.80× [4.80–4.80×]');
  });

  it('has no key figure for a result without five rounds of each cut', () => {
    expect(keyFigure({ ...measured, rows: measured.rows.slice(0, 4) })).toBeNull();
    expect(keyFigure(measured)).toBe('co-located, 4.80× less CPU per request than split (2,500 µs against 12,000 µs at the median; paper: 8.70× fewer cores)');
  });
});
