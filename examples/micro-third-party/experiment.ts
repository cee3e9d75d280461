import http from 'node:http';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { keepAliveAgent } from '../lab/network/http-client.ts';
import { listenOnLoopback } from '../lab/processes/serve.ts';
import { runOutages, thirdPartyParams, type ThirdPartyEnvironment } from './outage-run.ts';
import { paymentAdapterApp } from './payment-adapter.ts';
import { chargeThroughService, httpProviderCall } from './payment-http.ts';
import { startFlakyPaymentApi } from './payment-stand-in.ts';
import { phaseTable, thirdPartyVerdict, type ThirdPartyResult } from './report.ts';

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
 * micro-third-party: a checkout charges through an adapter around a local stand-in for a payment
 * provider that fails 2% of calls, is slow on 2% and goes down for the middle 60% of the run. The
 * adapter calls it plainly, with timeout and retry, or with timeout, retry and a circuit breaker
 * (cockatiel), placed in the checkout's process or as its own HTTP service. Each run counts the
 * checkouts sent, succeeded, failed and fast-failed and their latency, before, during and after the
 * outage, and the calls the provider received. The measurement is browser-safe (`outage-run.ts`);
 * this file gives it the stand-in and the adapter service on loopback HTTP.
 */
export const experiment = defineExperiment({
  id: 'micro-third-party',
  title: 'Integrating a flaky payment provider: adapter, timeout, retry and circuit breaker',
  params: thirdPartyParams,
  quick: { durationMs: 1_500, outageAnswerMs: 300, timeoutMs: 100, spikeMs: 250, halfOpenAfterMs: 200, concurrency: 4, thinkMs: 10 },
  tables: (result) => [phaseTable(result, 'outage'), phaseTable(result, 'all')],
  verdict: thirdPartyVerdict,

  run: (p, onProgress): Promise<ThirdPartyResult> => runOutages(p, { ...overLoopback, onProgress }),
});
