import { calibrateSpin } from '../lab/measure/busy-work.ts';
import { defineBrowserExperiment, type ResultPlot } from '../lab/experiment/browser-experiment.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { antiPatternParams, measureOverhead } from './overhead-measurement.ts';
import { breakEvenTable, headline, overheadTable, sharePlotRows, type AntiPatternResult } from './report.ts';

/**
 * Batches of about 10 ms for the busy-work calibration: browsers round `performance.now()` to
 * 100 µs, which would make the default batches of a few hundred µs misjudge the loop's speed by a
 * quarter; at 10 ms the rounding is 1 %.
 */
const browserCalibrationBatch = 5_000_000;

/**
 * nano-anti-pattern in the page: the same measurement as the command line, on the memory transport
 * only and without a CPU clock (a browser has neither sockets nor per-thread CPU time). Each hop still
 * builds a `Request`, serialises JSON and routes through Hono, so the run shows how much of a checkout
 * the split costs as the work per function grows, before any network.
 */
export const browserExperiment = defineBrowserExperiment({
  id: 'nano-anti-pattern',
  title: 'The nanoservice anti-pattern, in your browser',
  params: antiPatternParams.omit({ transports: true }),
  initial: { chainLengths: [1, 3, 6], workUs: [0, 50, 200, 1000], waitUs: [], iterations: 100, secondsPerCell: 0.1, rounds: 2 },
  quick: { chainLengths: [1, 4], workUs: [0, 2000], waitUs: [], iterations: 20, minIterations: 5, secondsPerCell: 0.05, rounds: 2 },
  scope:
    'Runs the nanoservice chain and the monolith side by side on the memory transport, with the work per function and the chain lengths you choose: each hop builds a Request, serialises JSON and routes through Hono inside this tab. Browsers round timers to 100 µs, so one cell is coarse while the trend as work grows is not; real HTTP and CPU time need Node: run `npm run example -- nano-anti-pattern` for those.',
  run: (p, onProgress): Promise<AntiPatternResult> =>
    measureOverhead({ ...p, transports: ['memory'] }, { transports: { memory: memoryTransport }, calibrateSpin: () => calibrateSpin(browserCalibrationBatch, 21), onProgress }),
  tables: (result) => [overheadTable(result), breakEvenTable(result)],
  plots: (result) => [
    {
      kind: 'line',
      title: 'Share of a nanoservice checkout spent on overhead, by work per function, per chain length, in this browser',
      rows: sharePlotRows(result, Math.max(...result.rows.map((row) => row.workUs))),
      x: 'workUs',
      y: 'overheadSharePercent',
      series: 'chain',
      xLabel: 'work per function, µs',
      yLabel: 'overhead share of a checkout, %',
    },
    timePerShapePlot(result),
  ],
  summary: overheadSummary,
});

/**
 * Bars of the median checkout time per shape at the longest chain, one group per work size: the gap
 * between the two bars is the overhead, and it stays while the bars grow with the work.
 *
 * @example
 * ```ts
 * timePerShapePlot(result).rows[0]; // { work: '0 µs of work', shape: 'monolith', p50Us: 400 }
 * ```
 */
export function timePerShapePlot(result: AntiPatternResult): ResultPlot {
  const longest = Math.max(...result.rows.map((row) => row.chainLength));
  const rows = result.rows
    .filter((row) => row.kind === 'cpu' && row.chainLength === longest)
    .flatMap((row) => [
      { work: `${row.workUs} µs of work`, shape: 'monolith', p50Us: row.monolithP50Us },
      { work: `${row.workUs} µs of work`, shape: 'nanoservices', p50Us: row.nanoservicesP50Us },
    ]);
  return {
    kind: 'bar',
    title: `Median checkout time per shape at ${longest} function${longest > 1 ? 's' : ''}, by work per function, in this browser`,
    rows,
    x: 'work',
    y: 'p50Us',
    series: 'shape',
    xLabel: 'work per function',
    yLabel: 'median checkout, µs',
  };
}

/**
 * One sentence on what a run found, from its figures: the overhead share with the least and the most
 * work per function, and where one hop costs as much as a function's work.
 *
 * @example
 * ```ts
 * overheadSummary(result); // 'With 0 µs of added work per function, 74% of a 6-function nanoservice checkout went to overhead ...'
 * ```
 */
export function overheadSummary(result: AntiPatternResult): string {
  if (!result.identicalResults) return 'A deployment returned something other than the checkout in one call stack: the comparison is void in this run.';
  const h = headline(result, 'memory');
  if (h.longest < 2) return 'With one function both shapes are the same deployment. Add a chain of two or more functions to see what the split costs.';
  const crossings = result.breakEvens.filter((b) => b.transport === 'memory');
  const breakEven =
    h.breakEvenUs !== null
      ? ` One hop in this tab cost as much as about ${h.breakEvenUs} µs of work per function (median over chain lengths): a function doing less than that spends more on being a service than on its job.`
      : crossings.every((b) => b.where === 'above')
        ? ` One hop cost more than a function's work at every size up to ${h.mostWorkUs} µs: add more work to find where the split pays for itself.`
        : ` One hop cost less than a function's work at every size from ${h.leastWorkUs} µs: add less work to find where it stops paying for itself.`;
  return (
    `With ${h.leastWorkUs} µs of added work per function, ${h.shareAtRealWork}% of a ${h.longest}-function nanoservice checkout went to overhead; ` +
    `with ${h.mostWorkUs} µs, ${h.shareAtMostWork}% (median over chain lengths).${breakEven}`
  );
}
