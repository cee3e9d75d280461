import { describe, expect, it } from 'vitest';
import { missingFigures } from './missing-figures.ts';

describe('missingFigures', () => {
  it('names the path of every undefined, NaN or infinite value, and nothing else', () => {
    expect(missingFigures({ a: 1, b: { c: Number.NaN }, d: [2, undefined], e: null, f: 'x', g: Number.POSITIVE_INFINITY })).toEqual(['b.c', 'd[1]', 'g']);
    expect(missingFigures({ a: 1, b: [{ c: 'ok' }] })).toEqual([]);
    expect(missingFigures(undefined)).toEqual(['(the value)']);
  });
});
