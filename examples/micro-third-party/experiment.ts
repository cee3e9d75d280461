import http from 'node:http';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { keepAliveAgent } from '../lab/network/http-client.ts';
import { listenOnLoopback } from '../lab/processes/serve.ts';
import { runOutages, thirdPartyParams, type ThirdPartyEnvironment } from './outage-run.ts';
import { paymentAdapterApp } from './payment-adapter.ts';
import { chargeThroughService, httpProviderCall } from './payment-http.ts';
import { startFlakyPaymentApi } from './payment-stand-in.ts';
import { findingFor, phaseTable, type ThirdPartyResult } from './report.ts';

/** The provider stand-in and the adapter service on 127.0.0.1, over keep-alive connections. */
const overLoopback: Omit<ThirdPartyEnvironment, 'onProgress'> = {
  async startPaymentApi(options) {
    const api = await startFlakyPaymentApi(options);
    const agent = new http.Agent({ keepAlive: true });
    return {
      call: httpProviderCall(agent, api.port),
      counts: api.counts,
      begin: () => api.begin(),
      close: async () => {
        agent.destroy();
        await api.close();
      },
    };
  },
  async serveAdapter(adapter) {
    const service = await listenOnLoopback(paymentAdapterApp(adapter));
    const agent = keepAliveAgent();
    return {
      charge: (cents) => chargeThroughService(agent, service.port, cents),
      close: async () => {
        await service.close();
        agent.destroy();
      },
    };
  },
};

/**
 * micro-third-party: checkouts spread over several checkout replicas charge through an adapter around
 * a local stand-in for a payment provider that fails 2% of calls and is slow on 2%, and for the middle
 * 60% of each run is either down (an outage) or degraded (a brownout: 30% of calls fail, 10% hang past
 * the timeout). The adapter calls it plainly, with timeout and retry, or with timeout, retry and a
 * circuit breaker (cockatiel), either in each checkout replica's process (one breaker per replica) or as
 * its own HTTP service with a few replicas (one breaker per replica, shared by every checkout). Both
 * placements run side by side against the same seeded faults, five times. Each counts the checkouts
 * sent, succeeded, failed and fast-failed and their latency, before, during and after the window, and
 * the calls the provider received. The measurement is browser-safe (`outage-run.ts`); this file gives
 * it the stand-in and the adapter service on loopback HTTP.
 */
export const experiment = defineExperiment({
  id: 'micro-third-party',
  title: 'Integrating a flaky payment provider: adapter, timeout, retry and circuit breaker, in process or as a service',
  params: thirdPartyParams,
  quick: { mapReplicas: [], durationMs: 1_000, outageAnswerMs: 300, timeoutMs: 100, spikeMs: 250, halfOpenAfterMs: 300, thinkMs: 10 },
  tables: (result) => [phaseTable(result, 'outage'), phaseTable(result, 'outage', 'brownout'), phaseTable(result, 'all')],
  finding: findingFor,

  run: (p, onProgress): Promise<ThirdPartyResult> => runOutages(p, { ...overLoopback, onProgress }),
});
