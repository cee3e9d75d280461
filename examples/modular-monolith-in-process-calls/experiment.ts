import { dequal } from 'dequal';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, type StepName } from '../checkout/steps.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { calibrateSpin, withBusyWork } from '../lab/measure/busy-work.ts';
import { minimumRuns } from '../lab/measure/interval.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { measureLatency, measureLatencySideBySide, type LatencySummary } from '../lab/measure/measure.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { processTransport } from '../lab/network/process-transport.ts';
import { microservices, modularMonolith, monolith, type AnyShape } from '../lab/model/shapes.ts';
import type { UnitOptions } from '../lab/units/unit-app.ts';
import { transportNames, type Transport, type TransportName } from '../lab/units/transport.ts';
import { boundaryCrossings } from './crossings.ts';
import { boundariesTable, compareShapes, comparisonTable, findingFor, latencyTable, summariseRows, workTable, type ComparedShape, type Result, type RunRow, type WorkRunRow } from './report.ts';

const transports: Readonly<Record<TransportName, Transport>> = { memory: memoryTransport, http: httpTransport, process: processTransport };
/** The plain monolith first: it is the control, the same code as the modular monolith at run time. */
const compared: readonly AnyShape[] = [monolith, modularMonolith, microservices];
/** The first function of each business module: where the work each module does per checkout is added. */
const moduleEntries = microservices.units.map((unit) => unit.functions[0] as StepName);

/** Deploys the three shapes on one transport, with the same unit options for each, and closes them after `use`. */
async function withDeployments<T>(transport: Transport, unitOptions: ((unit: string) => UnitOptions) | undefined, use: (deployments: Array<Deployment<AnyShape>>) => Promise<T>): Promise<T> {
  const deployments: Array<Deployment<AnyShape>> = [];
  try {
    for (const shape of compared) deployments.push(await deployShape(shape, transport, unitOptions ? { unitOptions } : {}));
    return await use(deployments);
  } finally {
    await Promise.all(deployments.map((deployment) => deployment.close()));
  }
}

/** Whether every deployment answers with the receipt the functions return in one call stack, and the network calls each counted. */
async function answers(deployments: Array<Deployment<AnyShape>>, expected: unknown): Promise<{ same: boolean; networkCalls: number[] }> {
  const answered = await Promise.all(deployments.map((deployment) => deployment.checkout(sampleCart)));
  return { same: answered.every((answer) => dequal(answer.value, expected)), networkCalls: answered.map((answer) => answer.networkCalls) };
}

/** The three shapes measured side by side: one latency summary per shape, by name. */
const sideBySide = (deployments: Array<Deployment<AnyShape>>, options: Parameters<typeof measureLatencySideBySide>[1]) =>
  measureLatencySideBySide(Object.fromEntries(deployments.map((deployment) => [deployment.shape.name, () => deployment.checkout(sampleCart)])), options) as Promise<
    Record<string, LatencySummary>
  >;

/**
 * modular-monolith-in-process-calls: the checkout's three business modules (cart, billing, receipts)
 * deployed as one unit whose modules call each other in process, and as three microservices that call
 * each other over loopback HTTP, with a plain monolith as control. In each of `runs` independent runs,
 * on each transport, the three are deployed afresh and take turns (measureLatencySideBySide), one
 * checkout at a time, after a warm-up; so every ratio is one ratio per run. Then, on the http
 * transport, each module is given `workPerCallUs` of CPU work per checkout (a calibrated loop in the
 * first function of each module, the same in every shape) and the three are measured again: how the
 * gap between the shapes shrinks as the work per call grows (the verdict map). Each deployment's
 * answer must equal what the functions return in one call stack, and the units count the network
 * calls themselves.
 */
