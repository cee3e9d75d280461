import type { ReactNode } from 'react';
import { useLockBodyScroll, useNavbarMobileSidebar } from '@docusaurus/theme-common/internal';
import NavbarMobileSidebarLayout from '@theme/Navbar/MobileSidebar/Layout';
import NavbarMobileSidebarHeader from '@theme/Navbar/MobileSidebar/Header';
import NavbarMobileSidebarPrimaryMenu from '@theme/Navbar/MobileSidebar/PrimaryMenu';
import NavbarMobileSidebarSecondaryMenu from '@theme/Navbar/MobileSidebar/SecondaryMenu';
import { useMenuIntent } from '@site/src/components/useMenuIntent';

/**
 * The phone's navigation menu, mounted when the reader first reaches for it (and kept afterwards).
 * The theme mounts it, with every sidebar link, as soon as a phone-sized window is detected after
 * hydration, though it stays closed until the menu button is pressed.
 */
export default function NavbarMobileSidebar(): ReactNode {
  const mobileSidebar = useNavbarMobileSidebar();
  const wanted = useMenuIntent(mobileSidebar.shown);
  useLockBodyScroll(mobileSidebar.shown);
  if (!mobileSidebar.shouldRender || !wanted) return null;
  return <NavbarMobileSidebarLayout header={<NavbarMobileSidebarHeader />} primaryMenu={<NavbarMobileSidebarPrimaryMenu />} secondaryMenu={<NavbarMobileSidebarSecondaryMenu />} />;
}
