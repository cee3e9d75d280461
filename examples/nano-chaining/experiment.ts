import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess, stepNames } from '../checkout/steps.ts';
import { deployShape, type Deployment } from '../lab/deploy.ts';
import { defineExperiment } from '../lab/define-experiment.ts';
import { httpTransport } from '../lab/http-transport.ts';
import { measureLatency, measureLatencySideBySide, measureThroughput, type LatencySummary } from '../lab/measure.ts';
import { memoryTransport } from '../lab/memory-transport.ts';
import { processTransport } from '../lab/process-transport.ts';
import { measureRawHttpRoundTrip } from '../lab/raw-http-baseline.ts';
import { shapes, truncateShape } from '../lab/shapes.ts';
import { transportNames, type Transport, type UnitAnswer } from '../lab/transport.ts';
import { chainingTable, chainingVerdict, perHopTable, type ChainingResult, type ChainingRow, type PerHopCost } from './report.ts';

const transports: Record<(typeof transportNames)[number], Transport> = { memory: memoryTransport, http: httpTransport, process: processTransport };

const params = z.object({
  transports: z.array(z.enum(transportNames)).min(1).default(['memory', 'http', 'process']),
  chainLengths: z.array(z.number().int().min(1).max(stepNames.length)).min(1).default([1, 2, 3, 4, 5, 6]),
  warmup: z.number().int().min(0).max(10_000).default(300),
  iterations: z.number().int().min(10).max(100_000).default(2_000),
  /** Turns the shapes take within one measurement (see measureLatencySideBySide). */
  rounds: z.number().int().min(1).max(100).default(10),
  concurrency: z.number().int().min(1).max(256).default(16),
  throughputRequests: z.number().int().min(10).max(100_000).default(2_000),
  maxSecondsPerMeasurement: z.number().positive().max(120).default(15),
});

/**
 * nano-chaining: the same checkout as a chain of nanoservices, as microservices and as a monolith,
 * on each transport and for each chain length, the three deployed at once and measured in turns. It
 * measures latency and throughput per shape, the
 * cost of one added hop, and a plain node:http round trip in the same run, and checks that every
 * deployment returns exactly what the functions return in one call stack.
 */
export const experiment = defineExperiment({
  id: 'nano-chaining',
  title: 'Chaining nanoservices: what each hop costs',
  params,
  quick: { transports: ['memory', 'http'], chainLengths: [1, 6], warmup: 20, iterations: 60, rounds: 3, throughputRequests: 100, maxSecondsPerMeasurement: 5 },
  tables: (result) => [chainingTable(result), perHopTable(result)],
  verdict: chainingVerdict,

  async run(p, onProgress): Promise<ChainingResult> {
    const lengths = [...new Set(p.chainLengths)].sort((a, b) => a - b);
    const total = 1 + (p.transports.some((t) => t !== 'memory') ? 1 : 0) + p.transports.length * lengths.length;
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
        // All three shapes run at once and take turns, so that drift hits them alike.
        const deployments: Deployment[] = [];
        try {
          for (const shape of Object.values(shapes)) deployments.push(await deployShape(truncateShape(shape, chainLength), transports[transportName]));
          const answers = await Promise.all(deployments.map((deployment) => deployment.checkout(sampleCart)));
          identicalResults &&= answers.every((answer) => isDeepStrictEqual(answer.value, expected));
          const latencies = await measureLatencySideBySide(
            Object.fromEntries(deployments.map((deployment) => [deployment.shape.name, () => deployment.checkout(sampleCart)])),
            { ...latency, rounds: p.rounds },
          );
          for (const [index, deployment] of deployments.entries()) {
            const throughput = await measureThroughput(() => deployment.checkout(sampleCart), {
              concurrency: p.concurrency,
              requests: p.throughputRequests,
              maxSeconds: p.maxSecondsPerMeasurement,
            });
            const summary = latencies[deployment.shape.name] as LatencySummary;
            rows.push({
              transport: transportName,
              shape: deployment.shape.name,
              chainLength,
              units: deployment.shape.units.length,
              networkCalls: (answers[index] as UnitAnswer).networkCalls,
              p50Us: summary.p50Us,
              p99Us: summary.p99Us,
              requestsPerSecond: throughput.requestsPerSecond,
            });
          }
        } finally {
          await Promise.all(deployments.map((deployment) => deployment.close()));
        }
        step(`${transportName} · ${chainLength} function${chainLength > 1 ? 's' : ''} · ${deployments.length} shapes`);
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
