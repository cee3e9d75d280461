import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { experiment } from './experiment.ts';
import { findBreakEvens, verdictFor, type AntiPatternResult } from './report.ts';

let result: AntiPatternResult;
const row = (chainLength: number, workUs: number, kind: 'cpu' | 'wait' = 'cpu') => {
  const found = result.rows.find((r) => r.transport === 'http' && r.kind === kind && r.chainLength === chainLength && r.workUs === workUs);
  if (!found) throw new Error(`no row for http/${chainLength}/${workUs}`);
  return found;
};

describe('nano-anti-pattern (quick run: http, chains of 1 and 3 functions, 0 and 3000 µs of CPU work, 3000 µs of waiting, 5 runs)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('both shapes return exactly what the functions return in one call stack, with the added work', () => {
    expect(result.identicalResults).toBe(true);
    // Two chain lengths × (two CPU sizes + one wait).
    expect(result.rows).toHaveLength(2 * 3);
    for (const r of result.rows) expect(r.runsMonolithP50Us).toHaveLength(5);
  });

  it('both shapes do the same work: every function runs its busy work once per checkout', () => {
    for (const r of result.rows) {
      expect(r.workRunsMonolith).toBe(r.chainLength);
      expect(r.workRunsNanoservices).toBe(r.chainLength);
    }
  });

  it('the busy work is CPU the loop really spends, and the wait is a real wait: 3000 µs of either takes longer than none', () => {
    const none = result.workCheck.find((w) => w.kind === 'cpu' && w.workUs === 0);
    expect(result.workCheck.find((w) => w.kind === 'cpu' && w.workUs === 3000)?.measuredP50Us).toBeGreaterThan(none?.measuredP50Us ?? Infinity);
    expect(result.workCheck.find((w) => w.kind === 'wait')?.measuredP50Us).toBeGreaterThanOrEqual(3000);
  });

  it('with the real functions alone, the nanoservice chain is slower than the monolith and pays a positive per-hop overhead', () => {
    // Side by side in one run: two extra HTTP hops against a few microseconds of work, a large effect.
    expect(row(3, 0).nanoservicesP50Us).toBeGreaterThan(row(3, 0).monolithP50Us);
    expect(row(3, 0).perHopUs).toBeGreaterThan(0);
    expect(row(1, 0).perHopUs).toBeNull();
  });

  it('more work per function shrinks the overhead share, and the hop outweighs the real functions but not 3000 µs of work', () => {
    expect(row(3, 3000).overheadSharePercent).toBeLessThan(row(3, 0).overheadSharePercent);
    const hop = (kind: 'cpu' | 'wait', workUs: number) => result.perHop.find((h) => h.transport === 'http' && h.kind === kind && h.workUs === workUs);
    expect(hop('cpu', 0)?.ratio.low).toBeGreaterThan(1);
    // The median: on a loaded test machine one run's hop can stretch towards 3 ms, and the upper bound with it.
    expect(hop('cpu', 3000)?.ratio.estimate).toBeLessThan(1);
    expect(hop('cpu', 0)?.perHop.runs).toBe(5);
  });

  it('with waiting work the hop is small against the wait, but its CPU outweighs the function’s own', () => {
    const waiting = result.perHop.find((h) => h.transport === 'http' && h.kind === 'wait');
    expect(row(3, 3000, 'wait').workRunsNanoservices).toBe(3);
    // A hop (~0.1 ms on loopback) against 3 ms of waiting; the median, since a loaded run's upper bound can reach the wait.
    expect(waiting?.ratio.estimate).toBeLessThan(0.5);
    // A hop's CPU (serialise, parse, route, both ends of a socket) against ~10 µs of function: a large, structural effect.
    expect(waiting?.cpuRatio?.low).toBeGreaterThan(1);
  });

  it('marks the reference systems and published figures on the verdict map', () => {
    expect(result.workMarkers.some((marker) => marker.source.startsWith('examples/systems/'))).toBe(true);
    expect(result.workMarkers.some((marker) => marker.label.startsWith('Alibaba'))).toBe(true);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('nano-anti-pattern').verdict);
  });

  it('prints the break-even table and the overhead table', () => {
    const [breakEvens, overhead] = experiment.tables(result);
    expect(breakEvens?.rows).toHaveLength(1);
    expect(overhead?.rows).toHaveLength(result.rows.length);
  });
});

describe('findBreakEvens', () => {
  const make = (workUs: number, perHopUs: number) => ({ ...baseRow, workUs, perHopUs, cpuPerHopUs: perHopUs });

  it('interpolates where the per-hop overhead meets the work', () => {
    // excess 300 at 0 and −600 at 900: it crosses a third of the way, at 300.
    expect(findBreakEvens([make(0, 300), make(900, 300)], 'perHopUs')).toEqual([{ transport: 'http', chainLength: 2, workUs: 300, where: 'within' }]);
  });

  it('says when the hop costs more, or less, than the work at every size', () => {
    expect(findBreakEvens([make(0, 300), make(200, 300)], 'perHopUs')[0]?.where).toBe('above');
    expect(findBreakEvens([make(500, 300), make(900, 300)], 'perHopUs')[0]?.where).toBe('below');
  });
});

const baseRow = {
  transport: 'http' as const,
  kind: 'cpu' as const,
  chainLength: 2,
  chain: '2 functions',
  workUs: 0,
  iterations: 1,
  monolithP50Us: 0,
  nanoservicesP50Us: 0,
  overheadUs: 0,
  overheadSharePercent: 0,
  perHopUs: 0,
  monolithCpuUs: 0,
  nanoservicesCpuUs: 0,
  cpuPerHopUs: 0,
  workRunsMonolith: 2,
  workRunsNanoservices: 2,
  runsMonolithP50Us: [],
  runsNanoservicesP50Us: [],
  runsMonolithCpuUs: [],
  runsNanoservicesCpuUs: [],
  identical: true,
};
