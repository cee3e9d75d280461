import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Whether an element has come within about half a screen of the viewport (and then stays true), for
 * figures that are costly to draw: a diagram below the fold is drawn as the reader scrolls towards
 * it, not while the page is still becoming interactive. Printing draws them all: on `beforeprint`, or
 * as soon as the print media query matches (a print preview, emulated print media), so that a page
 * printed without scrolling does not print blank boxes. Loading the page only adds the listeners.
 * Without IntersectionObserver it is true at once.
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
    const print = typeof window.matchMedia === 'function' ? window.matchMedia('print') : undefined;
    if (typeof IntersectionObserver === 'undefined' || print?.matches) {
      setNear(true);
      return;
    }
    const draw = () => setNear(true);
    const drawWhenPrinting = (event: MediaQueryListEvent) => {
      if (event.matches) draw();
    };
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) draw();
    }, { rootMargin: '50% 0px' });
    observer.observe(element);
    window.addEventListener('beforeprint', draw);
    print?.addEventListener('change', drawWhenPrinting);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', draw);
      print?.removeEventListener('change', drawWhenPrinting);
    };
  }, [near]);
  return [ref, near];
}
