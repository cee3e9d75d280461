import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { articleClaims, claims, comparisons, type Claim } from '@site/examples/claims/registry';
import VerdictBadge from './VerdictBadge';

/**
 * Claims from the registry: their words linking to each claim's section, and the verdict. With an
 * architecture (or a comparison's slug), only its claims; with `articleOnly`, the seed article's;
 * otherwise every claim, with its architecture beside it.
 */
export default function ClaimTable({ architecture, articleOnly = false }: { architecture?: Claim['architecture']; articleOnly?: boolean }): ReactNode {
  const listed = (articleOnly ? articleClaims : claims).filter((claim) => !architecture || claim.architecture === architecture);
  const decided = listed.filter((claim) => claim.verdict !== 'pending').length;
  const comparison = comparisons.find((candidate) => candidate.slug === architecture);
  const caption = comparison ? `Every claim of ${comparison.title}` : architecture ? `Every ${architecture} claim of the article` : articleOnly ? 'Every claim of the article' : 'Every claim';
  return (
    <div className="table-scroll">
      <table>
        <caption style={{ textAlign: 'left' }}>
          {caption}: {decided} of {listed.length} decided.
        </caption>
        <thead>
          <tr>
            <th scope="col">{comparison ? 'The claim' : 'The article says'}</th>
            {!architecture && <th scope="col">Architecture</th>}
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {listed.map((claim) => (
            <tr key={claim.id}>
              <td>{claim.verdict === 'pending' ? <q>{claim.articleSays}</q> : <Link to={`/docs/${claim.page}#${claim.id}`}>“{claim.articleSays}”</Link>}</td>
              {!architecture && <td>{claim.architecture}</td>}
              <td>
                <VerdictBadge verdict={claim.verdict} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
