import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { claims, type Claim } from '@site/examples/claims/registry';
import VerdictBadge from './VerdictBadge';

/**
 * Claims from the registry: the article's words linking to each claim's section, and the verdict.
 * With an architecture, only its claims; without one, every claim with its architecture beside it.
 */
export default function ClaimTable({ architecture }: { architecture?: Claim['architecture'] }): ReactNode {
  const listed = claims.filter((claim) => !architecture || claim.architecture === architecture);
  const decided = listed.filter((claim) => claim.verdict !== 'pending').length;
  return (
    <div className="table-scroll">
      <table>
        <caption style={{ textAlign: 'left' }}>
          {architecture ? `Every ${architecture} claim of the article` : 'Every claim of the article'}: {decided} of {listed.length} decided.
        </caption>
        <thead>
          <tr>
            <th scope="col">The article says</th>
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
