/**
 * @upstream @docusaurus/theme-classic@3.10.2 src/theme/DocItem/Layout/index.tsx
 * @reason The theme decides with `useWindowSize` whether to render the desktop table of contents,
 * which re-renders the layout just after hydration on a phone; a wrapper cannot change that
 * decision. Docusaurus does not list DocItem/Layout among safe swizzles.
 * @internalApi @docusaurus/theme-classic@3.10.2 lib/theme/DocItem/Layout/styles.module.css: the
 * theme's class names for the doc column and its container, which no public API exposes; importing
 * them keeps the layout's widths and margins the theme's own.
 */
import type { ReactNode } from 'react';
import clsx from 'clsx';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import ContentVisibility from '@theme/ContentVisibility';
import DocBreadcrumbs from '@theme/DocBreadcrumbs';
import DocItemContent from '@theme/DocItem/Content';
import DocItemFooter from '@theme/DocItem/Footer';
import type { Props } from '@theme/DocItem/Layout';
import DocItemPaginator from '@theme/DocItem/Paginator';
import DocItemTOCDesktop from '@theme/DocItem/TOC/Desktop';
import DocItemTOCMobile from '@theme/DocItem/TOC/Mobile';
import DocVersionBadge from '@theme/DocVersionBadge';
import DocVersionBanner from '@theme/DocVersionBanner';
import styles from '@docusaurus/theme-classic/lib/theme/DocItem/Layout/styles.module.css';

/**
 * The theme's doc layout with both tables of contents rendered at every window size, each hidden by
 * the theme's CSS where it does not belong. The theme drops the desktop one with `useWindowSize`
 * once the page has hydrated on a phone, which re-rendered the layout in a long task just after
 * hydration (see `DocSidebar`).
 */
export default function DocItemLayout({ children }: Props): ReactNode {
  const { metadata, frontMatter, toc } = useDoc();
  const hidden = frontMatter.hide_table_of_contents;
  const showToc = !hidden && toc.length > 0;
  return (
    <div className="row">
      <div className={clsx('col', !hidden && styles.docItemCol)}>
        <ContentVisibility metadata={metadata} />
        <DocVersionBanner />
        <div className={styles.docItemContainer}>
          <article>
            <DocBreadcrumbs />
            <DocVersionBadge />
            {showToc && <DocItemTOCMobile />}
            <DocItemContent>{children}</DocItemContent>
            <DocItemFooter />
          </article>
          <DocItemPaginator />
        </div>
      </div>
      {showToc && (
        <div className="col col--3">
          <DocItemTOCDesktop />
        </div>
      )}
    </div>
  );
}
