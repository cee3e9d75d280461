/**
 * @upstream @docusaurus/theme-classic@3.10.2 src/theme/DocSidebar/index.tsx
 * @reason The theme chooses between the desktop and the mobile sidebar with `useWindowSize`, which
 * swaps them in a second render after hydration on a phone; a wrapper cannot change that choice.
 * Docusaurus rates ejecting DocSidebar unsafe.
 * @internalApi @docusaurus/theme-common@3.10.2 useNavbarMobileSidebar: whether the phone menu is
 * shown, which only this hook tells; 3.10.2 exports it only from `/internal`.
 */
import type { ReactNode } from 'react';
import { useNavbarMobileSidebar } from '@docusaurus/theme-common/internal';
import type { Props } from '@theme/DocSidebar';
import DocSidebarDesktop from '@theme/DocSidebar/Desktop';
import DocSidebarMobile from '@theme/DocSidebar/Mobile';
import { useMenuIntent } from '@site/src/components/useMenuIntent';

/**
 * The desktop sidebar whatever the window size (CSS already hides it on a phone), and the mobile one
 * from the moment the reader reaches for the phone menu.
 *
 * The theme picks one with `useWindowSize`, whose first value in the browser is "ssr"; on a phone that
 * meant unmounting the server-rendered desktop sidebar and mounting the mobile one in a second render
 * just after hydration, a long task at the moment the page should become interactive.
 *
 * The mobile one renders nothing in place: it hands the sidebar to the navbar's menu through the
 * theme's `NavbarSecondaryMenuFiller`, whose first render sorts with `localeCompare`. The first
 * `localeCompare` in a page loads the browser's collation data: 11 to 28 ms on this machine, before
 * any CPU slowdown, in the middle of hydration. Mounted when the menu's button is pressed or focused,
 * the sidebar is in the menu by the time it opens (mounted only once the menu is open, the menu first
 * showed the navbar's links and then slid over to the sidebar).
 */
export default function DocSidebar(props: Props): ReactNode {
  const menuWanted = useMenuIntent(useNavbarMobileSidebar().shown);
  return (
    <>
      <DocSidebarDesktop {...props} />
      {menuWanted && <DocSidebarMobile {...props} />}
    </>
  );
}
