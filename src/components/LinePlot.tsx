import { useEffect, useRef, type ReactNode } from 'react';

/** A line chart of result rows: one line per `series`, one panel per `facet`. */
export interface LinePlotProps {
  readonly rows: ReadonlyArray<Record<string, string | number | null>>;
  readonly x: string;
  readonly y: string;
  readonly series: string;
  readonly facet?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** What the chart shows, for screen readers and as its caption. */
  readonly title: string;
  readonly logY?: boolean;
}

const height = 320;

const inOrder = (rows: LinePlotProps['rows'], key: string) => [...new Set(rows.map((row) => row[key]))];

/**
 * Draws measured rows with Observable Plot in the browser. The box keeps its height before the
 * chart arrives, so nothing below it moves; colours follow the page's text colour in both modes.
 */
export default function LinePlot({ rows, x, y, series, facet, xLabel, yLabel, title, logY }: LinePlotProps): ReactNode {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    const node = container.current;
    void import('@observablehq/plot').then((Plot) => {
      if (cancelled || !node) return;
      const chart = Plot.plot({
        height,
        width: Math.max(node.clientWidth, 280),
        style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
        marginLeft: 56,
        x: { label: xLabel, ticks: inOrder(rows, x) as number[], tickFormat: 'd' },
        y: { label: yLabel, type: logY ? 'log' : 'linear', grid: true },
        // Panels and colours in the order the experiment measured them, not alphabetical.
        fx: facet ? { label: null, domain: inOrder(rows, facet) } : undefined,
        color: { legend: true, scheme: 'observable10', domain: inOrder(rows, series) },
        marks: [
          Plot.lineY(rows as Array<Record<string, unknown>>, { x, y, stroke: series, fx: facet, marker: 'circle', tip: true }),
        ],
      });
      node.replaceChildren(chart);
    });
    return () => {
      cancelled = true;
    };
  }, [rows, x, y, series, facet, xLabel, yLabel, logY]);
  return (
    <figure style={{ margin: '0 0 var(--ifm-spacing-vertical)' }}>
      <div ref={container} role="img" aria-label={title} style={{ minHeight: height + 60, overflowX: 'auto' }} />
      <figcaption style={{ fontSize: '0.875rem' }}>{title}</figcaption>
    </figure>
  );
}
