import { dequal } from 'dequal';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess, stepNames } from '../checkout/steps.ts';
import type { ExperimentProgress } from '../lab/experiment/define-experiment.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { measureLatency, measureLatencySideBySide, measureThroughput, type LatencySummary } from '../lab/measure/measure.ts';
import { shapes, truncateShape } from '../lab/model/shapes.ts';
import { transportNames, type Transport, type TransportName, type UnitAnswer } from '../lab/units/transport.ts';
import type { ChainingResult, ChainingRow, PerHopCost } from './report.ts';

/** The parameters of a nano-chaining run; the defaults produce the published evidence. */
export const chainingParams = z.object({
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

/**
 * The nano-chaining measurement, browser-safe: every shape at every chain length on every transport
 * the environment offers, the three shapes deployed at once and measured in turns. The command line
 * runs it with memory, HTTP and processes; the page runs it in a Web Worker with memory only.
 *
 * @example
 * ```ts
 * const result = await measureChains(chainingParams.parse({ transports: ['memory'] }), { transports: { memory: memoryTransport } });
 * result.perHop[0]?.perHopUs; // one in-process hop through Hono, in µs
 * ```
 */
export async function measureChains(p: ChainingParams, environment: ChainingEnvironment): Promise<ChainingResult> {
  const missing = p.transports.filter((name) => !environment.transports[name]);
  if (missing.length > 0) throw new Error(`transport ${missing.join(', ')} is not available here; available: ${Object.keys(environment.transports).join(', ')}`);
  const lengths = [...new Set(p.chainLengths)].sort((a, b) => a - b);
  const total = 1 + p.transports.length * lengths.length;
  let done = 0;
  const step = (label: string) => environment.onProgress?.({ done: ++done, total, label });
  const latency = { warmup: p.warmup, iterations: p.iterations, maxSeconds: p.maxSecondsPerMeasurement };

  const inProcessCheckout = await measureLatency(async () => runCheckoutInProcess(sampleCart), latency);
  step('whole checkout in one call stack');
  // The raw round trip takes its turns with the HTTP shapes, in the same rounds: measured apart, a
  // minute of drift on a shared machine moved the hop's ratio to it from 0.8 to 1.3.
  let rawHttpRoundTrip: LatencySummary | null = null;
  const rawContender = 'raw node:http round trip';

  const rows: ChainingRow[] = [];
  let identicalResults = true;
  for (const transportName of p.transports) {
    const transport = environment.transports[transportName] as Transport;
    for (const chainLength of lengths) {
      const expected = runCheckoutInProcess(sampleCart, chainLength);
      // All three shapes run at once and take turns, so that drift hits them alike.
      const deployments: Deployment[] = [];
      const raw = transportName === 'http' ? await environment.startRawRoundTrip?.() : undefined;
      try {
        for (const shape of Object.values(shapes)) deployments.push(await deployShape(truncateShape(shape, chainLength), transport));
        const answers = await Promise.all(deployments.map((deployment) => deployment.checkout(sampleCart)));
        identicalResults &&= answers.every((answer) => dequal(answer.value, expected));
        const latencies: Record<string, LatencySummary> = await measureLatencySideBySide(
          Object.fromEntries([
            ...deployments.map((deployment) => [deployment.shape.name, () => deployment.checkout(sampleCart)] as const),
            ...(raw ? [[rawContender, raw.roundTrip] as const] : []),
          ]),
          { ...latency, rounds: p.rounds },
        );
        // The per-hop cost is read at the longest chain: the raw round trip measured there is its baseline.
        if (raw && chainLength === lengths.at(-1)) rawHttpRoundTrip = latencies[rawContender] ?? null;
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
        await Promise.all([...deployments.map((deployment) => deployment.close()), raw?.close()]);
      }
      step(`${transportName} · ${chainLength} function${chainLength > 1 ? 's' : ''} · ${deployments.length} shapes`);
    }
  }
  return { rows, perHop: perHopCosts(rows, rawHttpRoundTrip?.p50Us ?? null), inProcessCheckout, rawHttpRoundTrip, identicalResults };
}

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
