import { defineBrowserExperiment, type ResultPlot } from '../lab/experiment/browser-experiment.ts';
import { runOutages, thirdPartyParams, type ThirdPartyEnvironment } from './outage-run.ts';
import { startMemoryPaymentApi } from './memory-payment-stand-in.ts';
import { chargeThroughApp, paymentAdapterApp } from './payment-adapter.ts';
import { findPhaseRow, isMainDeployment, phaseTable, type PhaseRow, type ThirdPartyResult } from './report.ts';

/** The provider stand-in as a function on timers, and the adapter service as a Hono app reached through `app.fetch`. */
const inThisTab: Omit<ThirdPartyEnvironment, 'onProgress'> = {
  startPaymentApi: async (options) => startMemoryPaymentApi(options),
  serveAdapter: async (adapter) => {
    const app = paymentAdapterApp(adapter);
    return { charge: (cents) => chargeThroughApp(app, cents), close: async () => undefined };
  },
};

const outageRows = (result: ThirdPartyResult) => result.rows.filter((row) => row.phase === 'outage' && row.scenario === 'outage' && row.run === 1 && isMainDeployment(result, row));

/**
 * micro-third-party in the page: the same runs as the command line, with the payment provider's
 * stand-in in memory (the same seeded errors, spikes and outage, held on timers) behind the same
 * adapter and cockatiel policies. The adapter "as its own service" is its Hono app reached through
 * `app.fetch`, without a socket.
 */
export const browserExperiment = defineBrowserExperiment({
  id: 'micro-third-party',
  title: 'A flaky payment provider, in your browser',
  params: thirdPartyParams,
  // The form cannot send an empty list: the map's replica counts start at the main one, which adds no run.
  initial: { placements: ['in-process'], scenarios: ['outage'], runs: 1, mapReplicas: [2], durationMs: 3_000, concurrency: 4, thinkMs: 10 },
  quick: { scenarios: ['outage'], runs: 1, mapReplicas: [], durationMs: 1_000, outageAnswerMs: 300, timeoutMs: 100, spikeMs: 250, halfOpenAfterMs: 200, concurrency: 4, thinkMs: 10 },
  scope:
    'Runs each policy for the run length against an in-memory stand-in of the provider that fails, stalls and goes down (or only degrades, in a brownout) on timers exactly as the HTTP one does; the adapter "as a service" is its Hono app called through app.fetch, one per replica. Real sockets on loopback need Node: run `npm run example -- micro-third-party` for those.',
  run: (p, onProgress): Promise<ThirdPartyResult> => runOutages(p, { ...inThisTab, onProgress }),
  tables: (result) => [phaseTable(result, 'outage'), ...(result.rows.some((row) => row.scenario === 'brownout') ? [phaseTable(result, 'outage', 'brownout')] : []), phaseTable(result, 'all')],
  plots: (result): ResultPlot[] => {
    const rows = outageRows(result).map((row) => ({ policy: row.policy, placement: row.placement, successPercent: row.successPercent, callsPerCheckout: callsPerCheckout(row) }));
    return [
      {
        kind: 'bar',
        title: "Checkouts that succeeded during the provider's outage, per policy and adapter placement, in this browser",
        rows,
        x: 'policy',
        y: 'successPercent',
        series: 'placement',
        xLabel: 'policy',
        yLabel: 'checkouts succeeded during the outage (%)',
      },
      {
        kind: 'bar',
        title: 'Calls that reached the provider during its outage, per checkout started in it',
        rows,
        x: 'policy',
        y: 'callsPerCheckout',
        series: 'placement',
        xLabel: 'policy',
        yLabel: 'provider calls per checkout during the outage',
      },
    ];
  },
  summary: (result) => {
    const placement = result.rows[0]?.placement ?? 'in-process';
    const during = (policy: PhaseRow['policy']) => findPhaseRow(result, placement, policy, 'outage');
    const plain = during('plain');
    const retried = during('timeout+retry');
    const broken = during('timeout+retry+breaker');
    if (!broken || broken.sent === 0) return 'Add the timeout+retry+breaker policy, and an outage long enough to start checkouts in, to see what the breaker does.';
    if (broken.fastFailed === 0) return `The breaker never opened during the outage (${broken.sent} checkouts started in it): lengthen the outage or lower break after.`;
    const against = [
      plain ? `${plain.p50Ms} ms with plain calls` : null,
      retried ? `${callsPerCheckout(retried)} provider calls per checkout with retries alone` : null,
    ].filter(Boolean);
    return `During the outage the breaker fast-failed ${broken.fastFailed} of ${broken.sent} checkouts, answering in ${broken.p50Ms} ms at the median and letting ${callsPerCheckout(broken)} provider calls per checkout through${against.length ? `, against ${against.join(' and ')}` : ''}.`;
  },
});

/**
 * Calls the provider received during a window per checkout started in it: above 1 when retries
 * multiply the load on a provider that is down, near 0 when an open breaker shields it.
 *
 * @example
 * ```ts
 * callsPerCheckout({ ...row, sent: 40, providerCalls: 100 }); // 2.5
 * ```
 */
export function callsPerCheckout(row: Pick<PhaseRow, 'sent' | 'providerCalls'>): number {
  return row.sent ? Math.round((row.providerCalls / row.sent) * 100) / 100 : 0;
}
