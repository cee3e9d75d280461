import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { claims, type Claim } from '@site/examples/claims/registry';
import VerdictBadge from './VerdictBadge';

/** Every claim of one architecture from the registry: the article's words, the verdict, a link to its section. */
export default function ClaimTable({ architecture }: { architecture: Claim['architecture'] }): ReactNode {
  const listed = claims.filter((claim) => claim.architecture === architecture);
  return (
    <div className="table-scroll">
      <table>
        <caption style={{ textAlign: 'left' }}>
          Every {architecture} claim of the article: {listed.filter((claim) => claim.verdict !== 'pending').length} of {listed.length} decided.
        </caption>
        <thead>
          <tr>
            <th scope="col">The article says</th>
            <th scope="col">Verdict</th>
            <th scope="col">Claim</th>
          </tr>
        </thead>
        <tbody>
          {listed.map((claim) => (
            <tr key={claim.id}>
              <td>{claim.verdict === 'pending' ? <q>{claim.articleSays}</q> : <Link to={`/docs/${claim.page}#${claim.id}`}>“{claim.articleSays}”</Link>}</td>
              <td>
                <VerdictBadge verdict={claim.verdict} />
              </td>
              <td>
                <code>{claim.id}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
