import type { ReactNode } from 'react';
import type { ResultPlot } from '@site/examples/lab/experiment/browser-experiment';
import BarPlot from './BarPlot';
import LinePlot from './LinePlot';

/** Draws a plot an experiment described as data (from an in-page run) with the site's chart components. */
export default function ResultPlotView({ plot }: { plot: ResultPlot }): ReactNode {
  if (plot.kind === 'bar') {
    return <BarPlot rows={plot.rows} category={plot.x} value={plot.y} series={plot.series} valueLabel={plot.yLabel} title={plot.title} grouped />;
  }
  return <LinePlot rows={plot.rows} x={plot.x} y={plot.y} series={plot.series} facet={plot.facet} xLabel={plot.xLabel} yLabel={plot.yLabel} title={plot.title} logY={plot.logY} />;
}
