import { describe, expect, it } from 'vitest';
import { clearlyAbove, clearlyBelow, formatInterval, intervalOf, ratioInterval } from './interval.ts';

describe('intervalOf', () => {
  it('centres on the median and brackets it with bounds taken from the runs', () => {
    const runs = [1.31, 1.42, 1.38, 1.4, 1.36];
    const interval = intervalOf(runs);
    expect(interval.estimate).toBe(1.38);
    expect(interval.runs).toBe(5);
    expect(interval.low).toBeLessThanOrEqual(interval.estimate);
    expect(interval.high).toBeGreaterThanOrEqual(interval.estimate);
    expect(interval.low).toBeGreaterThanOrEqual(1.31);
    expect(interval.high).toBeLessThanOrEqual(1.42);
  });
  it('is the same for the same runs and seed, so a page reads the same every build', () => {
    const runs = [5, 9, 7, 6, 8, 10, 4];
    expect(intervalOf(runs)).toEqual(intervalOf(runs));
  });
  it('narrows as runs agree: identical runs give a zero-width interval, spread runs a wide one', () => {
    expect(intervalOf([2, 2, 2, 2, 2])).toEqual({ estimate: 2, low: 2, high: 2, runs: 5 });
    const wide = intervalOf([1, 5, 9, 13, 17, 21, 25]);
    expect(wide.high - wide.low).toBeGreaterThan(4);
  });
  it('refuses fewer than five runs and figures that are not finite', () => {
    expect(() => intervalOf([1, 2, 3, 4])).toThrow('at least 5 independent runs, got 4');
    expect(() => intervalOf([1, 2, 3, 4, Number.NaN])).toThrow('finite');
  });
});

describe('ratioInterval', () => {
  it('takes one ratio per run, numerator and denominator from the same run', () => {
    const interval = ratioInterval([20, 40, 60, 80, 100], [10, 20, 30, 40, 50]);
    expect(interval).toEqual({ estimate: 2, low: 2, high: 2, runs: 5 });
    expect(() => ratioInterval([1, 2], [1])).toThrow('as many numerators (2) as denominators (1)');
  });
});

describe('clearlyAbove and clearlyBelow', () => {
  it('call a figure larger or smaller only when the whole interval is', () => {
    expect(clearlyAbove({ estimate: 1.2, low: 1.12, high: 1.3, runs: 5 }, 1.1)).toBe(true);
    expect(clearlyAbove({ estimate: 1.2, low: 1.05, high: 1.3, runs: 5 }, 1.1)).toBe(false);
    expect(clearlyBelow({ estimate: 0.8, low: 0.7, high: 0.9, runs: 5 }, 1)).toBe(true);
    expect(clearlyBelow({ estimate: 0.8, low: 0.7, high: 1.01, runs: 5 }, 1)).toBe(false);
  });
});

describe('formatInterval', () => {
  it('prints the estimate and the bounds with the same digits', () => {
    expect(formatInterval({ estimate: 1.394, low: 1.351, high: 1.42, runs: 5 }, 2)).toBe('1.39 [1.35–1.42]');
    expect(formatInterval({ estimate: 118, low: 112, high: 125, runs: 5 }, 0, ' µs')).toBe('118 µs [112–125 µs]');
  });
});
