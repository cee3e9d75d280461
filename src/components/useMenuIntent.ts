import { useEffect, useState } from 'react';

/**
 * Whether the reader has reached for the phone menu: pressed or focused its toggle button, or the
 * menu has been shown; once true it stays true. Work the menu needs can wait for this instead of
 * running while the page loads: a press or a focus comes a good while before the click that opens
 * the menu.
 *
 * @example
 * ```tsx
 * const wanted = useMenuIntent(useNavbarMobileSidebar().shown);
 * return wanted ? <MenuContent /> : null;
 * ```
 */
export function useMenuIntent(menuShown: boolean): boolean {
  const [reached, setReached] = useState(false);
  // Set during render: what the menu needs must be in the same render that opens it.
  if (menuShown && !reached) setReached(true);
  useEffect(() => {
    if (reached) return;
    const onIntent = (event: Event) => {
      if (event.target instanceof Element && event.target.closest('.navbar__toggle')) setReached(true);
    };
    const types = ['pointerdown', 'focusin'] as const;
    for (const type of types) document.addEventListener(type, onIntent, { capture: true, passive: true });
    return () => {
      for (const type of types) document.removeEventListener(type, onIntent, { capture: true });
    };
  }, [reached]);
  return reached || menuShown;
}
