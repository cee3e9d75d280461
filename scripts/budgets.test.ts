import { describe, expect, it } from 'vitest';
import { median } from '../examples/lab/measure/stats.ts';
import { budgetFailures, cpuSlowdownFor, figuresTable, needsAnotherRun, type Budget, type PageFigures } from './budgets.ts';

const budget: Budget = { minPerformance: 90, minAccessibility: 100, minBestPractices: 100, minSeo: 100, maxCumulativeLayoutShift: 0.01, maxPlainPageScriptKiB: 191 };
const page: PageFigures = {
  name: 'intro', path: '/docs/intro', runs: 3, performance: 97, accessibility: 100, bestPractices: 100, seo: 100,
  cumulativeLayoutShift: 0, totalBlockingTimeMs: 40, largestContentfulPaintMs: 1800, scriptKiB: 150,
};

describe('budgetFailures', () => {
  it('passes a page within the budget', () => {
    expect(budgetFailures([page], budget, new Set(['/docs/intro']))).toEqual([]);
  });

  it('names every figure that misses, with the page and the limit', () => {
    const slow = { ...page, performance: 84, seo: 92, cumulativeLayoutShift: 0.15, scriptKiB: 240 };
    expect(budgetFailures([slow], budget, new Set(['/docs/intro']))).toEqual([
      '/docs/intro: performance 84 < 90',
      '/docs/intro: SEO 92 < 100',
      '/docs/intro: CLS 0.15 > 0.01',
      '/docs/intro: 240 KiB of JavaScript > 191 KiB',
    ]);
  });

  it('holds only plain doc pages to the JavaScript budget', () => {
    expect(budgetFailures([{ ...page, scriptKiB: 240 }], budget, new Set())).toEqual([]);
  });
});

describe('figuresTable', () => {
  it('prints one Markdown row per page', () => {
    const table = figuresTable([page]).split('\n');
    expect(table).toHaveLength(3);
    expect(table[2]).toBe('| intro (/docs/intro) | 3 | 97 | 100 | 100 | 100 | 0 | 40 | 1800 | 150 |');
  });
});

describe('cpuSlowdownFor', () => {
  it('gives the preset 4× on the host the preset assumes, and less on a slower host', () => {
    expect(cpuSlowdownFor(1533)).toBeCloseTo(4, 2);
    expect(cpuSlowdownFor(1300)).toBe(3);
    expect(cpuSlowdownFor(1050)).toBe(2.5);
    expect(cpuSlowdownFor(800)).toBe(2);
    expect(cpuSlowdownFor(150)).toBe(1);
    expect(cpuSlowdownFor(100)).toBe(1);
  });

  it('never slows more than the preset’s 4×, however fast a reading says the host is', () => {
    expect(cpuSlowdownFor(1600)).toBe(4);
    expect(cpuSlowdownFor(2000)).toBe(4);
  });

  it('refuses a benchmark that is not a positive number', () => {
    expect(() => cpuSlowdownFor(Number.NaN)).toThrow('benchmarkIndex must be a positive number');
    expect(() => cpuSlowdownFor(0)).toThrow('benchmarkIndex must be a positive number');
  });
});

describe('needsAnotherRun', () => {
  it('takes the planned runs first', () => {
    expect(needsAnotherRun([], 90, 3, 2)).toBe(true);
    expect(needsAnotherRun([99, 99], 90, 3, 2)).toBe(true);
  });

  it('judges a page within budget on the planned runs', () => {
    expect(needsAnotherRun([95, 96, 94], 90, 3, 2)).toBe(false);
    expect(needsAnotherRun([90, 85, 97], 90, 3, 2)).toBe(false);
  });

  it('measures a page that misses again, and judges it on all its runs once the confirmation runs are in', () => {
    expect(needsAnotherRun([88, 91, 87], 90, 3, 2)).toBe(true);
    expect(needsAnotherRun([88, 91, 87, 92], 90, 3, 2)).toBe(true);
    expect(needsAnotherRun([88, 91, 87, 92, 86], 90, 3, 2)).toBe(false);
    expect(median([88, 91, 87, 92, 86])).toBeLessThan(90);
  });

  it('stops as soon as the median is within budget', () => {
    expect(needsAnotherRun([88, 91, 87, 95], 90, 3, 2)).toBe(true);
    expect(needsAnotherRun([88, 91, 87, 95, 96], 90, 3, 2)).toBe(false);
    expect(needsAnotherRun([85, 91, 89, 93], 90, 3, 2)).toBe(false);
  });
});
