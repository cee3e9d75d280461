import type { ReactNode } from 'react';
import PlotFigure from './PlotFigure';

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

/** Draws measured rows as bars with Observable Plot; colours follow the page's text colour in both modes. */
export default function BarPlot({ rows, category, value, series, grouped, valueLabel, title }: BarPlotProps): ReactNode {
  return (
    <PlotFigure
      title={title}
      height={height}
      deps={[rows, category, value, series, grouped, valueLabel]}
      draw={(Plot, width) => {
        const data = rows as Array<Record<string, unknown>>;
        const common = {
          height,
          width,
          style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
          marginLeft: 56,
          y: { label: valueLabel, grid: true },
          color: { legend: true, scheme: 'observable10' as const, domain: inOrder(rows, series) },
        };
        return grouped
          ? Plot.plot({
              ...common,
              fx: { label: null, domain: inOrder(rows, category) },
              x: { axis: null, domain: inOrder(rows, series) },
              marks: [Plot.barY(data, { fx: category, x: series, y: value, fill: series, tip: true }), Plot.ruleY([0])],
            })
          : Plot.plot({
              ...common,
              x: { label: null, domain: inOrder(rows, category) },
              marks: [Plot.barY(data, { x: category, y: value, fill: series, tip: true }), Plot.ruleY([0])],
            });
      }}
    />
  );
}
