import { type ChangeEvent, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { useHistory, useLocation } from '@docusaurus/router';
import useBaseUrl from '@docusaurus/useBaseUrl';
import useIsBrowser from '@docusaurus/useIsBrowser';
import claimFigures from '@generated/claim-figures/default/claim-figures.json';
import { claimFilterQuery, everyClaim, matchesClaimFilter, parseClaimFilter, showingText, type ClaimFilter } from '@site/examples/claims/comparison-filter';
import { claims, type Claim } from '@site/examples/claims/registry';
import type { Verdict } from '@site/examples/lab/experiment/verdict';
import VerdictBadge from './VerdictBadge';

// Read by screen readers, not shown: the column stays narrow and each link still names its file.
const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' } as const;

// Worked out when the site is built (plugins/claim-figures): the page does not load the evidence files.
const rows = claims.map((claim) => ({ claim, figure: claimFigures[claim.id]?.figure ?? null, hasEvidence: claimFigures[claim.id]?.hasEvidence ?? false }));
const countOf = <K extends 'verdict' | 'architecture'>(key: K, value: Claim[K]) => claims.filter((claim) => claim[key] === value).length;
const verdictOptions = [...new Set(claims.map((claim) => claim.verdict))];
const architectureOptions = [...new Set(claims.map((claim) => claim.architecture))];

/**
 * Every claim of the registry in one table: the article's words, the architecture, the verdict, the
 * key figure from its evidence and a link to that evidence file, as the site serves it. Select boxes
 * filter it by verdict and architecture once the page is interactive; the filter lives in the URL
 * query, so a filtered view can be linked. The server renders every claim, so the page reads the
 * same without JavaScript.
 *
 * @example
 * ```mdx
 * <ClaimComparison />
 * ```
 */
export default function ClaimComparison(): ReactNode {
  // The folder the site serves the evidence files from (plugins/evidence-files), under its base URL.
  const evidenceFolder = useBaseUrl('/evidence/');
  const location = useLocation();
  const history = useHistory();
  // The server knows no query: the first render in the browser must match its HTML, so the filter
  // from the URL applies from the render after hydration.
  const filter = useIsBrowser() ? parseClaimFilter(location.search, architectureOptions) : everyClaim;
  const shown = rows.filter(({ claim }) => matchesClaimFilter(claim, filter));

  const update = (change: Partial<ClaimFilter>) => history.replace({ pathname: location.pathname, search: claimFilterQuery({ ...filter, ...change }), hash: location.hash });
  const onVerdict = (event: ChangeEvent<HTMLSelectElement>) => update({ verdict: (event.target.value || null) as Verdict | null });
  const onArchitecture = (event: ChangeEvent<HTMLSelectElement>) => update({ architecture: (event.target.value || null) as Claim['architecture'] | null });

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1.5rem', alignItems: 'end', marginBottom: '0.75rem' }}>
        <div>
          <label htmlFor="comparison-verdict" style={{ display: 'block', fontWeight: 600 }}>
            Verdict
          </label>
          <select id="comparison-verdict" value={filter.verdict ?? ''} onChange={onVerdict}>
            <option value="">Every verdict ({claims.length})</option>
            {verdictOptions.map((verdict) => (
              <option key={verdict} value={verdict}>
                {verdict} ({countOf('verdict', verdict)})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="comparison-architecture" style={{ display: 'block', fontWeight: 600 }}>
            Architecture
          </label>
          <select id="comparison-architecture" value={filter.architecture ?? ''} onChange={onArchitecture}>
            <option value="">Every architecture ({claims.length})</option>
            {architectureOptions.map((architecture) => (
              <option key={architecture} value={architecture}>
                {architecture} ({countOf('architecture', architecture)})
              </option>
            ))}
          </select>
        </div>
        <p role="status" aria-live="polite" style={{ margin: 0 }}>
          {showingText(shown.length, claims.length)}
        </p>
      </div>
      <div className="table-scroll">
        <table>
          <caption style={{ textAlign: 'left' }}>Every claim of the article: its verdict, the figure the verdict rests on, and the evidence file it comes from</caption>
          <thead>
            <tr>
              <th scope="col">The article says</th>
              <th scope="col">Architecture</th>
              <th scope="col">Verdict</th>
              <th scope="col">Key figure</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ claim, figure, hasEvidence }) => (
              <tr key={claim.id} data-claim-id={claim.id} data-verdict={claim.verdict} data-architecture={claim.architecture}>
                <th scope="row" style={{ fontWeight: 'normal', textAlign: 'left', minWidth: '10rem' }}>
                  <Link to={`/docs/${claim.page}#${claim.id}`}>“{claim.articleSays}”</Link>
                </th>
                <td>{claim.architecture}</td>
                <td>
                  <VerdictBadge verdict={claim.verdict} />
                </td>
                <td style={{ minWidth: '13rem' }}>{figure ?? '—'}</td>
                {/* Relative, so the hidden text is placed inside the scrolling table, not beside the page. */}
                <td style={{ position: 'relative' }}>
                  {hasEvidence ? (
                    <a href={`${evidenceFolder}${claim.id}.json`}>
                      JSON<span style={visuallyHidden}> evidence of {claim.id}</span>
                    </a>
                  ) : (
                    'none'
                  )}
                </td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={5}>No claim has this verdict and this architecture.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
