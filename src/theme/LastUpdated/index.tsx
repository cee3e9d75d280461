/**
 * @upstream @docusaurus/theme-classic@3.10.2 src/theme/LastUpdated/index.tsx
 * @reason The theme formats the date with `Intl.DateTimeFormat` inside the component, which loads
 * the browser's locale data during hydration; a wrapper would still render it. Written anew with
 * the theme's text and markup. Docusaurus does not list LastUpdated among safe swizzles.
 */
import type { ReactNode } from 'react';
import { ThemeClassNames } from '@docusaurus/theme-common';
import type { Props } from '@theme/LastUpdated';
import { shortUtcDate } from '../../components/utc-date';

/**
 * "Last updated on Dec 4, 2026", from git, as the theme writes it, but with the date formatted
 * without `Intl.DateTimeFormat`: the theme's first call to it in a page loads the browser's locale
 * data during hydration (30 to 65 ms here), which every doc page would pay now that the dates are
 * shown. Written anew rather than ejected; the site is in English only, so the theme's translation
 * hooks are left out. The author is not shown (`showLastUpdateAuthor` is off).
 */
export default function LastUpdated({ lastUpdatedAt }: Props): ReactNode {
  if (!lastUpdatedAt) return null;
  const date = new Date(lastUpdatedAt);
  return (
    <span className={ThemeClassNames.common.lastUpdated}>
      Last updated on{' '}
      <b>
        <time dateTime={date.toISOString()} itemProp="dateModified">
          {shortUtcDate(date)}
        </time>
      </b>
    </span>
  );
}
