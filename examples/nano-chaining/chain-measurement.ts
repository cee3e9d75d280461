import { dequal } from 'dequal';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess, stepNames } from '../checkout/steps.ts';
import type { ExperimentProgress } from '../lab/experiment/define-experiment.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { minimumRuns } from '../lab/measure/interval.ts';
import { measureLatency, measureLatencySideBySide, measureThroughput, type LatencySummary, type ThroughputSummary } from '../lab/measure/measure.ts';
import { median } from '../lab/measure/stats.ts';
import { shapes, truncateShape, type ShapeName } from '../lab/model/shapes.ts';
import { transportNames, type Transport, type TransportName, type UnitAnswer } from '../lab/units/transport.ts';
import { perHopCosts, type ChainMeasurement, type ChainingRow } from './report.ts';

/** The parameters of a nano-chaining run; the defaults produce the published evidence. */
export const chainingParams = z.object({
  transports: z.array(z.enum(transportNames)).min(1).default(['memory', 'http', 'process']),
  chainLengths: z.array(z.number().int().min(1).max(stepNames.length)).min(1).default([1, 2, 3, 4, 5, 6]),
  warmup: z.number().int().min(0).max(10_000).default(300),
  /** Samples per shape in each run. */
  iterations: z.number().int().min(10).max(100_000).default(400),
  /**
   * Independent runs per transport and chain length: each deploys every shape afresh and measures
   * them side by side. The headline figures are medians over runs with a 95% interval, so at least 5.
   */
  runs: z.number().int().min(minimumRuns).max(50).default(minimumRuns),
  /** Turns the shapes take within one run (see measureLatencySideBySide). */
  rounds: z.number().int().min(1).max(100).default(4),
  concurrency: z.number().int().min(1).max(256).default(16),
  throughputRequests: z.number().int().min(10).max(100_000).default(2_000),
  maxSecondsPerMeasurement: z.number().positive().max(120).default(15),
});
/** Parsed nano-chaining parameters. */
export type ChainingParams = z.output<typeof chainingParams>;

/** A raw platform round trip the run can call, measured in the same rounds as the HTTP shapes. */
export interface RawRoundTrip {
  roundTrip(): Promise<unknown>;
  close(): Promise<void>;
}

/** What the run may use: the transports it can deploy on, and (on Node) a raw platform baseline. */
export interface ChainingEnvironment {
  readonly transports: Partial<Record<TransportName, Transport>>;
  /** Starts a plain node:http round trip, measured side by side with the shapes on the http transport. */
  readonly startRawRoundTrip?: () => Promise<RawRoundTrip>;
  readonly onProgress?: (progress: ExperimentProgress) => void;
}

/** One run of one transport and chain length: every shape deployed afresh, measured side by side. */
interface ChainRun {
  readonly latencies: Record<string, LatencySummary>;
  readonly networkCalls: Record<string, number>;
  readonly units: Record<string, number>;
  readonly throughput: Record<string, ThroughputSummary> | null;
  readonly identical: boolean;
}

/**
 * The nano-chaining measurement, browser-safe: every shape at every chain length on every transport
 * the environment offers, each in `runs` independent runs (the three shapes deployed afresh and
 * measured in turns, with a plain node:http round trip beside them on HTTP). The command line runs it
 * with memory, HTTP and processes; the page runs it in a Web Worker with memory only.
 *
 * @example
 * ```ts
 * const result = await measureChains(chainingParams.parse({ transports: ['memory'] }), { transports: { memory: memoryTransport } });
 * result.perHop[0]?.interval; // one in-process hop through Hono, µs, median of 5 runs with its 95% interval
 * ```
 */
