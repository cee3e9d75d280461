import type { ReactNode } from 'react';
import type { ResultPlot } from '@site/examples/lab/experiment/browser-experiment';
import PlotFigure from './PlotFigure';

/**
 * A line chart of result rows: one line per `series`, one panel per `facet`. The same fields as a
 * plot an experiment returns (`ResultPlot`), so the page draws either kind of figure the same way.
 */
export type LinePlotProps = Omit<ResultPlot, 'kind'>;

const height = 320;

const inOrder = (rows: LinePlotProps['rows'], key: string) => [...new Set(rows.map((row) => row[key]))];

/** Draws measured rows with Observable Plot; colours follow the page's text colour in both modes. */
export default function LinePlot({ rows, x, y, series, facet, xLabel, yLabel, title, logY }: LinePlotProps): ReactNode {
  return (
    <PlotFigure
      title={title}
      height={height}
      deps={[rows, x, y, series, facet, xLabel, yLabel, logY]}
      draw={(Plot, width) =>
        Plot.plot({
          height,
          width,
          style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
          marginLeft: 56,
          x: { label: xLabel, ticks: inOrder(rows, x) as number[], tickFormat: 'd' },
          y: { label: yLabel, type: logY ? 'log' : 'linear', grid: true },
          // Panels and colours in the order the experiment measured them, not alphabetical.
          fx: facet ? { label: null, domain: inOrder(rows, facet) } : undefined,
          color: { legend: true, scheme: 'observable10', domain: inOrder(rows, series) },
          marks: [Plot.lineY(rows as Array<Record<string, unknown>>, { x, y, stroke: series, fx: facet, marker: 'circle', tip: true })],
        })
      }
    />
  );
}
