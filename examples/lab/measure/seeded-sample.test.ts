import { describe, expect, it } from 'vitest';
import { seededSample } from './seeded-sample.ts';

describe('seededSample', () => {
  it('picks the same distinct, sorted indexes for the same seed, and others for another seed', () => {
    const picked = seededSample(100, 12, 7);
    expect(picked).toEqual(seededSample(100, 12, 7));
    expect(new Set(picked).size).toBe(12);
    expect(picked).toEqual([...picked].sort((a, b) => a - b));
    expect(picked.every((index) => Number.isInteger(index) && index >= 0 && index < 100)).toBe(true);
    expect(seededSample(100, 12, 8)).not.toEqual(picked);
  });

  it('never picks more than there are', () => {
    expect(seededSample(3, 5, 1)).toEqual([0, 1, 2]);
    expect(seededSample(0, 2, 1)).toEqual([]);
  });
});
