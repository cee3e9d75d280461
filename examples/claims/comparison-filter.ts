// Browser-safe: the comparison page filters its table with these.
import { verdicts, type Verdict } from '../lab/experiment/verdict.ts';
import type { Claim } from './registry.ts';

/** What the comparison table shows: one verdict, one architecture, or null for every one. */
export interface ClaimFilter {
  readonly verdict: Verdict | null;
  readonly architecture: Claim['architecture'] | null;
}

/** No filter: every claim. */
export const everyClaim: ClaimFilter = { verdict: null, architecture: null };

/**
 * Reads the filter from a URL query. `architectures` are the ones the registry has (a comparison added
 * with the scaffolder brings its own); unknown values are ignored, so a stale link shows every claim
 * rather than none.
 *
 * @example
 * ```ts
 * parseClaimFilter('?verdict=misattributed&architecture=microservices', ['microservices']); // { verdict: 'misattributed', architecture: 'microservices' }
 * parseClaimFilter('?verdict=maybe', ['microservices']); // { verdict: null, architecture: null }
 * ```
 */
export function parseClaimFilter(search: string, architectures: readonly Claim['architecture'][]): ClaimFilter {
  const query = new URLSearchParams(search);
  const verdict = query.get('verdict');
  const architecture = query.get('architecture');
  return {
    verdict: verdicts.find((known) => known === verdict) ?? null,
    architecture: architectures.find((known) => known === architecture) ?? null,
  };
}

/**
 * The URL query for a filter: empty for every claim, so the plain page URL stays plain.
 *
 * @example
 * ```ts
 * claimFilterQuery({ verdict: 'misattributed', architecture: null }); // '?verdict=misattributed'
 * claimFilterQuery(everyClaim); // ''
 * ```
 */
export function claimFilterQuery(filter: ClaimFilter): string {
  const query = new URLSearchParams();
  if (filter.verdict) query.set('verdict', filter.verdict);
  if (filter.architecture) query.set('architecture', filter.architecture);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/**
 * Whether a claim passes the filter.
 *
 * @example
 * ```ts
 * matchesClaimFilter(claimById('nano-chaining'), { verdict: 'holds-with-cost', architecture: null }); // true
 * ```
 */
export function matchesClaimFilter(claim: Pick<Claim, 'verdict' | 'architecture'>, filter: ClaimFilter): boolean {
  return (filter.verdict === null || claim.verdict === filter.verdict) && (filter.architecture === null || claim.architecture === filter.architecture);
}

/**
 * The count the page announces as the filter changes.
 *
 * @example
 * ```ts
 * showingText(7, 20); // 'Showing 7 of 20 claims'
 * showingText(1, 20); // 'Showing 1 of 20 claims'
 * ```
 */
export function showingText(shown: number, total: number): string {
  return `Showing ${shown} of ${total} claim${total === 1 ? '' : 's'}`;
}
