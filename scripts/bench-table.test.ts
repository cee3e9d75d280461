import { describe, expect, it } from 'vitest';
import { benchTable } from './bench-table.ts';
import type { PageFigures } from './budgets.ts';

const page = (name: string, path: string, performance: number): PageFigures => ({
  name,
  path,
  runs: 3,
  performance,
  accessibility: 100,
  bestPractices: 100,
  seo: 100,
  cumulativeLayoutShift: 0,
  totalBlockingTimeMs: 120,
  largestContentfulPaintMs: 2100,
  scriptKiB: 163,
});

describe('benchTable', () => {
  it('prints one row per page with the figures README quotes, then the clean build time', () => {
    const table = benchTable([page('home', '/', 98), page('section index', '/docs/microservices', 91)], 212.4, 'CPU slowdown 4× (the preset’s own)');
    expect(table.split('\n')).toEqual([
      'Lighthouse 12 mobile preset, CPU slowdown 4× (the preset’s own)',
      '',
      '| page | JS at load, KiB (gzip) | total blocking time, ms | performance (median of 3) |',
      '|---|---|---|---|',
      '| home (/) | 163 | 120 | 98 |',
      '| section index (/docs/microservices) | 163 | 120 | 91 |',
      '',
      'clean build: 212 s',
    ]);
  });

  it('says when the build was not measured', () => {
    expect(benchTable([page('home', '/', 98)], null, '').endsWith('clean build: not measured (--no-build)')).toBe(true);
  });
});
