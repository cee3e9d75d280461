import { defineBrowserExperiment, type ResultPlot } from '../lab/experiment/browser-experiment.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { clusterParams, runFaultConditions } from './fault-run.ts';
import { clusterHeadline, clusterTable, successPlotRows, type ClusterResult } from './report.ts';

/**
 * nano-clustered-app in the page: the same fault run as the command line, on the memory transport
 * only (a browser page cannot open sockets). Every unit still refuses requests through its own Hono
 * middleware and every refusal travels back through the chain, so the counts show the product rule
 * and what retries cost; they are counts, so coarse browser timers do not blur them.
 */
export const browserExperiment = defineBrowserExperiment({
  id: 'nano-clustered-app',
  title: 'A clustered nanoservice app under faults, in your browser',
  params: clusterParams.omit({ transport: true }),
  initial: { failureProbabilities: [0, 0.02, 0.05], perFunctionFaultRates: [0], attempts: [1, 3], checkouts: 100, maxSecondsPerCondition: 5 },
  quick: { failureProbabilities: [0, 0.05], perFunctionFaultRates: [0], attempts: [1, 3], checkouts: 60, maxSecondsPerCondition: 10 },
  scope:
    'Sends your checkouts to the three shapes on the memory transport, in five runs, every unit refusing a request with the probability you choose (and every function failing with the per-function rate you choose, in every cut), and counts what succeeded and what was charged. Real HTTP between units needs Node: run `npm run example -- nano-clustered-app --transport http` for that.',
  run: (p, onProgress): Promise<ClusterResult> => runFaultConditions({ ...p, transport: 'memory' }, { transports: { memory: memoryTransport }, onProgress }),
  tables: (result) => [clusterTable(result)],
  plots: (result) => [
    {
      kind: 'line',
      title: 'Checkouts that succeeded without retry, by failure probability per unit, per shape: measured and the product rule',
      rows: successPlotRows(result),
      x: 'failurePercent',
      y: 'successPercent',
      series: 'line',
      xLabel: 'each unit refuses, % of requests',
      yLabel: 'checkouts that succeeded, %',
    },
    ...retryPlots(result),
  ],
  summary: clusterSummary,
});

/** A probability in percent without floating-point tails: 0.07 reads 7, not 7.000000000000001. */
const asPercent = (probability: number) => Math.round(probability * 100 * 1e6) / 1e6;

/**
 * Bars at the highest failure probability of the run, one group per shape and one bar per number of
 * attempts: what retries win (success) and what they cost (carts charged twice). None when the run
 * injected no fault.
 *
 * @example
 * ```ts
 * retryPlots(result)[1]?.rows[0]; // { shape: 'monolith', attempts: '1 attempt', duplicatedCharges: 0 }
 * ```
 */
export function retryPlots(result: ClusterResult): ResultPlot[] {
  const { worstP } = clusterHeadline(result);
  if (worstP === 0) return [];
  const rows = result.rows.filter((row) => row.failureProbability === worstP);
  const bar = (title: string, y: 'measuredSuccessPercent' | 'duplicatedCharges', yLabel: string): ResultPlot => ({
    kind: 'bar',
    title,
    rows: rows.map((row) => ({ shape: row.shape, attempts: `${row.attempts} attempt${row.attempts > 1 ? 's' : ''}`, [y]: row[y] })),
    x: 'shape',
    y,
    series: 'attempts',
    xLabel: 'shape',
    yLabel,
  });
  return [
    bar(`Checkouts that succeeded with each unit refusing ${asPercent(worstP)}% of requests, per shape and number of attempts`, 'measuredSuccessPercent', 'succeeded, %'),
    bar(`Carts charged twice with each unit refusing ${asPercent(worstP)}% of requests, per shape and number of attempts`, 'duplicatedCharges', 'carts charged twice'),
  ];
}

/**
 * One sentence on what a run found, from its counts: does the composed app work, how far the
 * nanoservices fall behind the monolith at the highest failure probability, and what retries cost.
 *
 * @example
 * ```ts
 * clusterSummary(result); // 'All 900 checkouts succeeded with no injected fault. With each unit refusing 5% ...'
 * ```
 */
export function clusterSummary(result: ClusterResult): string {
  const h = clusterHeadline(result);
  const unexpected = result.rows.reduce((sum, row) => sum + row.unexpectedErrors, 0);
  if (unexpected > 0) return `${unexpected} checkouts failed for a reason other than an injected fault: the lab is broken in this run.`;
  const works =
    h.faultlessSent === 0
      ? 'This run injected faults everywhere, so nothing shows the composed app works without them (add 0 to the failure probabilities).'
      : h.faultlessSucceeded === h.faultlessSent
        ? `All ${h.faultlessSent} checkouts succeeded with no injected fault.`
        : `Only ${h.faultlessSucceeded} of ${h.faultlessSent} checkouts succeeded with no injected fault: the composed app is broken in this run.`;
  if (h.worstP === 0) return `${works} Add a failure probability above 0 to see availability multiply.`;
  if (!h.nanoAlone || !h.monoAlone) return `${works} Add 1 to the attempts to see how often each shape succeeds without a retry.`;
  const alone =
    ` With each unit refusing ${asPercent(h.worstP)}% of requests and no retry, ${h.nanoAlone.measuredSuccessPercent}% of nanoservice checkouts (${h.nanoAlone.units} units) succeeded ` +
    `against ${h.monoAlone.measuredSuccessPercent}% for the monolith (product rule: ${h.nanoAlone.expectedSuccessPercent}% and ${h.monoAlone.expectedSuccessPercent}%).`;
  const retried =
    h.nanoRetried && h.monoRetried
      ? ` With ${h.mostAttempts} attempts the nanoservices reached ${h.nanoRetried.measuredSuccessPercent}% but charged ${h.nanoRetried.duplicatedCharges} carts twice; the monolith charged ${h.monoRetried.duplicatedCharges === 0 ? 'none' : h.monoRetried.duplicatedCharges} twice.`
      : ' Add more than one attempt to see what retries win and what they charge twice.';
  return `${works}${alone}${retried}`;
}
