import { describe, expect, it } from 'vitest';
import { seededRandom } from '../faults/fault-injection.ts';
import { logNormalSigma, medianOf, sampler } from './distribution.ts';

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))] as number;

describe('sampler', () => {
  it('gives a fixed value every time', () => {
    const draw = sampler(120, seededRandom(1));
    expect([draw(), draw(), draw()]).toEqual([120, 120, 120]);
  });

  it('draws a log-normal whose median and p99 are the ones given', () => {
    const draw = sampler({ median: 300, p99: 3000 }, seededRandom(7));
    const values = Array.from({ length: 200_000 }, draw);
    expect(quantile(values, 0.5) / 300).toBeCloseTo(1, 1);
    expect(quantile(values, 0.99) / 3000).toBeCloseTo(1, 1);
    expect(values.every((value) => value > 0)).toBe(true);
  });

  it('draws the same values again from the same seed, and others from another', () => {
    const first = Array.from({ length: 5 }, sampler({ median: 10, p99: 100 }, seededRandom(3)));
    expect(Array.from({ length: 5 }, sampler({ median: 10, p99: 100 }, seededRandom(3)))).toEqual(first);
    expect(Array.from({ length: 5 }, sampler({ median: 10, p99: 100 }, seededRandom(4)))).not.toEqual(first);
  });
});

describe('logNormalSigma and medianOf', () => {
  it('read the spread and the middle of a distribution', () => {
    expect(logNormalSigma(5)).toBe(0);
    expect(logNormalSigma({ median: 10, p99: 10 })).toBe(0);
    expect(logNormalSigma({ median: 1000, p99: 10_000 })).toBeCloseTo(0.9898, 3);
    expect([medianOf(5), medianOf({ median: 300, p99: 3000 })]).toEqual([5, 300]);
  });
});
