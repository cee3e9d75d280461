import type { ReactNode } from 'react';
import { claimById } from '@site/examples/claims/registry';
import VerdictBadge from './VerdictBadge';

/**
 * The claim as the article states it and the verdict, both read from the claims registry, and the
 * reason the evidence gives for it.
 */
export default function ClaimVerdict({ id, because }: { id: string; because?: string }): ReactNode {
  const claim = claimById(id);
  return (
    <div className="alert alert--secondary" role="note" aria-label={`Claim ${id}`}>
      <p>
        <strong>The article says</strong> ({claim.architecture}): <q>{claim.articleSays}</q>
      </p>
      <p style={{ marginBottom: because ? undefined : 0 }}>
        <strong>Verdict:</strong> <VerdictBadge verdict={claim.verdict} /> <code>{id}</code>
      </p>
      {because && <p style={{ marginBottom: 0 }}><strong>Because</strong> {because}.</p>}
    </div>
  );
}
