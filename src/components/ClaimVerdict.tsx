import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { claimById } from '@site/examples/claims/registry';
import VerdictBadge from './VerdictBadge';

/**
 * The claim as the article states it and the verdict, both read from the claims registry, the reason
 * the evidence gives for it, and the step of the one verdict rule that decided it (linked to the page
 * that states the rule), so that a reader sees why that word and not another.
 */
export default function ClaimVerdict({ id, because, rule }: { id: string; because?: string; rule?: string }): ReactNode {
  const claim = claimById(id);
  return (
    <div className="alert alert--secondary" role="note" aria-label={`Claim ${id}`}>
      <p>
        <strong>The article says</strong> ({claim.architecture}): <q>{claim.articleSays}</q>
      </p>
      <p style={{ marginBottom: because || rule ? undefined : 0 }}>
        <strong>Verdict:</strong> <VerdictBadge verdict={claim.verdict} /> <code>{id}</code>
      </p>
      {because && <p style={{ marginBottom: rule ? undefined : 0 }}><strong>Because</strong> {because}.</p>}
      {rule && (
        <p style={{ marginBottom: 0 }}>
          <small>
            Decided by <Link to="/docs/how-verdicts-are-decided">the verdict rule</Link>: {rule}.
          </small>
        </p>
      )}
    </div>
  );
}
