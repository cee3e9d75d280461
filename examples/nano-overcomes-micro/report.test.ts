import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-overcomes-micro.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { comparisonTable, keyFigure, pageFigures, referenceRows, referenceSystemsTable, weightingTable, type ComparisonRow, type Result } from './report.ts';

const row = (claim: string, winner: ComparisonRow['winner'], group: ComparisonRow['group'] = 'latency'): ComparisonRow => ({
  claim,
  group,
  label: `${claim} figure`,
  unit: 'ms',
  better: 'lower',
  nanoservices: 1,
  microservices: 2,
  winner,
  ratio: 0.5,
  ratioInterval: null,
});

// Three winners in three different counts, in four groups, so a count read from the wrong winner or
// a vote counted per figure instead of per group reads wrong.
const result: Result = {
  rows: [
    row('nano-chaining', 'microservices'),
    row('nano-chaining', 'microservices'),
    row('nano-easy-deploy', 'microservices', 'footprint'),
    row('nano-own-security', 'nanoservices', 'security'),
    row('nano-own-security', 'nanoservices', 'security'),
    row('nano-flexibility', 'tie', 'change'),
  ],
  sources: [
    { claim: 'nano-chaining', sourceHash: 'a', date: '2026-01-01T00:00:00.000Z' },
    { claim: 'nano-own-security', sourceHash: 'b', date: '2026-01-01T00:00:00.000Z' },
  ],
  weights: { latency: 1, availability: 1, footprint: 1, security: 1, change: 1 },
  referenceSystems: referenceStructures(),
};

describe('pageFigures', () => {
  it('counts the dimensions each shape won and the ties', () => {
    const figures = pageFigures(result);
    expect(figures.dimensions).toBe(6);
    expect([figures.nanoservicesBetter, figures.microservicesBetter, figures.even]).toEqual([2, 3, 1]);
  });

  it('reads the tie tolerance as a percentage', () => {
    expect(pageFigures(result).tieTolerance).toBe('5%');
  });

  it('shows the ratio with its interval where the evidence kept every run, and as one figure otherwise', () => {
    const withRuns = { ...result, rows: [{ ...row('nano-chaining', 'microservices'), ratioInterval: { estimate: 1.72, low: 1.6, high: 1.81, runs: 5 } }, row('nano-own-security', 'nanoservices', 'security')] };
    expect(comparisonTable(withRuns).rows.map((r) => r.ratio)).toEqual(['1.72× [1.60–1.81×]', '0.5×']);
  });

  it('lists the claims the rows came from, by id, for the page to link', () => {
    expect(pageFigures(result).sourceClaims).toEqual(['nano-chaining', 'nano-own-security']);
  });

  it('counts groups, not figures: microservices ahead on latency and footprint, nanoservices on security, change even', () => {
    const figures = pageFigures(result);
    expect(figures.groups).toBe(4);
    expect(figures.groupsWon).toEqual({ nanoservices: 1, microservices: 2, even: 1 });
    expect(figures.nanoGroups).toBe('security');
  });

  it('states each named weighting’s score and side, and the one most favourable to nanoservices', () => {
    const figures = pageFigures(result);
    // Each group once: (−1 −1 +1 + 0) / 4 = −25%. Security first: (−1 −1 +3 + 0) / 6 = +17%.
    expect(figures.weightings[0]).toEqual({ name: 'each group once', score: '−25%', ahead: 'microservices' });
    expect(figures.mostFavourable).toEqual({ name: 'security first', score: '+17%', ahead: 'nanoservices' });
    expect(weightingTable(result).rows.map((r) => r.ahead)).toEqual(['microservices', 'microservices', 'microservices', 'microservices', 'nanoservices']);
  });

  it('weighs the structure of each reference system the same way, nanoservices against that system’s own microservices', () => {
    // Online Boutique's services hold one or two operations each: the same calls, contracts and
    // breaking-change releases as its nanoservices (ties), four fewer processes, a little less isolation.
    const boutique = referenceRows(result, 'online-boutique');
    const winner = (label: string) => boutique.find((row) => row.label.startsWith(label))?.winner;
    expect([winner('calls over the network'), winner('contracts'), winner('units released'), winner('processes')]).toEqual(['tie', 'tie', 'tie', 'microservices']);
    expect(winner('operations still answering')).toBe('nanoservices');
    // Each group once: latency 0, availability +1, footprint −1, security +½, change +⅓ → +17%.
    expect(pageFigures(result).referenceOutcomes).toMatch(/checkout.* −7% \(microservices ahead\), Online Boutique.* \+17% \(nanoservices ahead\) and .*Alibaba.* −7% \(microservices ahead\)$/);
    expect(pageFigures(result).referenceNanoAhead).toMatch(/^Online Boutique/);
    expect(referenceSystemsTable(result).rows).toHaveLength(3 * 8);
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as Result))).toEqual([]);
  });
});

describe('keyFigure', () => {
  it('counts groups, not figures, and names the weightings that put nanoservices ahead', () => {
    expect(keyFigure(result)).toBe('microservices led 2 of 4 groups of related figures (6 figures), nanoservices 1; nanoservices ahead only under security first');
  });

  it('gives the score of the kindest weighting when none puts nanoservices ahead', () => {
    const noSecurity = { ...result, rows: result.rows.filter((r) => r.group !== 'security') };
    expect(keyFigure(noSecurity)).toBe('microservices led 2 of 3 groups of related figures (4 figures), nanoservices 0; no weighting tried puts nanoservices ahead, team autonomy first scores −40%');
  });

  it('is null for a summary without rows', () => {
    expect(keyFigure({ ...result, rows: [] })).toBeNull();
  });
});
