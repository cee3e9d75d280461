import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { z } from 'zod';
import { cloudFaults, stressFaults } from '../lab/faults/fault-model.ts';
import { httpSystemTransport } from '../lab/network/http-system-transport.ts';
import { sweepSizes, sweepSteps, sweepSystems, sweptSystems } from '../lab/system-run/reference-sweep.ts';
import { clusterParams, runFaultConditions } from './fault-run.ts';
import { clusterTable, findingFor, type ClusterResult } from './report.ts';

/**
 * nano-clustered-app: the six nanoservices composed into the working checkout, next to the
 * microservices and the monolith. Two kinds of fault, each from seeded generators so that a run
 * repeats exactly: every function fails when it runs with probability f, in every cut (a monolith can
 * fail half-way), and every unit refuses a request at its entry with probability u, which is what a
 * finer cut multiplies. The client sends N checkouts per run, in five runs, optionally retrying each,
 * and counts what succeeded, what failed and what was charged; the counts are checked against the
 * model (1 − f)^functions · (1 − u)^units within a binomial bound, and the model gives the realistic
 * rates, too rare to count. The run itself is browser-safe (`fault-run.ts`); this file gives it the
 * Node transports.
 */
export const experiment = defineExperiment({
  id: 'nano-clustered-app',
  title: 'Clustering nanoservices into an application: availability is a product',
  params: clusterParams.extend({
    /** Also run the reference systems' cuts (checkout, Online Boutique, the Alibaba-like tree) under the realistic cloud fault model and, separately, the stress case. */
    onReferenceSystems: z.boolean().default(true),
  }),
  quick: { failureProbabilities: [0, 0.05], perFunctionFaultRates: [0, 0.05], attempts: [1, 3], checkouts: 100, maxSecondsPerCondition: 10, onReferenceSystems: false },
  tables: (result) => [clusterTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<ClusterResult> {
    const measured = await runFaultConditions(p, { transports: { http: httpTransport, memory: memoryTransport }, onProgress });
    if (!p.onReferenceSystems) return measured;
    // The system's own fault model (unavailability per unit, slow answers, crashes, a lost zone, one
    // client retry) on systems shaped like real ones; latency is nano-anti-pattern's question, so it
    // is measured briefly here, only to warm the deployment.
    const systems = sweptSystems();
    const cuts = ['monolith', 'microservices', 'nanoservices'];
    const faultModels = [cloudFaults, stressFaults];
    const total = sweepSteps(systems.length, cuts.length, faultModels.length);
    let done = 0;
    // Enough time for five rounds of the slowest system's cuts (an interval needs five).
    const sizes = { ...sweepSizes, latency: { warmup: 10, iterations: 100, rounds: 5, maxSeconds: 2 } };
    const sweep = await sweepSystems(systems, { cuts, transport: httpSystemTransport, faultModels, sizes, seed: 1, onProgress: (label) => onProgress?.({ done: ++done, total, label }) });
    return { ...measured, systems: sweep };
  },
});
