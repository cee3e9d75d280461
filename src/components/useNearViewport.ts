import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Whether an element has come within about half a screen of the viewport (and then stays true), for
 * figures that are costly to draw: a diagram below the fold is drawn as the reader scrolls towards
 * it, not while the page is still becoming interactive. Without IntersectionObserver it is true at
 * once.
 *
 * @example
 * ```tsx
 * const [ref, near] = useNearViewport<HTMLDivElement>();
 * return <div ref={ref}>{near && <Chart />}</div>;
 * ```
 */
export function useNearViewport<Element extends HTMLElement>(): [RefObject<Element | null>, boolean] {
  const ref = useRef<Element>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setNear(true);
    }, { rootMargin: '50% 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return [ref, near];
}
