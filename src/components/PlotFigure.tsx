import { useEffect, type ReactNode } from 'react';
import type * as Plot from '@observablehq/plot';
import { useNearViewport } from './useNearViewport';

type PlotModule = typeof Plot;

/**
 * The frame every chart of the site is drawn in: Observable Plot is loaded and the chart drawn only
 * when the chart comes near the viewport (or the page is printed), the box keeps its height before the chart arrives (so
 * nothing below it moves), and the figure is one image for assistive technology, named by its caption.
 */
export default function PlotFigure({
  title,
  height,
  draw,
  deps,
}: {
  title: string;
  height: number;
  /** Builds the chart for the width available. */
  draw: (Plot: PlotModule, width: number) => Element;
  /** When to draw again. */
  deps: readonly unknown[];
}): ReactNode {
  const [container, near] = useNearViewport<HTMLDivElement>();
  useEffect(() => {
    let cancelled = false;
    const node = container.current;
    if (!near) return;
    void import('@observablehq/plot').then((Plot) => {
      if (cancelled || !node) return;
      const chart = draw(Plot, Math.max(node.clientWidth, 280));
      // The container is role="img" with the title as its name; the marks' own aria-labels would be
      // labels on presentational children, which screen readers ignore and axe reports.
      chart.querySelectorAll('[aria-label], [aria-description]').forEach((element) => {
        element.removeAttribute('aria-label');
        element.removeAttribute('aria-description');
      });
      chart.setAttribute('aria-hidden', 'true');
      node.replaceChildren(chart);
    });
    return () => {
      cancelled = true;
    };
  }, [near, ...deps]); // the caller lists what the drawing depends on
  return (
    <figure style={{ margin: '0 0 var(--ifm-spacing-vertical)' }}>
      <div ref={container} data-figure="plot" role="img" aria-label={title} style={{ minHeight: height + 60, overflowX: 'auto' }} />
      <figcaption style={{ fontSize: '0.875rem' }}>{title}</figcaption>
    </figure>
  );
}
