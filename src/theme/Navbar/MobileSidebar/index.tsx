/**
 * @internalApi @docusaurus/theme-common@3.10.2 useNavbarMobileSidebar: whether the phone menu is
 * shown, which only this hook tells; 3.10.2 exports it only from `/internal`.
 */
import type { ReactNode } from 'react';
import { useNavbarMobileSidebar } from '@docusaurus/theme-common/internal';
import NavbarMobileSidebar from '@theme-original/Navbar/MobileSidebar';
import { useMenuIntent } from '@site/src/components/useMenuIntent';

/**
 * The theme's phone navigation menu, mounted when the reader first reaches for it (and kept
 * afterwards). The theme mounts it, with every sidebar link, as soon as a phone-sized window is
 * detected after hydration, though it stays closed until the menu button is pressed. Until then the
 * theme's component is not rendered at all; from then on it does everything itself, the body's
 * scroll lock included (the menu is never shown before it is wanted: `useMenuIntent` is true as soon
 * as the menu is shown).
 */
export default function NavbarMobileSidebarWhenWanted(): ReactNode {
  const wanted = useMenuIntent(useNavbarMobileSidebar().shown);
  return wanted ? <NavbarMobileSidebar /> : null;
}
