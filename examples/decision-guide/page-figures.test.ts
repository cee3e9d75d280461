import { describe, expect, it } from 'vitest';
import { missingFigures } from '../lab/report/missing-figures.ts';
import { formatSignificant } from '../lab/report/format.ts';
import { assumed, judgement } from './assumptions.ts';
import { coldStartMs, hopMs } from './decide.ts';
import { labFacts } from './facts.ts';
import { citedClaimIds, guidePageFigures } from './page-figures.ts';

describe('guidePageFigures', () => {
  const figures = guidePageFigures(labFacts);

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(figures)).toEqual([]);
  });

  it('lists every assumed and judged value, and every claim it reads, in order', () => {
    expect(figures.assumedValues.map((row) => row.key)).toEqual(Object.values(assumed).map((value) => value.label));
    expect(figures.judgementValues.map((row) => row.shown)).toEqual(Object.values(judgement).map((value) => value.shown));
    expect(figures.cited.map((claim) => claim.id)).toEqual([...citedClaimIds]);
  });

  it('works the examples out with the rules’ own arithmetic: five real hops in a 5 ms budget, units in a row per target', () => {
    expect(figures.hopMs).toBe(formatSignificant(hopMs(labFacts)));
    expect(figures.fiveHopsOf5MsPercent).toBe(formatSignificant(((5 * hopMs(labFacts)) / 5) * 100));
    expect(figures.coldStartMs).toBe(formatSignificant(coldStartMs(labFacts)));
    // A stricter target allows fewer units in a row: (availability per unit)^n ≥ target.
    expect(figures.unitsAt9999).toBeLessThan(figures.unitsAt999);
    const perUnit = assumed.unitAvailabilityPercent.value / 100;
    expect(perUnit ** figures.unitsAt999).toBeGreaterThanOrEqual(0.999);
    expect(perUnit ** (figures.unitsAt999 + 1)).toBeLessThan(0.999);
  });
});
