import type { ReactNode } from 'react';
import { useRepositoryUrl } from './repository';

/**
 * A link to a file of the repository on GitHub, made from the one repository setting
 * (`customFields.repository`), so that a page never types the repository's address.
 *
 * @example
 * ```mdx
 * <SourceLink path="examples/claims/registry.ts" />
 * ```
 */
export default function SourceLink({ path, children }: { path: string; children?: ReactNode }): ReactNode {
  const repository = useRepositoryUrl();
  return <a href={`${repository}/blob/main/${path}`}>{children ?? <code>{path}</code>}</a>;
}
