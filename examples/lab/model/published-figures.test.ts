import { describe, expect, it } from 'vitest';
import { publishedFigures, publishedFiguresOf } from './published-figures.ts';

describe('published figures', () => {
  it('each has a positive value, a label, a source and an https address', () => {
    for (const figure of publishedFigures) {
      expect(figure.value, figure.label).toBeGreaterThan(0);
      expect(figure.source.length, figure.label).toBeGreaterThan(10);
      expect(figure.url, figure.label).toMatch(/^https:\/\/[^\s]+$/);
    }
  });
  it('are picked by quantity, in the order listed', () => {
    expect(publishedFiguresOf('fanOut').map((figure) => figure.value)).toEqual([4, 13, 100]);
    expect(publishedFiguresOf('workPerCallUs').every((figure) => figure.quantity === 'workPerCallUs')).toBe(true);
  });
});
