import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess, stepNames } from '../checkout/steps.ts';
import { deployShape } from '../lab/deploy.ts';
import { defineExperiment } from '../lab/experiment.ts';
import { httpTransport } from '../lab/http-transport.ts';
import { measureLatency, measureThroughput } from '../lab/measure.ts';
import { memoryTransport } from '../lab/memory-transport.ts';
import { processTransport } from '../lab/process-transport.ts';
import { measureRawHttpRoundTrip } from '../lab/raw-http-baseline.ts';
import { shapes, truncateShape } from '../lab/shapes.ts';
import { transportNames, type Transport } from '../lab/transport.ts';
import { chainingTable, chainingVerdict, perHopTable, type ChainingResult, type ChainingRow, type PerHopCost } from './report.ts';

const transports: Record<(typeof transportNames)[number], Transport> = { memory: memoryTransport, http: httpTransport, process: processTransport };

const params = z.object({
  transports: z.array(z.enum(transportNames)).min(1).default(['memory', 'http', 'process']),
  chainLengths: z.array(z.number().int().min(1).max(stepNames.length)).min(1).default([1, 2, 3, 4, 5, 6]),
  warmup: z.number().int().min(0).max(10_000).default(300),
  iterations: z.number().int().min(10).max(100_000).default(2_000),
  concurrency: z.number().int().min(1).max(256).default(16),
  throughputRequests: z.number().int().min(10).max(100_000).default(2_000),
  maxSecondsPerMeasurement: z.number().positive().max(120).default(15),
});

/**
 * nano-chaining: the same checkout as a chain of nanoservices, as microservices and as a monolith,
 * on each transport and for each chain length. It measures latency and throughput per shape, the
 * cost of one added hop, and a plain node:http round trip in the same run, and checks that every
 * deployment returns exactly what the functions return in one call stack.
 */
export const experiment = defineExperiment({
  id: 'nano-chaining',
  title: 'Chaining nanoservices: what each hop costs',
  params,
  quick: { transports: ['memory', 'http'], chainLengths: [1, 6], warmup: 20, iterations: 60, throughputRequests: 100, maxSecondsPerMeasurement: 5 },
  tables: (result) => [chainingTable(result), perHopTable(result)],
  verdict: chainingVerdict,

  async run(p, onProgress): Promise<ChainingResult> {
    const lengths = [...new Set(p.chainLengths)].sort((a, b) => a - b);
    const total = 1 + (p.transports.some((t) => t !== 'memory') ? 1 : 0) + p.transports.length * lengths.length * Object.keys(shapes).length;
    let done = 0;
    const step = (label: string) => onProgress?.({ done: ++done, total, label });
    const latency = { warmup: p.warmup, iterations: p.iterations, maxSeconds: p.maxSecondsPerMeasurement };

    const inProcessCheckout = await measureLatency(async () => runCheckoutInProcess(sampleCart), latency);
    step('whole checkout in one call stack');
    let rawHttpRoundTrip = null;
    if (p.transports.some((t) => t !== 'memory')) {
      rawHttpRoundTrip = await measureRawHttpRoundTrip(sampleCart, latency);
      step('raw node:http round trip');
    }

    const rows: ChainingRow[] = [];
    let identicalResults = true;
    for (const transportName of p.transports) {
      for (const chainLength of lengths) {
        const expected = runCheckoutInProcess(sampleCart, chainLength);
        for (const shape of Object.values(shapes)) {
          const deployment = await deployShape(truncateShape(shape, chainLength), transports[transportName]);
          try {
            const answer = await deployment.checkout(sampleCart);
            identicalResults &&= isDeepStrictEqual(answer.value, expected);
            const summary = await measureLatency(() => deployment.checkout(sampleCart), latency);
            const throughput = await measureThroughput(() => deployment.checkout(sampleCart), {
              concurrency: p.concurrency,
              requests: p.throughputRequests,
              maxSeconds: p.maxSecondsPerMeasurement,
            });
            rows.push({
              transport: transportName,
              shape: shape.name,
              chainLength,
              units: deployment.shape.units.length,
              networkCalls: answer.networkCalls,
              p50Us: summary.p50Us,
              p99Us: summary.p99Us,
              requestsPerSecond: throughput.requestsPerSecond,
            });
          } finally {
            await deployment.close();
          }
          step(`${transportName} · ${shape.name} · ${chainLength} function${chainLength > 1 ? 's' : ''}`);
        }
      }
    }
    return { rows, perHop: perHopCosts(rows, rawHttpRoundTrip?.p50Us ?? null), inProcessCheckout, rawHttpRoundTrip, identicalResults };
  },
});

/** One added hop = the nanoservice chain minus the monolith, at the longest chain, per extra call. */
function perHopCosts(rows: readonly ChainingRow[], rawP50Us: number | null): PerHopCost[] {
  const longest = Math.max(...rows.map((row) => row.chainLength));
  const find = (transport: string, shape: string) => rows.find((row) => row.transport === transport && row.shape === shape && row.chainLength === longest);
  return [...new Set(rows.map((row) => row.transport))].flatMap((transport) => {
    const nano = find(transport, 'nanoservices');
    const mono = find(transport, 'monolith');
    if (!nano || !mono || nano.networkCalls === mono.networkCalls) return [];
    const perHopUs = Math.round(((nano.p50Us - mono.p50Us) / (nano.networkCalls - mono.networkCalls)) * 10) / 10;
    // The raw round trip runs client and server in one process, like the http transport: only that pair compares.
    const ratioToRawHttp = transport === 'http' && rawP50Us ? Math.round((perHopUs / rawP50Us) * 100) / 100 : null;
    return [{ transport, perHopUs, ratioToRawHttp }];
  });
}
