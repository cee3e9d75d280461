/**
 * A verdict map: the ratio a verdict rests on, across the parameter that moves it (work per call,
 * depth, fan-out, fault rate, share of asynchronous calls), with the line where the verdict flips, the
 * point where each measured line crosses it, and the reference systems and published figures marked
 * on the same axis, so a reader sees where real systems fall. Browser-safe: pages draw it.
 */

import { publishedFiguresOf, type MapQuantity } from '../model/published-figures.ts';
import { medianWorkPerCallUs } from '../model/system-summary.ts';
import type { System } from '../model/system.ts';

/** One measured point: the ratio at one value of the parameter, with its 95% interval when it has one. */
export interface MapPoint {
  readonly x: number;
  readonly estimate: number;
  readonly low?: number;
  readonly high?: number;
}

/** The points of one cut, transport or chain, in the order of the parameter. */
export interface MapLine {
  readonly series: string;
  readonly points: readonly MapPoint[];
}

/** A reference system or a published figure, placed on the parameter's axis. */
export interface MapMarker {
  readonly label: string;
  readonly x: number;
  /** Where the figure comes from: a system file or a paper, as the page cites it. */
  readonly source: string;
}

/** A published figure on the ratio's axis: a paper's share or ratio, drawn across the map. */
export interface MapLevel {
  readonly label: string;
  readonly y: number;
  /** The line it is compared with, if one: the lab's cut the paper's figure is set against. */
  readonly series?: string;
  /** Where the figure comes from, as the page cites it. */
  readonly source: string;
}

/** Everything a page needs to draw a verdict map and say where it flips. */
export interface VerdictMap {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Whether the parameter spans orders of magnitude (work per call does: µs to seconds). */
  readonly logX: boolean;
  /** Whether the ratio does: an overhead from 0.01× to 100× the work reads on a log axis. */
  readonly logY: boolean;
  /** The ratio at which the verdict flips, e.g. 1 for "overhead equals work". */
  readonly threshold: number;
  /** What lies above the threshold, in words: "overhead outweighs the work". */
  readonly aboveThreshold: string;
  readonly belowThreshold: string;
  readonly lines: readonly MapLine[];
  readonly markers: readonly MapMarker[];
  /** Published figures on the ratio's axis, drawn as labelled levels (none by default). */
  readonly levels?: readonly MapLevel[];
  /** How the ratio's axis reads: a ratio (`2×`, the default) or a share (`50%`). */
  readonly yFormat?: 'ratio' | 'share';
}

/** Which axes are logarithmic: interpolation between two points happens on the axes as drawn. */
export interface MapAxes {
  readonly logX: boolean;
  readonly logY: boolean;
}

const scaled = (log: boolean) => ({ to: (v: number) => (log ? Math.log(v) : v), from: (v: number) => (log ? Math.exp(v) : v) });

/**
 * Where a line crosses the threshold: the parameter value, interpolated between the two measured
 * points on either side, on the axes as drawn (log space on a log axis); null when it never crosses within what was
 * measured. The first crossing counts: a line that crosses back is read by its first.
 *
 * @example
 * ```ts
 * crossing([{ x: 10, estimate: 4 }, { x: 1000, estimate: 0.25 }], 1, { logX: true, logY: true }); // 100
 * ```
 */
export function crossing(points: readonly MapPoint[], threshold: number, axes: MapAxes): number | null {
  const ordered = [...points].sort((a, b) => a.x - b.x);
  const x = scaled(axes.logX);
  const y = scaled(axes.logY);
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1] as MapPoint;
    const b = ordered[i] as MapPoint;
    if (a.estimate === threshold) return a.x;
    const da = y.to(a.estimate) - y.to(threshold);
    const db = y.to(b.estimate) - y.to(threshold);
    if (da * db < 0) {
      const t = da / (da - db);
      return x.from(x.to(a.x) + t * (x.to(b.x) - x.to(a.x)));
    }
  }
  const last = ordered[ordered.length - 1];
  return last !== undefined && last.estimate === threshold ? last.x : null;
}

/**
 * Which side of the threshold a line is on at a parameter value: read from the nearest measured
 * point below and above (interpolated), or the nearest end when the value lies outside what was
 * measured, with `extrapolated` set so that the page can say so.
 *
 * @example
 * ```ts
 * sideAt([{ x: 10, estimate: 4 }, { x: 1000, estimate: 0.25 }], 1, 5000, { logX: true, logY: true }); // { side: 'below', extrapolated: true }
 * ```
 */
export function sideAt(points: readonly MapPoint[], threshold: number, x: number, axes: MapAxes): { readonly side: 'above' | 'below'; readonly extrapolated: boolean } {
  const ordered = [...points].sort((a, b) => a.x - b.x);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  if (!first || !last) throw new Error('a line of a verdict map needs at least one point');
  const sideOf = (value: number) => (value > threshold ? ('above' as const) : ('below' as const));
  if (x <= first.x) return { side: sideOf(first.estimate), extrapolated: x < first.x };
  if (x >= last.x) return { side: sideOf(last.estimate), extrapolated: x > last.x };
  const upper = ordered.findIndex((point) => point.x >= x);
  const a = ordered[upper - 1] as MapPoint;
  const b = ordered[upper] as MapPoint;
  const xs = scaled(axes.logX);
  const ys = scaled(axes.logY);
  const t = (xs.to(x) - xs.to(a.x)) / (xs.to(b.x) - xs.to(a.x));
  return { side: sideOf(ys.from(ys.to(a.estimate) + t * (ys.to(b.estimate) - ys.to(a.estimate)))), extrapolated: false };
}

/**
 * The markers on each side of the threshold for one line: whether real systems fall on both sides of
 * the flip (then the verdict is conditional on the workload) or all on one.
 *
 * @example
 * ```ts
 * markersBySide(line, map); // { above: ['checkout (lab)'], below: ['Alibaba-like tree', 'Dean & Barroso leaf'] }
 * ```
 */
export function markersBySide(line: MapLine, map: Pick<VerdictMap, 'threshold' | 'logX' | 'logY' | 'markers'>): { readonly above: readonly string[]; readonly below: readonly string[] } {
  const sides = map.markers.map((marker) => ({ label: marker.label, side: sideAt(line.points, map.threshold, marker.x, map).side }));
  return { above: sides.filter((s) => s.side === 'above').map((s) => s.label), below: sides.filter((s) => s.side === 'below').map((s) => s.label) };
}

/**
 * The markers of one quantity: every published figure of it, and for work per call each reference
 * system at the median work of its calls (read from its system file), so the map shows both what
 * papers report and what the lab's own reference systems assume.
 *
 * @example
 * ```ts
 * mapMarkers('workPerCallUs', [{ file: 'examples/systems/alibaba-tree.json', system }]);
 * // [{ label: 'µSuite: sub-ms medians', x: 500, ... }, ..., { label: 'An Alibaba-like call tree (system file)', x: 300, ... }]
 * ```
 */
export function mapMarkers(quantity: MapQuantity, systems: ReadonlyArray<{ readonly file: string; readonly system: System }> = []): MapMarker[] {
  const published = publishedFiguresOf(quantity).map((figure) => ({ label: figure.label, x: figure.value, source: figure.source }));
  if (quantity !== 'workPerCallUs') return published;
  const reference = systems.map(({ file, system }) => ({ label: `${system.title} (system file)`, x: medianWorkPerCallUs(system), source: file }));
  return [...published, ...reference.filter((marker) => marker.x > 0)];
}
