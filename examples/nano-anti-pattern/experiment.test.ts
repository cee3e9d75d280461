import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { experiment } from './experiment.ts';
import { antiPatternVerdict, findBreakEvens, type AntiPatternResult, type AntiPatternRow } from './report.ts';

let result: AntiPatternResult;
const row = (chainLength: number, workUs: number) => {
  const found = result.rows.find((r) => r.transport === 'http' && r.chainLength === chainLength && r.workUs === workUs);
  if (!found) throw new Error(`no row for http/${chainLength}/${workUs}`);
  return found;
};

describe('nano-anti-pattern (quick run: http, chains of 1 and 3 functions, 0 and 5000 µs of work)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('both shapes return exactly what the functions return in one call stack, with the added work', () => {
    expect(result.identicalResults).toBe(true);
    expect(result.rows).toHaveLength(2 * 2);
  });

  it('both shapes do the same work: every function runs its busy work once per checkout', () => {
    for (const r of result.rows) {
      expect(r.workRunsMonolith).toBe(r.chainLength);
      expect(r.workRunsNanoservices).toBe(r.chainLength);
    }
  });

  it('the busy work is CPU the loop really spends: 5000 µs of it takes longer than none', () => {
    const [none, most] = [result.workCheck[0], result.workCheck.at(-1)];
    expect(most?.measuredP50Us).toBeGreaterThan(none?.measuredP50Us ?? Infinity);
  });

  it('with the real functions alone, the nanoservice chain is slower than the monolith and pays a positive per-hop overhead', () => {
    // Side by side in one run: two extra HTTP hops against a few microseconds of work, a large effect.
    expect(row(3, 0).nanoservicesP50Us).toBeGreaterThan(row(3, 0).monolithP50Us);
    expect(row(3, 0).perHopUs).toBeGreaterThan(0);
    expect(row(1, 0).perHopUs).toBeNull();
  });

  it('more work per function shrinks the overhead share, and the break-even lies between the two sizes', () => {
    expect(row(3, 5000).overheadSharePercent).toBeLessThan(row(3, 0).overheadSharePercent);
    const breakEven = result.breakEvens.find((b) => b.transport === 'http' && b.chainLength === 3);
    expect(breakEven?.where).toBe('within');
    expect(breakEven?.workUs).toBeGreaterThan(0);
    expect(breakEven?.workUs).toBeLessThan(5000);
  });

  it('supports the verdict the registry publishes', () => {
    expect(experiment.verdict(result).verdict).toBe(claimById('nano-anti-pattern').verdict);
  });

  it('prints the break-even table and the overhead table', () => {
    const [breakEvens, overhead] = experiment.tables(result);
    expect(breakEvens?.rows).toHaveLength(1);
    expect(overhead?.rows).toHaveLength(result.rows.length);
  });
});

describe('findBreakEvens and antiPatternVerdict', () => {
  const make = (workUs: number, perHopUs: number): AntiPatternRow => ({
    transport: 'http',
    chainLength: 2,
    chain: '2 functions',
    workUs,
    iterations: 1,
    monolithP50Us: 0,
    nanoservicesP50Us: 0,
    overheadUs: perHopUs,
    overheadSharePercent: 0,
    perHopUs,
    monolithCpuUs: 0,
    nanoservicesCpuUs: 0,
    cpuPerHopUs: perHopUs,
    workRunsMonolith: 2,
    workRunsNanoservices: 2,
  });
  const resultOf = (rows: AntiPatternRow[]): AntiPatternResult => ({
    spinPerUs: 1,
    workCheck: [],
    inProcessCheckout: { iterations: 1, p50Us: 60, p90Us: 0, p99Us: 0, meanUs: 0, maxUs: 0 },
    rows,
    breakEvens: findBreakEvens(rows, 'perHopUs'),
    cpuBreakEvens: findBreakEvens(rows, 'cpuPerHopUs'),
    identicalResults: true,
  });

  it('interpolates where the per-hop overhead meets the work', () => {
    // excess 300 at 0 and −600 at 900: it crosses a third of the way, at 300.
    expect(findBreakEvens([make(0, 300), make(900, 300)], 'perHopUs')).toEqual([{ transport: 'http', chainLength: 2, workUs: 300, where: 'within' }]);
  });

  it('is conditional when they cross, holds when the hop always costs more, does not hold when it always costs less', () => {
    expect(antiPatternVerdict(resultOf([make(0, 300), make(900, 300)])).verdict).toBe('conditional');
    expect(antiPatternVerdict(resultOf([make(0, 300), make(200, 300)])).verdict).toBe('holds');
    expect(antiPatternVerdict(resultOf([make(500, 300), make(900, 300)])).verdict).toBe('does-not-hold');
  });

  it('is not testable when the deployments disagree with the functions', () => {
    expect(antiPatternVerdict({ ...resultOf([make(0, 300), make(900, 300)]), identicalResults: false }).verdict).toBe('not-testable');
  });
});