export async function measureChains(p: ChainingParams, environment: ChainingEnvironment): Promise<ChainMeasurement> {
  const missing = p.transports.filter((name) => !environment.transports[name]);
  if (missing.length > 0) throw new Error(`transport ${missing.join(', ')} is not available here; available: ${Object.keys(environment.transports).join(', ')}`);
  const lengths = [...new Set(p.chainLengths)].sort((a, b) => a - b);
  const total = 1 + p.transports.length * lengths.length;
  let done = 0;
  const step = (label: string) => environment.onProgress?.({ done: ++done, total, label });
  const latency = { warmup: p.warmup, iterations: p.iterations, maxSeconds: p.maxSecondsPerMeasurement };

  const inProcessCheckout = await measureLatency(async () => runCheckoutInProcess(sampleCart), { ...latency, iterations: p.iterations * p.runs });
  step('whole checkout in one call stack');
  // The raw round trip takes its turns with the HTTP shapes, in the same rounds: measured apart, a
  // minute of drift on a shared machine moved the hop's ratio to it from 0.8 to 1.3.
  const rawContender = 'raw node:http round trip';
  const rawRunsUs: number[][] = Array.from({ length: p.runs }, () => []);
  const rawSummaries: LatencySummary[] = [];

  const rows: ChainingRow[] = [];
  let identicalResults = true;
  for (const transportName of p.transports) {
    const transport = environment.transports[transportName] as Transport;
    for (const chainLength of lengths) {
      const expected = runCheckoutInProcess(sampleCart, chainLength);
      const runs: ChainRun[] = [];
      for (let run = 0; run < p.runs; run += 1) {
        // All three shapes run at once and take turns, so that drift hits them alike; every run deploys them afresh.
        const deployments: Deployment[] = [];
        const raw = transportName === 'http' ? await environment.startRawRoundTrip?.() : undefined;
        try {
          for (const shape of Object.values(shapes)) deployments.push(await deployShape(truncateShape(shape, chainLength), transport));
          const answers = await Promise.all(deployments.map((deployment) => deployment.checkout(sampleCart)));
          const latencies: Record<string, LatencySummary> = await measureLatencySideBySide(
            Object.fromEntries([
              ...deployments.map((deployment) => [deployment.shape.name, () => deployment.checkout(sampleCart)] as const),
              ...(raw ? [[rawContender, raw.roundTrip] as const] : []),
            ]),
            { ...latency, rounds: p.rounds },
          );
          const rawLatency = latencies[rawContender];
          if (rawLatency) {
            rawRunsUs[run]?.push(rawLatency.p50Us);
            rawSummaries.push(rawLatency);
          }
          // Throughput once per chain length (in the first run): it is shown, not judged on.
          const throughput: Record<string, ThroughputSummary> = {};
          if (run === 0) {
            for (const deployment of deployments) {
              throughput[deployment.shape.name] = await measureThroughput(() => deployment.checkout(sampleCart), {
                concurrency: p.concurrency,
                requests: p.throughputRequests,
                maxSeconds: p.maxSecondsPerMeasurement,
              });
            }
          }
          runs.push({
            latencies,
            networkCalls: Object.fromEntries(deployments.map((deployment, index) => [deployment.shape.name, (answers[index] as UnitAnswer).networkCalls])),
            units: Object.fromEntries(deployments.map((deployment) => [deployment.shape.name, deployment.shape.units.length])),
            throughput: run === 0 ? throughput : null,
            identical: answers.every((answer) => dequal(answer.value, expected)),
          });
        } finally {
          await Promise.all([...deployments.map((deployment) => deployment.close()), raw?.close()]);
        }
      }
      identicalResults &&= runs.every((run) => run.identical);
      for (const shape of Object.values(shapes)) rows.push(rowOf(transportName, shape.name, chainLength, runs));
      step(`${transportName} · ${chainLength} function${chainLength > 1 ? 's' : ''} · ${Object.keys(shapes).length} shapes × ${p.runs} runs`);
    }
  }
  // The raw round trip of a run: the median over the chain lengths it was measured beside.
  const rawPerRunUs = rawRunsUs.every((values) => values.length > 0) ? rawRunsUs.map((values) => median(values)) : null;
  const rawHttpRoundTrip = rawSummaries.length === 0 ? null : medianSummary(rawSummaries);
  return { rows, perHop: perHopCosts(rows, rawPerRunUs), inProcessCheckout, rawHttpRoundTrip, rawHttpRunsP50Us: rawPerRunUs, identicalResults };
}

/** One shape's row over the runs: medians of the per-run percentiles, and every run's p50. */
function rowOf(transport: TransportName, shape: ShapeName, chainLength: number, runs: readonly ChainRun[]): ChainingRow {
  const latencies = runs.map((run) => run.latencies[shape] as LatencySummary);
  const first = runs[0] as ChainRun;
  return {
    transport,
    shape,
    chainLength,
    units: first.units[shape] as number,
    networkCalls: first.networkCalls[shape] as number,
    p50Us: median(latencies.map((summary) => summary.p50Us)),
    p99Us: median(latencies.map((summary) => summary.p99Us)),
    requestsPerSecond: first.throughput?.[shape]?.requestsPerSecond ?? 0,
    runsP50Us: latencies.map((summary) => summary.p50Us),
  };
}

/** Percentiles of several runs of one operation, as one summary: each the median over the runs. */
function medianSummary(summaries: readonly LatencySummary[]): LatencySummary {
  const of = (key: keyof LatencySummary) => median(summaries.map((summary) => summary[key]));
  return { iterations: summaries.reduce((sum, summary) => sum + summary.iterations, 0), p50Us: of('p50Us'), p90Us: of('p90Us'), p99Us: of('p99Us'), meanUs: of('meanUs'), maxUs: of('maxUs') };
}
