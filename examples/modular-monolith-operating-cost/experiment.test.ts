import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { findLeftovers } from '../lab/processes/leftovers.ts';
import { experiment } from './experiment.ts';
import { costlierMemoryRatio, costRatios, keyFigure, shapeTotals, verdictFor, type ComparedShape, type OperatingCostResult, type ShapeCost, type UnitCost } from './report.ts';

let result: OperatingCostResult;
const shape = (name: ComparedShape): ShapeCost => {
  const found = result.shapes.find((s) => s.shape === name);
  if (!found) throw new Error(`no figures for ${name}`);
  return found;
};

describe('modular-monolith-operating-cost (quick run: 2 interleaved rounds of 100 checkouts per shape)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  afterAll(() => {
    expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
  });

  it('measures every unit process the transport started: 1 for the modular monolith, 3 for the microservices', () => {
    expect(shape('modular-monolith')).toMatchObject({ plannedUnits: 1, processes: 1 });
    expect(shape('microservices')).toMatchObject({ plannedUnits: 3, processes: 3 });
    expect(shape('modular-monolith').units.map((u) => u.unit)).toEqual(['checkout']);
    expect(shape('microservices').units.map((u) => u.unit)).toEqual(['cart', 'billing', 'receipts']);
  });

  it('both shapes completed the same checkouts, every one with the reference receipt, over 1 and 3 network calls', () => {
    for (const s of result.shapes) {
      expect(s.checkouts).toBe(200);
      expect(s.wrongAnswers).toBe(0);
      expect(s.throughputPerRound).toHaveLength(2);
      for (const rate of s.throughputPerRound) expect(rate).toBeGreaterThan(0);
    }
    expect(shape('modular-monolith').networkCallsPerCheckout).toBe(1);
    expect(shape('microservices').networkCallsPerCheckout).toBe(3);
  });

  it('every unit process was measured: memory above zero with RSS ≥ PSS ≥ USS, and CPU spent during the load', () => {
    for (const unit of result.shapes.flatMap((s) => s.units)) {
      expect(unit.ussKiB).toBeGreaterThan(0);
      expect(unit.pssKiB).toBeGreaterThanOrEqual(unit.ussKiB);
      expect(unit.rssKiB).toBeGreaterThanOrEqual(unit.pssKiB);
      expect(unit.cpuMs).toBeGreaterThan(0);
    }
  });

  it('the microservices’ processes together hold more memory than the modular monolith’s one, by RSS, PSS and USS', () => {
    const mono = shapeTotals(shape('modular-monolith'));
    const micro = shapeTotals(shape('microservices'));
    expect(micro.rssKiB).toBeGreaterThan(mono.rssKiB);
    expect(micro.pssKiB).toBeGreaterThan(mono.pssKiB);
    expect(micro.ussKiB).toBeGreaterThan(mono.ussKiB);
    // Three Node runtimes against one: a structural difference, well beyond the verdict's threshold.
    expect(costRatios(result).pss).toBeGreaterThan(costlierMemoryRatio);
  });

  it('the microservices’ units spent more CPU for the same checkouts: three HTTP requests served for one', () => {
    expect(shapeTotals(shape('microservices')).cpuMs).toBeGreaterThan(shapeTotals(shape('modular-monolith')).cpuMs);
  });

  it('stopped every unit process', () => {
    expect(findLeftovers().childProcesses).toEqual([]);
  });

  it('supports the verdict the registry publishes, and prints its tables and key figure', () => {
    expect(experiment.verdict(result).verdict).toBe(claimById('modular-monolith-operating-cost').verdict);
    const [cost, units, rounds] = experiment.tables(result);
    expect(cost?.rows.map((r) => r.shape)).toEqual(['modular-monolith', 'microservices', 'microservices ÷ modular monolith']);
    expect(units?.rows).toHaveLength(4);
    expect(rounds?.rows).toHaveLength(2);
    expect(keyFigure(result)).toMatch(/^1 process, [\d.]+ MiB vs 3 processes, [\d.]+ MiB \([\d.]+×\); [\d.]+× the CPU per checkout$/);
  });
});

describe('verdictFor', () => {
  const unit = (shapeName: ComparedShape, name: string, pssKiB: number, cpuMs: number): UnitCost => ({ shape: shapeName, unit: name, rssKiB: pssKiB * 1.6, pssKiB, ussKiB: pssKiB * 0.95, cpuMs });
  const made = (microPssKiB: number, overrides: Partial<ShapeCost> = {}): OperatingCostResult => ({
    rounds: 1,
    checkoutsPerRound: 1000,
    concurrency: 8,
    warmup: 0,
    shapes: [
      { shape: 'modular-monolith', plannedUnits: 1, processes: 1, units: [unit('modular-monolith', 'checkout', 60_000, 400)], networkCallsPerCheckout: 1, checkouts: 1000, wrongAnswers: 0, throughputPerRound: [1500] },
      {
        shape: 'microservices',
        plannedUnits: 3,
        processes: 3,
        units: ['cart', 'billing', 'receipts'].map((name) => unit('microservices', name, microPssKiB / 3, 600)),
        networkCallsPerCheckout: 3,
        checkouts: 1000,
        wrongAnswers: 0,
        throughputPerRound: [500],
        ...overrides,
      },
    ],
  });

  it('holds when the microservices need more processes and more than 1.25× the memory', () => {
    const verdict = verdictFor(made(180_000));
    expect(verdict.verdict).toBe('holds');
    expect(verdict.because).toContain('3× the memory');
    expect(verdict.because).toContain('4.5× the CPU per checkout');
    expect(keyFigure(made(180_000))).toBe('1 process, 58.6 MiB vs 3 processes, 175.8 MiB (3×); 4.5× the CPU per checkout');
  });

  it('is conditional when the memory saved is within 1.25×, and does not hold when the monolith needs as much or more', () => {
    expect(verdictFor(made(66_000)).verdict).toBe('conditional');
    expect(verdictFor(made(60_000)).verdict).toBe('does-not-hold');
    expect(verdictFor(made(50_000)).verdict).toBe('does-not-hold');
  });

  it('refuses to judge when a unit process was not found, not measured, or answered wrongly', () => {
    expect(verdictFor(made(180_000, { processes: 2 })).verdict).toBe('not-testable');
    expect(verdictFor(made(180_000, { units: [unit('microservices', 'cart', 0, 1), unit('microservices', 'billing', 60_000, 1), unit('microservices', 'receipts', 60_000, 1)] })).verdict).toBe('not-testable');
    expect(verdictFor(made(180_000, { wrongAnswers: 1 })).verdict).toBe('not-testable');
    expect(verdictFor({ ...made(180_000), shapes: made(180_000).shapes.slice(0, 1) }).verdict).toBe('not-testable');
  });
});
