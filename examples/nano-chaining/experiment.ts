import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { processTransport } from '../lab/network/process-transport.ts';
import { startRawHttpEcho } from '../lab/network/raw-http-baseline.ts';
import { sampleCart } from '../checkout/sample-carts.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { chainingParams, measureChains } from './chain-measurement.ts';
import { chainingTable, findingFor, perHopTable, type ChainingResult } from './report.ts';

/**
 * nano-chaining: the same checkout as a chain of nanoservices, as microservices and as a monolith,
 * on each transport and for each chain length, the three deployed at once and measured in turns. It
 * measures latency and throughput per shape, the cost of one added hop, and a plain node:http round
 * trip in the same rounds as the HTTP shapes, and checks that every deployment returns exactly what the functions return in
 * one call stack. The measurement itself is browser-safe (`chain-measurement.ts`); this file gives it
 * the Node transports, and adds the hops each cut of the reference systems makes, counted from their
 * files (which a browser cannot read).
 */
export const experiment = defineExperiment({
  id: 'nano-chaining',
  title: 'Chaining nanoservices: what each hop costs',
  params: chainingParams,
  quick: { transports: ['memory', 'http'], chainLengths: [1, 6], warmup: 20, iterations: 30, rounds: 2, throughputRequests: 100, maxSecondsPerMeasurement: 5 },
  tables: (result) => [chainingTable(result), perHopTable(result)],
  finding: findingFor,

  run: async (p, onProgress): Promise<ChainingResult> => ({
    ...(await measureChains(p, {
      transports: { memory: memoryTransport, http: httpTransport, process: processTransport },
      startRawRoundTrip: () => startRawHttpEcho(sampleCart),
      onProgress,
    })),
    referenceSystems: referenceStructures(),
  }),
});
