import { defineBrowserExperiment } from '../lab/experiment/browser-experiment.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { chainingParams, measureChains } from './chain-measurement.ts';
import { chainingTable, tableRow, type ChainMeasurement } from './report.ts';

/**
 * nano-chaining in the page: the same measurement as the command line, on the memory transport only
 * (a browser page cannot open sockets or start processes). Each hop still builds a `Request`,
 * serialises JSON and routes through Hono, so the run shows what a hop costs before any network.
 */
export const browserExperiment = defineBrowserExperiment({
  id: 'nano-chaining',
  title: 'Chaining nanoservices, in your browser',
  params: chainingParams.omit({ transports: true }),
  initial: { chainLengths: [1, 2, 3, 4, 5, 6], warmup: 100, iterations: 100, rounds: 2, throughputRequests: 400, maxSecondsPerMeasurement: 5 },
  quick: { chainLengths: [1, 6], warmup: 10, iterations: 20, rounds: 2, throughputRequests: 40, maxSecondsPerMeasurement: 2 },
  scope:
    'Runs the three shapes on the memory transport: each hop builds a Request, serialises JSON and routes through Hono inside this tab. Real HTTP and one process per unit need Node: run `npm run example -- nano-chaining` for those.',
  run: (p, onProgress): Promise<ChainMeasurement> => measureChains({ ...p, transports: ['memory'] }, { transports: { memory: memoryTransport }, onProgress }),
  tables: (result) => [chainingTable(result)],
  plots: (result) => [
    {
      kind: 'line',
      title: 'Checkouts per second by number of chained functions, per shape, in this browser',
      rows: result.rows.map(tableRow),
      x: 'chainLength',
      y: 'requestsPerSecond',
      series: 'shape',
      xLabel: 'functions in the chain',
      yLabel: 'checkouts per second',
    },
  ],
  summary: (result) => {
    if (!result.identicalResults) return 'A chained shape returned a different receipt from the functions in one call stack: chaining broke in this run.';
    const hop = hopCostFromThroughput(result);
    if (!hop) return 'Every shape returned the same receipt. Add a chain longer than one function to see what a hop costs.';
    const work = Math.round((result.inProcessCheckout.meanUs / 6) * 10) / 10;
    return `Every shape returned the same receipt. At ${hop.chainLength} functions, one in-process hop cost about ${hop.perHopUs} µs of this tab's time, against about ${work} µs of work per checkout function: even without a network, a hop costs ${hop.perHopUs > work ? 'more than' : 'less than'} the function it hands over to.`;
  },
});

/**
 * The cost of one hop from throughput rather than from per-call percentiles: browsers round
 * `performance.now()` to 100 µs unless the page is cross-origin isolated, which makes a p50 of a
 * sub-millisecond call coarse, while the time per checkout over hundreds of them stays precise. In
 * one worker thread, 1 / throughput is the time one checkout occupies the thread.
 *
 * @example
 * ```ts
 * hopCostFromThroughput(result); // { chainLength: 6, perHopUs: 131.4 }
 * ```
 */
export function hopCostFromThroughput(result: ChainMeasurement): { chainLength: number; perHopUs: number } | null {
  const longest = Math.max(...result.rows.map((row) => row.chainLength));
  const at = (shape: string) => result.rows.find((row) => row.shape === shape && row.chainLength === longest);
  const nano = at('nanoservices');
  const mono = at('monolith');
  if (!nano || !mono || nano.networkCalls === mono.networkCalls || !nano.requestsPerSecond || !mono.requestsPerSecond) return null;
  const perCheckoutUs = (row: { requestsPerSecond: number }) => 1e6 / row.requestsPerSecond;
  return { chainLength: longest, perHopUs: Math.round(((perCheckoutUs(nano) - perCheckoutUs(mono)) / (nano.networkCalls - mono.networkCalls)) * 10) / 10 };
}
