/**
 * @upstream @docusaurus/theme-common@3.10.2 src/hooks/useCodeWordWrap.ts
 * @reason The theme's hook calls `localeCompare` during hydration (see below); this one does the same
 * work without it.
 * @internalApi @docusaurus/theme-common@3.10.2 useCodeWordWrap: only its return type, so that the
 * type check holds this hook to the shape `CodeBlockContextProvider` expects; 3.10.2 exports it only
 * from `/internal`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { useCodeWordWrap as useThemeCodeWordWrap } from '@docusaurus/theme-common/internal';

type WordWrap = ReturnType<typeof useThemeCodeWordWrap>;

/**
 * The theme's `useCodeWordWrap` (the word-wrap button's state, and whether the block scrolls
 * sideways), without its one cost at load. The theme memoises the options of its MutationObserver
 * with a hook that sorts their keys with `localeCompare`, and the first `localeCompare` in a page
 * loads the browser's collation data: 11 to 28 ms on this machine, before any CPU slowdown, inside
 * hydration. Here the options are one constant.
 *
 * @example
 * ```tsx
 * const wordWrap = useCodeWordWrap();
 * return <CodeBlockContextProvider metadata={metadata} wordWrap={wordWrap}>…</CodeBlockContextProvider>;
 * ```
 */
export function useCodeWordWrap(): WordWrap {
  const [isEnabled, setIsEnabled] = useState(false);
  const [isCodeScrollable, setIsCodeScrollable] = useState(false);
  const codeBlockRef = useRef<HTMLPreElement | null>(null);

  const toggle = useCallback(() => {
    const code = codeBlockRef.current?.querySelector('code');
    if (!code) return;
    if (isEnabled) {
      code.removeAttribute('style');
    } else {
      code.style.whiteSpace = 'pre-wrap';
      // No scrollbar once wrapped, even for a token longer than the line.
      code.style.overflowWrap = 'anywhere';
    }
    setIsEnabled((enabled) => !enabled);
  }, [isEnabled]);

  const updateCodeIsScrollable = useCallback(() => {
    const block = codeBlockRef.current;
    if (!block) return;
    setIsCodeScrollable(block.scrollWidth > block.clientWidth || (block.querySelector('code')?.hasAttribute('style') ?? false));
  }, []);

  useRecheckWhenTabShown(codeBlockRef, updateCodeIsScrollable);
  useEffect(updateCodeIsScrollable, [isEnabled, updateCodeIsScrollable]);
  useEffect(() => {
    window.addEventListener('resize', updateCodeIsScrollable, { passive: true });
    return () => window.removeEventListener('resize', updateCodeIsScrollable);
  }, [updateCodeIsScrollable]);

  return { codeBlockRef, isEnabled, isCodeScrollable, toggle };
}

const hiddenAttributeOnly: MutationObserverInit = { attributes: true, attributeFilter: ['hidden'] };

/** A block in a hidden tab has no width: measure it again when its tab is shown. */
function useRecheckWhenTabShown(codeBlockRef: WordWrap['codeBlockRef'], recheck: () => void): void {
  useEffect(() => {
    const hiddenTab = codeBlockRef.current?.closest('[role=tabpanel][hidden]');
    if (!hiddenTab) return;
    const observer = new MutationObserver(() => {
      if (!hiddenTab.hasAttribute('hidden')) {
        recheck();
        observer.disconnect();
      }
    });
    observer.observe(hiddenTab, hiddenAttributeOnly);
    return () => observer.disconnect();
  }, [codeBlockRef, recheck]);
}
