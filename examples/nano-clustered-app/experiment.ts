import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { clusterParams, runFaultConditions } from './fault-run.ts';
import { clusterTable, clusterVerdict, type ClusterResult } from './report.ts';

/**
 * nano-clustered-app: the six nanoservices composed into the working checkout, next to the
 * microservices and the monolith, each deployed over real HTTP. Every unit refuses a request (503)
 * with probability p, drawn from a seeded generator so that a run repeats exactly; the client sends
 * N checkouts, optionally retrying each, and counts what succeeded, what failed and what was charged.
 * The measured success is compared with the product rule (1 − p)^units within a binomial bound. The
 * run itself is browser-safe (`fault-run.ts`); this file gives it the Node transports.
 */
export const experiment = defineExperiment({
  id: 'nano-clustered-app',
  title: 'Clustering nanoservices into an application: availability is a product',
  params: clusterParams,
  quick: { failureProbabilities: [0, 0.05], attempts: [1, 3], checkouts: 200, maxSecondsPerCondition: 10 },
  tables: (result) => [clusterTable(result)],
  verdict: clusterVerdict,

  run: (p, onProgress): Promise<ClusterResult> => runFaultConditions(p, { transports: { http: httpTransport, memory: memoryTransport }, onProgress }),
});
