import type { ReactNode } from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';

/**
 * A link to a file the site serves that is not a page (an evidence file, a JSON Schema), under the
 * site's base URL. A plain link, not @docusaurus/Link: the router would look for a page.
 *
 * @example
 * ```mdx
 * <SiteFileLink path="/systems/schema.json" />
 * ```
 */
export default function SiteFileLink({ path, children }: { path: string; children?: ReactNode }): ReactNode {
  return <a href={useBaseUrl(path)}>{children ?? <code>{path}</code>}</a>;
}
