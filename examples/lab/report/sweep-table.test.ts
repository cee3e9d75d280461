import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../system-run/reference-sweep.ts';
import { sweepRatios, sweepSuccess, sweepTable } from './sweep-table.ts';

const exact = (value: number) => ({ estimate: value, low: value, high: value, runs: 5 });
const sweep: SweepResult = {
  transport: 'http',
  sizes: { latency: { warmup: 5, iterations: 100, rounds: 5, maxSeconds: 1 }, faults: { concurrency: 32, requests: 500, maxSeconds: 1 }, faultRuns: 5 },
  systems: [{ name: 'shop', title: 'A small shop', file: 'examples/systems/shop.json' }],
  cuts: [
    { system: 'shop', cut: 'monolith', units: 1, networkCallsPerRequest: 1, p50Us: 900, p99Us: 2000, p50RatioToMonolith: exact(1), faults: [{ model: 'cloud', successShare: exact(0.9995), sent: 2000, failed: 1 }, { model: 'stress', successShare: exact(0.95), sent: 2000, failed: 100 }] },
    { system: 'shop', cut: 'nanoservices', units: 5, networkCallsPerRequest: 5, p50Us: 1300, p99Us: 3000, p50RatioToMonolith: { estimate: 1.444, low: 1.41, high: 1.48, runs: 10 }, faults: [{ model: 'cloud', successShare: exact(0.998), sent: 2000, failed: 4 }, { model: 'stress', successShare: exact(0.774), sent: 2000, failed: 452 }] },
  ],
};

describe('sweepTable', () => {
  it('gives a row per system and cut, with the latency ratio and a column per fault model', () => {
    const table = sweepTable(sweep);
    expect(table.columns.map((column) => column.key)).toEqual(['system', 'cut', 'units', 'networkCalls', 'p50Ratio', 'cloud', 'stress']);
    expect(table.rows[1]).toEqual({ system: 'A small shop', cut: 'nanoservices', units: 5, networkCalls: 5, p50Ratio: '1.44× [1.41–1.48×]', cloud: '99.80%', stress: '77.40%' });
    expect(table.rows[0]?.p50Ratio).toBe('1.00× [1.00–1.00×]');
  });

  it('leaves latency out for a page that does not own it', () => {
    const table = sweepTable(sweep, { latency: false });
    expect(table.columns.map((column) => column.key)).toEqual(['system', 'cut', 'units', 'networkCalls', 'cloud', 'stress']);
    expect(table.rows[1]).not.toHaveProperty('p50Ratio');
    expect(table.title).not.toMatch(/latency/);
  });
});

describe('sweepRatios and sweepSuccess', () => {
  it('put one cut of every system in a sentence', () => {
    expect(sweepRatios(sweep, 'nanoservices')).toBe('A small shop 1.44× [1.41–1.48×]');
    expect(sweepSuccess(sweep, 'nanoservices', 'stress')).toBe('A small shop 77.40%');
    expect(sweepSuccess(sweep, 'monolith', 'cloud')).toBe('A small shop 99.95%');
  });
});
