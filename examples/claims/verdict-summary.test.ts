import { describe, expect, it } from 'vitest';
import { verdicts, type Verdict } from '../lab/experiment/verdict.ts';
import { claims } from './registry.ts';
import { findingSentence, verdictCountSentence, verdictCounts } from './verdict-summary.ts';

const withVerdicts = (...list: Verdict[]) => list.map((verdict) => ({ verdict }));

describe('the verdict summary', () => {
  it('counts every claim of the registry once, under its verdict', () => {
    const counts = verdictCounts(claims);
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(claims.length);
    for (const { verdict, count } of counts) expect(count).toBe(claims.filter((claim) => claim.verdict === verdict).length);
  });

  it('lists every verdict in order, zero counts included, and pending only when a claim is pending', () => {
    const none = verdictCounts(withVerdicts('misattributed'));
    expect(none.map((c) => c.verdict)).toEqual(verdicts.filter((verdict) => verdict !== 'pending'));
    expect(none.find((c) => c.verdict === 'holds')?.text).toBe('0 hold');
    expect(none.find((c) => c.verdict === 'misattributed')?.text).toBe('1 is misattributed');
    expect(verdictCounts(withVerdicts('pending', 'pending')).find((c) => c.verdict === 'pending')?.text).toBe('2 are pending');
  });

  it('says how many claims have each verdict in one sentence', () => {
    expect(verdictCountSentence(withVerdicts('holds-with-cost', 'holds-with-cost', 'misattributed'))).toBe(
      'The article makes 3 claims: 0 hold, 2 hold with a cost, 0 are conditional, 0 do not hold, 1 is misattributed and 0 are not testable.',
    );
    expect(verdictCountSentence(claims)).toMatch(new RegExp(`^The article makes ${claims.length} claims: `));
  });

  it('says what the verdicts mean, leaving untested claims out', () => {
    expect(findingSentence(withVerdicts('holds-with-cost', 'holds-with-cost', 'conditional', 'misattributed', 'does-not-hold', 'not-testable'))).toBe(
      'None of the 5 claims that could be tested holds as the article states them: 2 hold only at a cost it does not mention, 1 holds only under a condition and 2 do not hold or credit the size of the services with what comes from elsewhere.',
    );
    expect(findingSentence(withVerdicts('holds', 'holds', 'misattributed'))).toBe(
      '2 of the 3 claims that could be tested hold as the article states them: 1 does not hold or credits the size of the services with what comes from elsewhere.',
    );
    expect(findingSentence(withVerdicts('holds'))).toBe('1 of the 1 claim that could be tested holds as the article states it.');
    expect(findingSentence(withVerdicts('pending', 'not-testable'))).toBe('No claim has been tested yet.');
  });

  it('reads the registry: its numbers are the registry’s counts', () => {
    const sentence = findingSentence(claims);
    const tested = claims.filter((claim) => claim.verdict !== 'not-testable' && claim.verdict !== 'pending').length;
    expect(sentence).toContain(`of the ${tested} claims that could be tested`);
  });
});
