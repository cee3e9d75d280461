import { dequal } from 'dequal';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { measureLatency, measureLatencySideBySide, type LatencySummary } from '../lab/measure/measure.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { processTransport } from '../lab/network/process-transport.ts';
import { microservices, modularMonolith, monolith, type AnyShape } from '../lab/model/shapes.ts';
import { transportNames, type Transport, type TransportName } from '../lab/units/transport.ts';
import { boundaryCrossings } from './crossings.ts';
import { boundariesTable, compareShapes, comparisonTable, latencyTable, verdictFor, type ComparedShape, type Result, type ShapeRow } from './report.ts';

const transports: Readonly<Record<TransportName, Transport>> = { memory: memoryTransport, http: httpTransport, process: processTransport };
/** The plain monolith first: it is the control, the same code as the modular monolith at run time. */
const compared: readonly AnyShape[] = [monolith, modularMonolith, microservices];

/**
 * modular-monolith-in-process-calls: the checkout's three business modules (cart, billing, receipts)
 * deployed as one unit whose modules call each other in process, and as three microservices that call
 * each other over loopback HTTP, with a plain monolith as control. On each transport the three run at
 * once and take turns (measureLatencySideBySide), one checkout at a time, after a warm-up. Each
 * deployment's answer must equal what the functions return in one call stack, and the units count
 * the network calls themselves.
 */
export const experiment = defineExperiment({
  id: 'modular-monolith-in-process-calls',
  title: 'Modules that call each other in one process answer faster than the same modules split into microservices',
  params: z.object({
    /** `process`: every unit its own Node process; `http`: every unit a server in this process. */
    transports: z.array(z.enum(transportNames)).min(1).default(['process', 'http']),
    warmup: z.number().int().min(0).max(10_000).default(300),
    iterations: z.number().int().min(10).max(100_000).default(2_000),
    /** Turns the shapes take within one measurement, each turn starting with another shape. */
    rounds: z.number().int().min(1).max(100).default(10),
    maxSecondsPerMeasurement: z.number().positive().max(120).default(20),
  }),
  quick: { warmup: 20, iterations: 100, rounds: 4, maxSecondsPerMeasurement: 5 },
  tables: (result) => [comparisonTable(result), latencyTable(result), boundariesTable(result)],
  verdict: verdictFor,

  async run(p, onProgress): Promise<Result> {
    const transportList = [...new Set(p.transports)];
    const total = 1 + transportList.length;
    const latency = { warmup: p.warmup, iterations: p.iterations, maxSeconds: p.maxSecondsPerMeasurement };
    const expected = runCheckoutInProcess(sampleCart);

    const inProcessCheckout = await measureLatency(async () => runCheckoutInProcess(sampleCart), latency);
    onProgress?.({ done: 1, total, label: 'the six functions in one call stack' });

    const rows: ShapeRow[] = [];
    let sameAnswers = true;
    for (const [index, transportName] of transportList.entries()) {
      const deployments: Deployment<AnyShape>[] = [];
      try {
        for (const shape of compared) deployments.push(await deployShape(shape, transports[transportName]));
        const answers = await Promise.all(deployments.map((deployment) => deployment.checkout(sampleCart)));
        sameAnswers &&= answers.every((answer) => dequal(answer.value, expected));
        const latencies: Record<string, LatencySummary> = await measureLatencySideBySide(
          Object.fromEntries(deployments.map((deployment) => [deployment.shape.name, () => deployment.checkout(sampleCart)])),
          { ...latency, rounds: p.rounds },
        );
        for (const [position, deployment] of deployments.entries()) {
          const summary = latencies[deployment.shape.name] as LatencySummary;
          const crossings = boundaryCrossings(deployment.shape);
          rows.push({
            transport: transportName,
            shape: deployment.shape.name as ComparedShape,
            units: deployment.shape.units.length,
            crossedByFunctionCall: crossings.byFunctionCall,
            crossedOverNetwork: crossings.overNetwork,
            networkCalls: answers[position]?.networkCalls ?? 0,
            iterations: summary.iterations,
            p50Us: summary.p50Us,
            p90Us: summary.p90Us,
            p99Us: summary.p99Us,
          });
        }
      } finally {
        await Promise.all(deployments.map((deployment) => deployment.close()));
      }
      onProgress?.({ done: index + 2, total, label: `${transportName} · ${compared.map((shape) => shape.name).join(', ')}` });
    }
    return { rows, comparisons: compareShapes(rows), inProcessCheckout, sameAnswers };
  },
});
