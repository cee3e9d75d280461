import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { becauseWordLimit, wordCount } from '../lab/experiment/verdict-rule.ts';
import { findLeftovers } from '../lab/processes/leftovers.ts';
import { experiment } from './experiment.ts';
import { costlierMemoryRatio, costRatios, keyFigure, shapeTotals, verdictFor, type ComparedShape, type OperatingCostResult, type ShapeCost } from './report.ts';

let result: OperatingCostResult;
const shapesNamed = (name: ComparedShape): ShapeCost[] => result.runs.map((run) => {
  const found = run.shapes.find((s) => s.shape === name);
  if (!found) throw new Error(`run ${run.run} has no figures for ${name}`);
  return found;
});

describe('modular-monolith-operating-cost (quick run: 5 independent runs, 1 round of 50 checkouts per shape each)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 180_000);

  afterAll(() => {
    expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
  });

  it('measures every unit process the transport started in every run: 1 for the modular monolith, 3 for the microservices', () => {
    expect(result.runs.map((run) => run.run)).toEqual([1, 2, 3, 4, 5]);
    for (const shape of shapesNamed('modular-monolith')) {
      expect(shape).toMatchObject({ plannedUnits: 1, processes: 1 });
      expect(shape.units.map((u) => u.unit)).toEqual(['checkout']);
    }
    for (const shape of shapesNamed('microservices')) {
      expect(shape).toMatchObject({ plannedUnits: 3, processes: 3 });
      expect(shape.units.map((u) => u.unit)).toEqual(['cart', 'billing', 'receipts']);
    }
  });

  it('both shapes completed the same checkouts in every run, every one with the reference receipt, over 1 and 3 network calls', () => {
    for (const run of result.runs) {
      for (const s of run.shapes) {
        expect(s.checkouts).toBe(50);
        expect(s.wrongAnswers).toBe(0);
        expect(s.throughputPerRound).toHaveLength(1);
        for (const rate of s.throughputPerRound) expect(rate).toBeGreaterThan(0);
      }
    }
    expect(shapesNamed('modular-monolith').every((s) => s.networkCallsPerCheckout === 1)).toBe(true);
    expect(shapesNamed('microservices').every((s) => s.networkCallsPerCheckout === 3)).toBe(true);
  });

  it('every unit process was measured: memory above zero with RSS ≥ PSS ≥ USS, and CPU spent during the load', () => {
    for (const unit of result.runs.flatMap((run) => run.shapes.flatMap((s) => s.units))) {
      expect(unit.ussKiB).toBeGreaterThan(0);
      expect(unit.pssKiB).toBeGreaterThanOrEqual(unit.ussKiB);
      expect(unit.rssKiB).toBeGreaterThanOrEqual(unit.pssKiB);
      expect(unit.cpuMs).toBeGreaterThan(0);
    }
  });

  it('the microservices’ processes together hold more memory than the modular monolith’s one in every run, by RSS, PSS and USS', () => {
    const micro = shapesNamed('microservices').map(shapeTotals);
    shapesNamed('modular-monolith').map(shapeTotals).forEach((mono, index) => {
      expect(micro[index]?.rssKiB).toBeGreaterThan(mono.rssKiB);
      expect(micro[index]?.pssKiB).toBeGreaterThan(mono.pssKiB);
      expect(micro[index]?.ussKiB).toBeGreaterThan(mono.ussKiB);
    });
    // Three Node runtimes against one: a structural difference, the whole interval beyond the threshold.
    expect(costRatios(result).pss.low).toBeGreaterThan(costlierMemoryRatio);
  });

  it('supports the verdict the registry publishes in a sentence short enough, and prints its tables and key figure', () => {
    const judged = verdictFor(result);
    expect(judged.verdict).toBe(claimById('modular-monolith-operating-cost').verdict);
    expect(wordCount(judged.because)).toBeLessThanOrEqual(becauseWordLimit);
    const [cost, units, runs, map] = experiment.tables(result);
    expect(cost?.rows.map((r) => r.shape)).toEqual(['modular-monolith', 'microservices', 'microservices ÷ modular monolith']);
    expect(units?.rows).toHaveLength(4);
    expect(runs?.rows).toHaveLength(5);
    expect(map?.rows).toHaveLength(9);
    expect(keyFigure(result)).toMatch(/^1 process, [\d.]+ MiB vs 3 processes, [\d.]+ MiB \([\d.]+×\); [\d.]+× the CPU per checkout$/);
  });
});