export const experiment = defineExperiment({
  id: 'modular-monolith-in-process-calls',
  title: 'Modules that call each other in one process answer faster than the same modules split into microservices',
  params: z.object({
    /** `process`: every unit its own Node process; `http`: every unit a server in this process. */
    transports: z.array(z.enum(transportNames)).min(1).default(['process', 'http']),
    /** Independent runs: each deploys every shape afresh, so a ratio is taken once per run and given with its 95% interval. */
    runs: z.number().int().min(minimumRuns).max(20).default(5),
    warmup: z.number().int().min(0).max(10_000).default(200),
    /** Checkouts recorded per shape, transport and run. */
    iterations: z.number().int().min(10).max(100_000).default(600),
    /** Turns the shapes take within one measurement, each turn starting with another shape. */
    rounds: z.number().int().min(1).max(100).default(4),
    maxSecondsPerMeasurement: z.number().positive().max(120).default(20),
    /** CPU work each module does per checkout for the verdict map, µs, on the http transport; empty for none. */
    workPerCallUs: z.array(z.number().positive().max(100_000)).default([100, 1_000, 10_000]),
    /** Checkouts recorded per shape, work size and run for the map (each takes at least three times the work). */
    mapIterations: z.number().int().min(5).max(10_000).default(40),
  }),
  quick: { runs: 5, warmup: 20, iterations: 60, rounds: 2, maxSecondsPerMeasurement: 5, workPerCallUs: [2_000], mapIterations: 10 },
  tables: (result) => [comparisonTable(result), latencyTable(result), boundariesTable(result), workTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<Result> {
    const transportList = [...new Set(p.transports)];
    const total = 1 + p.runs * (transportList.length + p.workPerCallUs.length);
    let done = 0;
    const latency = { warmup: p.warmup, iterations: p.iterations, maxSeconds: p.maxSecondsPerMeasurement };
    const expected = runCheckoutInProcess(sampleCart);

    const inProcessCheckout = await measureLatency(async () => runCheckoutInProcess(sampleCart), { ...latency, iterations: p.iterations * p.runs });
    const spinPerUs = p.workPerCallUs.length > 0 ? calibrateSpin() : 0;
    onProgress?.({ done: ++done, total, label: 'the six functions in one call stack' });

    const runRows: RunRow[] = [];
    const workRows: WorkRunRow[] = [];
    let sameAnswers = true;
    for (let run = 1; run <= p.runs; run += 1) {
      for (const transportName of transportList) {
        await withDeployments(transports[transportName], undefined, async (deployments) => {
          const answered = await answers(deployments, expected);
          sameAnswers &&= answered.same;
          const latencies = await sideBySide(deployments, { ...latency, rounds: p.rounds });
          for (const [position, deployment] of deployments.entries()) {
            const summary = latencies[deployment.shape.name] as LatencySummary;
            const crossings = boundaryCrossings(deployment.shape);
            runRows.push({
              run,
              transport: transportName,
              shape: deployment.shape.name as ComparedShape,
              units: deployment.shape.units.length,
              crossedByFunctionCall: crossings.byFunctionCall,
              crossedOverNetwork: crossings.overNetwork,
              networkCalls: answered.networkCalls[position] ?? 0,
              iterations: summary.iterations,
              p50Us: summary.p50Us,
              p90Us: summary.p90Us,
              p99Us: summary.p99Us,
            });
          }
        });
        onProgress?.({ done: ++done, total, label: `run ${run} · ${transportName} · ${compared.map((shape) => shape.name).join(', ')}` });
      }
      for (const workUs of p.workPerCallUs) {
        // The same heavier function in every shape: only where the module boundaries are crossed differs.
        const iterations = Math.round(workUs * spinPerUs);
        const steps = Object.fromEntries(moduleEntries.map((name) => [name, withBusyWork(checkoutSteps[name], iterations)]));
        await withDeployments(httpTransport, () => ({ steps }), async (deployments) => {
          sameAnswers &&= (await answers(deployments, expected)).same;
          const latencies = await sideBySide(deployments, { warmup: Math.min(p.warmup, 10), iterations: p.mapIterations, rounds: Math.min(p.rounds, p.mapIterations), maxSeconds: p.maxSecondsPerMeasurement });
          for (const deployment of deployments) {
            const summary = latencies[deployment.shape.name] as LatencySummary;
            workRows.push({ run, addedWorkUs: workUs, shape: deployment.shape.name as ComparedShape, iterations: summary.iterations, p50Us: summary.p50Us });
          }
        });
        onProgress?.({ done: ++done, total, label: `run ${run} · http · ${workUs} µs of work per module` });
      }
    }
    const modules = microservices.units.length;
    return {
      runs: p.runs,
      runRows,
      rows: summariseRows(runRows),
      comparisons: compareShapes(runRows),
      inProcessCheckout,
      workPerCall: { naturalUs: Math.round((inProcessCheckout.p50Us / modules) * 10) / 10, modules, rows: workRows },
      sameAnswers,
      referenceSystems: referenceStructures(),
    };
  },
});
