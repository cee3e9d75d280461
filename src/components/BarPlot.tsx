import { useEffect, useRef, type ReactNode } from 'react';

/** Bars of result rows: one bar per `category`, split by `series` (stacked, or side by side). */
export interface BarPlotProps {
  readonly rows: ReadonlyArray<Record<string, string | number | null>>;
  readonly category: string;
  readonly value: string;
  readonly series: string;
  /** Side by side instead of stacked: for series that do not add up (two ways to start a fleet). */
  readonly grouped?: boolean;
  readonly valueLabel: string;
  /** What the chart shows, for screen readers and as its caption. */
  readonly title: string;
}

const height = 300;
const inOrder = (rows: BarPlotProps['rows'], key: string) => [...new Set(rows.map((row) => row[key]))];

/**
 * Draws measured rows as bars with Observable Plot in the browser. Like LinePlot, the box keeps its
 * height before the chart arrives, and the colours follow the page's text colour in both modes.
 */
export default function BarPlot({ rows, category, value, series, grouped, valueLabel, title }: BarPlotProps): ReactNode {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    const node = container.current;
    void import('@observablehq/plot').then((Plot) => {
      if (cancelled || !node) return;
      const data = rows as Array<Record<string, unknown>>;
      const color = { legend: true, scheme: 'observable10' as const, domain: inOrder(rows, series) };
      const chart = grouped
        ? Plot.plot({
            height,
            width: Math.max(node.clientWidth, 280),
            style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
            marginLeft: 56,
            fx: { label: null, domain: inOrder(rows, category) },
            x: { axis: null, domain: inOrder(rows, series) },
            y: { label: valueLabel, grid: true },
            color,
            marks: [Plot.barY(data, { fx: category, x: series, y: value, fill: series, tip: true }), Plot.ruleY([0])],
          })
        : Plot.plot({
            height,
            width: Math.max(node.clientWidth, 280),
            style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
            marginLeft: 56,
            x: { label: null, domain: inOrder(rows, category) },
            y: { label: valueLabel, grid: true },
            color,
            marks: [Plot.barY(data, { x: category, y: value, fill: series, tip: true }), Plot.ruleY([0])],
          });
      node.replaceChildren(chart);
    });
    return () => {
      cancelled = true;
    };
  }, [rows, category, value, series, grouped, valueLabel]);
  return (
    <figure style={{ margin: '0 0 var(--ifm-spacing-vertical)' }}>
      <div ref={container} role="img" aria-label={title} style={{ minHeight: height + 60, overflowX: 'auto' }} />
      <figcaption style={{ fontSize: '0.875rem' }}>{title}</figcaption>
    </figure>
  );
}
