import type { ReactNode } from 'react';
import { claimById } from '@site/examples/claims/registry';

/** The sources of a claim's verdict, from the claims registry. */
export default function Citations({ id }: { id: string }): ReactNode {
  return (
    <ol>
      {claimById(id).citations.map((citation) => (
        <li key={citation.url}>
          {citation.author}, <a href={citation.url}>{citation.title}</a> ({citation.year}).
        </li>
      ))}
    </ol>
  );
}
