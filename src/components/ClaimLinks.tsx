import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { claimById } from '@site/examples/claims/registry';

/**
 * Links to claims' sections, by id, in a sentence ("a, b and c"): for pages that say which claims
 * their figures come from, so the list is built from the ids, never typed.
 */
export default function ClaimLinks({ ids }: { ids: readonly string[] }): ReactNode {
  return ids.map((id, index) => (
    <span key={id}>
      {index === 0 ? '' : index === ids.length - 1 ? ' and ' : ', '}
      <Link to={`/docs/${claimById(id).page}#${id}`}>{id}</Link>
    </span>
  ));
}
