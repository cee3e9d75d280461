// Browser-safe: the home page leads with this summary.
import { verdicts, type Verdict } from '../lab/experiment/verdict.ts';
import type { Claim } from './registry.ts';

/** How a count of claims with a verdict reads: "8 hold with a cost". */
export const verdictPhrases: Readonly<Record<Verdict, { readonly one: string; readonly many: string }>> = {
  holds: { one: 'holds', many: 'hold' },
  'holds-with-cost': { one: 'holds with a cost', many: 'hold with a cost' },
  conditional: { one: 'is conditional', many: 'are conditional' },
  'does-not-hold': { one: 'does not hold', many: 'do not hold' },
  misattributed: { one: 'is misattributed', many: 'are misattributed' },
  'not-testable': { one: 'is not testable', many: 'are not testable' },
  pending: { one: 'is pending', many: 'are pending' },
};

/** One verdict and how many claims have it. */
export interface VerdictCount {
  readonly verdict: Verdict;
  readonly count: number;
  /** "8 hold with a cost", "1 does not hold". */
  readonly text: string;
}

/**
 * How many claims have each verdict, in the order of `verdicts`. Every verdict is listed, even at
 * zero (that no claim holds is a finding), except `pending` when no claim is pending.
 *
 * @example
 * ```ts
 * verdictCounts(claims).find((c) => c.verdict === 'misattributed'); // { verdict: 'misattributed', count: 7, text: '7 are misattributed' }
 * ```
 */
export function verdictCounts(listed: readonly Pick<Claim, 'verdict'>[]): VerdictCount[] {
  return verdicts
    .map((verdict) => {
      const count = listed.filter((claim) => claim.verdict === verdict).length;
      return { verdict, count, text: `${count} ${count === 1 ? verdictPhrases[verdict].one : verdictPhrases[verdict].many}` };
    })
    .filter(({ verdict, count }) => verdict !== 'pending' || count > 0);
}

/**
 * How many claims there are and how many have each verdict, as one sentence.
 *
 * @example
 * ```ts
 * verdictCountSentence(claims); // 'The article makes 20 claims: 0 hold, 8 hold with a cost, 2 are conditional, ... and 2 are not testable.'
 * ```
 */
export function verdictCountSentence(listed: readonly Pick<Claim, 'verdict'>[]): string {
  return `The article makes ${listed.length} claim${listed.length === 1 ? '' : 's'}: ${joinList(verdictCounts(listed).map((c) => c.text))}.`;
}

const joinList = (parts: readonly string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

/**
 * What the verdicts mean, in one sentence computed from them: of the claims that could be tested, how
 * many hold as stated, and how many hold only at a cost, only under a condition, or not at all.
 *
 * @example
 * ```ts
 * findingSentence(claims);
 * // 'None of the 18 claims that could be tested holds as the article states them: 8 hold only at a cost
 * //  it does not mention, 2 hold only under a condition and 8 do not hold or credit the size of the
 * //  services with what comes from elsewhere.'
 * ```
 */
export function findingSentence(listed: readonly Pick<Claim, 'verdict'>[]): string {
  const count = (...of: Verdict[]) => listed.filter((claim) => of.includes(claim.verdict)).length;
  const tested = listed.length - count('not-testable', 'pending');
  if (tested === 0) return 'No claim has been tested yet.';
  const holds = count('holds');
  const lead = `${holds === 0 ? 'None' : holds} of the ${tested} claim${tested === 1 ? '' : 's'} that could be tested ${holds <= 1 ? 'holds' : 'hold'} as the article states ${tested === 1 ? 'it' : 'them'}`;
  const groups = [
    { n: count('holds-with-cost'), one: 'holds only at a cost it does not mention', many: 'hold only at a cost it does not mention' },
    { n: count('conditional'), one: 'holds only under a condition', many: 'hold only under a condition' },
    {
      n: count('does-not-hold', 'misattributed'),
      one: 'does not hold or credits the size of the services with what comes from elsewhere',
      many: 'do not hold or credit the size of the services with what comes from elsewhere',
    },
  ];
  const parts = groups.filter(({ n }) => n > 0).map(({ n, one, many }) => `${n} ${n === 1 ? one : many}`);
  return parts.length ? `${lead}: ${joinList(parts)}.` : `${lead}.`;
}
