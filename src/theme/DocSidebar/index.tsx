import type { ReactNode } from 'react';
import type { Props } from '@theme/DocSidebar';
import DocSidebarDesktop from '@theme/DocSidebar/Desktop';
import DocSidebarMobile from '@theme/DocSidebar/Mobile';

/**
 * Both sidebars, whatever the window size: CSS already hides the desktop one on a phone, and the
 * mobile one renders nothing in place (it fills the navbar's menu). The theme picks one with
 * `useWindowSize`, whose first value in the browser is "ssr"; on a phone that meant unmounting the
 * server-rendered desktop sidebar and mounting the mobile one in a second render just after
 * hydration, a long task at the moment the page should become interactive.
 */
export default function DocSidebar(props: Props): ReactNode {
  return (
    <>
      <DocSidebarDesktop {...props} />
      <DocSidebarMobile {...props} />
    </>
  );
}
