import { describe, expect, it } from 'vitest';
import { claimFilterQuery, everyClaim, matchesClaimFilter, parseClaimFilter, showingText } from './comparison-filter.ts';
import { claimById, claims } from './registry.ts';

describe('the comparison filter', () => {
  it('reads a verdict and an architecture from the URL query, and ignores what it does not know', () => {
    const known = ['nanoservices', 'microservices', 'modular-monolith'];
    expect(parseClaimFilter('?verdict=misattributed&architecture=microservices', known)).toEqual({ verdict: 'misattributed', architecture: 'microservices' });
    expect(parseClaimFilter('architecture=nanoservices', known)).toEqual({ verdict: null, architecture: 'nanoservices' });
    expect(parseClaimFilter('architecture=modular-monolith', known)).toEqual({ verdict: null, architecture: 'modular-monolith' });
    expect(parseClaimFilter('?verdict=maybe&architecture=monolith', known)).toEqual(everyClaim);
    expect(parseClaimFilter('architecture=modular-monolith', ['microservices'])).toEqual(everyClaim);
    expect(parseClaimFilter('', known)).toEqual(everyClaim);
  });

  it('writes a query that reads back as the same filter, and none for every claim', () => {
    const filter = { verdict: 'holds-with-cost', architecture: 'microservices' } as const;
    expect(claimFilterQuery(filter)).toBe('?verdict=holds-with-cost&architecture=microservices');
    expect(parseClaimFilter(claimFilterQuery(filter), ['microservices'])).toEqual(filter);
    expect(claimFilterQuery({ verdict: null, architecture: 'nanoservices' })).toBe('?architecture=nanoservices');
    expect(claimFilterQuery(everyClaim)).toBe('');
  });

  it('lets every claim through without a filter, and only matching claims with one', () => {
    expect(claims.filter((claim) => matchesClaimFilter(claim, everyClaim))).toHaveLength(claims.length);
    const chaining = claimById('nano-chaining');
    expect(matchesClaimFilter(chaining, { verdict: chaining.verdict, architecture: null })).toBe(true);
    expect(matchesClaimFilter(chaining, { verdict: chaining.verdict, architecture: 'microservices' })).toBe(false);
    expect(matchesClaimFilter(chaining, { verdict: 'not-testable', architecture: 'nanoservices' })).toBe(false);
    const both = claims.filter((claim) => matchesClaimFilter(claim, { verdict: 'misattributed', architecture: 'microservices' }));
    expect(both.every((claim) => claim.verdict === 'misattributed' && claim.architecture === 'microservices')).toBe(true);
  });

  it('says how many claims it shows', () => {
    expect(showingText(7, 20)).toBe('Showing 7 of 20 claims');
    expect(showingText(0, 1)).toBe('Showing 0 of 1 claim');
  });
});
