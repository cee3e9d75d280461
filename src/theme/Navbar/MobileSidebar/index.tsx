import { useState, type ReactNode } from 'react';
import { useLockBodyScroll, useNavbarMobileSidebar } from '@docusaurus/theme-common/internal';
import NavbarMobileSidebarLayout from '@theme/Navbar/MobileSidebar/Layout';
import NavbarMobileSidebarHeader from '@theme/Navbar/MobileSidebar/Header';
import NavbarMobileSidebarPrimaryMenu from '@theme/Navbar/MobileSidebar/PrimaryMenu';
import NavbarMobileSidebarSecondaryMenu from '@theme/Navbar/MobileSidebar/SecondaryMenu';

/**
 * The phone's navigation menu, mounted the first time the reader opens it (and kept afterwards).
 * The theme mounts it, with every sidebar link, as soon as a phone-sized window is detected after
 * hydration, though it stays closed until the menu button is pressed.
 */
export default function NavbarMobileSidebar(): ReactNode {
  const mobileSidebar = useNavbarMobileSidebar();
  const [opened, setOpened] = useState(false);
  useLockBodyScroll(mobileSidebar.shown);
  // Set during render: the menu must be in the same render that opens it.
  if (mobileSidebar.shown && !opened) setOpened(true);
  if (!mobileSidebar.shouldRender || !opened) return null;
  return <NavbarMobileSidebarLayout header={<NavbarMobileSidebarHeader />} primaryMenu={<NavbarMobileSidebarPrimaryMenu />} secondaryMenu={<NavbarMobileSidebarSecondaryMenu />} />;
}
