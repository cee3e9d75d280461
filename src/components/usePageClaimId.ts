import { useDoc } from '@docusaurus/plugin-content-docs/client';
import { claims } from '@site/examples/claims/registry';

/**
 * The id of the claim whose section the current doc page holds, from the registry's `page`; for a
 * page no claim names, the last part of the doc's id. Inside a doc page only.
 *
 * @example
 * ```tsx
 * const claimId = usePageClaimId(); // 'nano-chaining' on docs/nanoservices/chaining
 * ```
 */
export function usePageClaimId(): string {
  const { metadata } = useDoc();
  return claims.find((claim) => claim.page === metadata.id)?.id ?? metadata.id.split('/').pop() ?? metadata.id;
}
