import { describe, expect, it } from 'vitest';
import { lowerMedian, median, medianOrNull, percentile } from './stats.ts';

describe('median', () => {
  it('is the middle value of an odd count and the mean of the middle two of an even count, whatever the order', () => {
    expect(median([91, 97, 88])).toBe(91);
    expect(median([1, 4, 2, 3])).toBe(2.5);
    expect(median([5])).toBe(5);
  });

  it('does not reorder the list it is given', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => expect(() => median([])).toThrow('median of no values'));
});

describe('medianOrNull', () => {
  it('is the median when every figure was read, null when one is missing', () => {
    expect(medianOrNull([3, 1, 2])).toBe(2);
    expect(medianOrNull([3, null, 2])).toBeNull();
  });
});

describe('lowerMedian', () => {
  it('takes the smaller of the middle two, so the figure is one that was measured; null for none', () => {
    expect(lowerMedian([1, 4, 2, 3])).toBe(2);
    expect(lowerMedian([7, 5, 6])).toBe(6);
    expect(lowerMedian([])).toBeNull();
  });
});

describe('percentile', () => {
  it('takes the nearest rank: a value that was measured', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 99)).toBe(5);
    expect(percentile([5, 1, 4, 2, 3], 0)).toBe(1);
    expect(percentile([], 50)).toBeNull();
  });
});
