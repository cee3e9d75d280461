import type { ReactNode } from 'react';
import { formatNumber as format, formatPercent } from '@site/examples/lab/report/format';
import { crossing, markersBySide, type VerdictMap as VerdictMapModel } from '@site/examples/lab/report/verdict-map';
import PlotFigure from './PlotFigure';

const height = 340;


/**
 * A verdict map: the ratio a verdict rests on across the parameter that moves it, each line with
 * its 95% intervals, the threshold where the verdict flips, and the reference systems and published
 * figures as labelled rules on the parameter's axis. Below the chart the same facts in words (where
 * each line crosses, which real systems fall on each side), for readers who do not see the chart.
 */
export default function VerdictMap({ map }: { map: VerdictMapModel }): ReactNode {
  const points = map.lines.flatMap((line) => line.points.map((point) => ({ series: line.series, ...point })));
  const intervals = points.filter((point) => point.low !== undefined && point.high !== undefined);
  const markerX = map.markers.map((marker) => marker.x);
  const levels = map.levels ?? [];
  const formatY = (value: number) => (map.yFormat === 'share' ? formatPercent(value) : `${format(value)}×`);
  return (
    <>
      <PlotFigure
        title={map.title}
        height={height}
        deps={[map]}
        draw={(Plot, width) =>
          Plot.plot({
            height,
            width,
            style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
            marginLeft: 56,
            marginTop: 28,
            x: { label: map.xLabel, type: map.logX ? 'log' : 'linear', domain: extent([...points.map((p) => p.x), ...markerX]) },
            y: { label: map.yLabel, type: map.logY ? 'log' : 'linear', grid: true },
            color: { legend: true, scheme: 'observable10', domain: map.lines.map((line) => line.series) },
            marks: [
              Plot.ruleY([map.threshold], { stroke: 'currentColor', strokeDasharray: '4 3' }),
              Plot.ruleX(map.markers, { x: 'x', stroke: 'currentColor', strokeOpacity: 0.35 }),
              Plot.text(map.markers, { x: 'x', frameAnchor: 'top', text: 'label', rotate: -90, textAnchor: 'end', dx: -4, dy: 4, fontSize: 10 }),
              // Published figures on the ratio's axis: dotted, coloured as the line they are set against.
              Plot.ruleY(levels.filter((level) => level.series !== undefined), { y: 'y', stroke: 'series', strokeDasharray: '1 3', strokeWidth: 1.5 }),
              Plot.ruleY(levels.filter((level) => level.series === undefined), { y: 'y', stroke: 'currentColor', strokeDasharray: '1 3', strokeWidth: 1.5 }),
              Plot.text(levels, { y: 'y', frameAnchor: 'right', text: 'label', textAnchor: 'end', dy: -6, fontSize: 10 }),
              Plot.ruleX(intervals, { x: 'x', y1: 'low', y2: 'high', stroke: 'series', strokeWidth: 2 }),
              Plot.line(points, { x: 'x', y: 'estimate', stroke: 'series', marker: 'circle', tip: true }),
            ],
          })
        }
      />
      <ul aria-label={`${map.title}, in words`}>
        <li>
          Above the dashed line ({formatY(map.threshold)}): {map.aboveThreshold}; below: {map.belowThreshold}.
        </li>
        {levels.map((level) => {
          const line = map.lines.find((candidate) => candidate.series === level.series);
          const at = line ? crossing(line.points, level.y, map) : null;
          return (
            <li key={level.label}>
              Dotted line at {formatY(level.y)}: {level.label} ({level.source})
              {line && <>; {line.series} {at === null ? 'does not reach it within what was measured' : `reaches it at about ${format(at)} (${map.xLabel})`}</>}.
            </li>
          );
        })}
        {map.lines.map((line) => {
          const at = crossing(line.points, map.threshold, map);
          const sides = markersBySide(line, map);
          return (
            <li key={line.series}>
              <strong>{line.series}</strong>: {at === null ? 'does not cross the line within what was measured' : `crosses at about ${format(at)} (${map.xLabel})`}
              {sides.above.length > 0 && <>; above it: {sides.above.join(', ')}</>}
              {sides.below.length > 0 && <>; below it: {sides.below.join(', ')}</>}.
            </li>
          );
        })}
      </ul>
    </>
  );
}

function extent(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}
