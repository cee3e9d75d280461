import { dequal } from 'dequal';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, stepNames, type CheckoutStep, type StepName } from '../checkout/steps.ts';
import { spin, withBusyWork } from '../lab/measure/busy-work.ts';
import type { ExperimentProgress } from '../lab/experiment/define-experiment.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { measureLatency, measureLatencySideBySide } from '../lab/measure/measure.ts';
import { monolith, nanoservices, truncateShape, type Shape } from '../lab/model/shapes.ts';
import type { Transport } from '../lab/units/transport.ts';
import { findBreakEvens, type AntiPatternResult, type AntiPatternRow } from './report.ts';

/** The transports that accept unit options: the process transport cannot swap a function. */
export const workTransportNames = ['http', 'memory'] as const;
/** A transport the overhead measurement can deploy on. */
export type WorkTransportName = (typeof workTransportNames)[number];

/** The parameters of a nano-anti-pattern run; the defaults produce the published evidence. */
export const antiPatternParams = z.object({
  transports: z.array(z.enum(workTransportNames)).min(1).default(['http', 'memory']),
  chainLengths: z.array(z.number().int().min(1).max(stepNames.length)).min(1).default([1, 2, 3, 4, 5, 6]),
  /** CPU work added to every checkout function, in microseconds. */
  workUs: z.array(z.number().min(0).max(20_000)).min(2).default([0, 50, 200, 500, 1000, 5000]),
  /** Most samples per shape and cell; heavy cells take fewer so that each fits its time budget. */
  iterations: z.number().int().min(10).max(20_000).default(400),
  minIterations: z.number().int().min(5).max(1000).default(21),
  /** Time to spend measuring one cell (both shapes), from which its sample count follows. */
  secondsPerCell: z.number().positive().max(30).default(0.5),
  rounds: z.number().int().min(1).max(50).default(5),
});
/** Parsed nano-anti-pattern parameters. */
export type AntiPatternParams = z.output<typeof antiPatternParams>;

/** What the run may use; the command line and the page differ only in these. */
export interface OverheadEnvironment {
  readonly transports: Partial<Record<WorkTransportName, Transport>>;
  /** Busy-work loop iterations per microsecond on this machine (see `calibrateSpin`). */
  readonly calibrateSpin: () => number;
  /** CPU time this process has used so far, in µs; absent where no CPU clock exists (a browser), and then the CPU figures are null. */
  readonly cpuTimeUs?: () => number;
  readonly onProgress?: (progress: ExperimentProgress) => void;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Counts the CPU time spent in each wrapped call. Every unit of the memory and http transports runs
 * in this process and calls are one at a time, so this is the CPU one checkout costs, whatever else
 * the shared machine is running. Without a CPU clock it only passes the calls through.
 */
function cpuMeter(cpuTimeUs: (() => number) | undefined) {
  let calls = 0;
  let totalUs = 0;
  return {
    wrap: (operation: () => Promise<unknown>) => async () => {
      if (!cpuTimeUs) return void (await operation());
      const before = cpuTimeUs();
      await operation();
      totalUs += cpuTimeUs() - before;
      calls += 1;
    },
    meanUs: () => (!cpuTimeUs ? null : calls === 0 ? 0 : totalUs / calls),
  };
}

/** A guess of one checkout's time, only to size a cell's sample count to its time budget. */
const guessUs = (transport: WorkTransportName, length: number, workUs: number) => length * (workUs + (transport === 'http' ? 350 : 60));

/** Every checkout function made heavier by the same CPU work, each run counted. */
function heavierSteps(iterations: number, counter: { runs: number }): Partial<Record<StepName, CheckoutStep>> {
  return Object.fromEntries(stepNames.map((name) => [name, withBusyWork(checkoutSteps[name], iterations, () => (counter.runs += 1))]));
}

/**
 * The nano-anti-pattern measurement, browser-safe: for every transport, chain length and work per
 * function, the nanoservice chain and the monolith run the same heavier functions side by side; their
 * difference is what the split costs. The command line runs it on HTTP and memory with a CPU clock;
 * the page runs it in a Web Worker on memory, without one.
 *
 * @example
 * ```ts
 * const result = await measureOverhead(antiPatternParams.parse({ transports: ['memory'] }), { transports: { memory: memoryTransport }, calibrateSpin });
 * result.rows.find((row) => row.chainLength === 6 && row.workUs === 0)?.overheadSharePercent; // e.g. 74
 * ```
 */
export async function measureOverhead(p: AntiPatternParams, environment: OverheadEnvironment): Promise<AntiPatternResult> {
  const missing = p.transports.filter((name) => !environment.transports[name]);
  if (missing.length > 0) throw new Error(`transport ${missing.join(', ')} is not available here; available: ${Object.keys(environment.transports).join(', ')}`);
  const lengths = [...new Set(p.chainLengths)].sort((a, b) => a - b);
  const works = [...new Set(p.workUs)].sort((a, b) => a - b);
  const total = 2 + p.transports.length * lengths.length * works.length;
  let done = 0;
  const step = (label: string) => environment.onProgress?.({ done: ++done, total, label });

  const spinPerUs = environment.calibrateSpin();
  const iterationsFor = (workUs: number) => Math.round(workUs * spinPerUs);
  const workCheck = [];
  for (const workUs of works) {
    const measured = await measureLatency(async () => spin(iterationsFor(workUs)), { warmup: 5, iterations: 31, maxSeconds: 2 });
    workCheck.push({ workUs, measuredP50Us: measured.p50Us });
  }
  step(`calibrated busy work: ${Math.round(spinPerUs)} loop iterations per µs`);
  const inProcessCheckout = await measureLatency(async () => runCheckoutInProcess(sampleCart), { warmup: 200, iterations: 2000, maxSeconds: 5 });
  step('the real checkout in one call stack');

  const rows: AntiPatternRow[] = [];
  let identicalResults = true;
  for (const transportName of p.transports) {
    const transport = environment.transports[transportName] as Transport;
    for (const chainLength of lengths) {
      const expected = runCheckoutInProcess(sampleCart, chainLength);
      for (const workUs of works) {
        const counters = { monolith: { runs: 0 }, nanoservices: { runs: 0 } };
        const deploy = (shape: Shape, counter: { runs: number }) =>
          deployShape(truncateShape(shape, chainLength), transport, { unitOptions: () => ({ steps: heavierSteps(iterationsFor(workUs), counter) }) });
        const deployments: Deployment[] = [];
        try {
          deployments.push(await deploy(monolith, counters.monolith), await deploy(nanoservices, counters.nanoservices));
          const [mono, nano] = deployments as [Deployment, Deployment];
          const answers = [await mono.checkout(sampleCart), await nano.checkout(sampleCart)];
          identicalResults &&= answers.every((answer) => dequal(answer.value, expected));
          const runs = { monolith: counters.monolith.runs, nanoservices: counters.nanoservices.runs };
          const iterations = Math.max(p.minIterations, Math.min(p.iterations, Math.round((p.secondsPerCell * 1e6) / (2 * guessUs(transportName, chainLength, workUs)))));
          const cpu = { monolith: cpuMeter(environment.cpuTimeUs), nanoservices: cpuMeter(environment.cpuTimeUs) };
          const latency = await measureLatencySideBySide(
            { monolith: cpu.monolith.wrap(() => mono.checkout(sampleCart)), nanoservices: cpu.nanoservices.wrap(() => nano.checkout(sampleCart)) },
            { warmup: Math.max(3, Math.round(iterations / 10)), iterations, rounds: p.rounds, maxSeconds: p.secondsPerCell * 10 },
          );
          const overheadUs = latency.nanoservices.p50Us - latency.monolith.p50Us;
          const [monoCpuUs, nanoCpuUs] = [cpu.monolith.meanUs(), cpu.nanoservices.meanUs()];
          const extraUnits = nano.shape.units.length - mono.shape.units.length;
          rows.push({
            transport: transportName,
            chainLength,
            chain: `${chainLength} function${chainLength > 1 ? 's' : ''}`,
            workUs,
            iterations: Math.min(latency.monolith.iterations, latency.nanoservices.iterations),
            monolithP50Us: latency.monolith.p50Us,
            nanoservicesP50Us: latency.nanoservices.p50Us,
            overheadUs: round1(overheadUs),
            overheadSharePercent: round1((overheadUs / latency.nanoservices.p50Us) * 100),
            perHopUs: extraUnits > 0 ? round1(overheadUs / extraUnits) : null,
            monolithCpuUs: monoCpuUs === null ? null : round1(monoCpuUs),
            nanoservicesCpuUs: nanoCpuUs === null ? null : round1(nanoCpuUs),
            cpuPerHopUs: extraUnits > 0 && monoCpuUs !== null && nanoCpuUs !== null ? round1((nanoCpuUs - monoCpuUs) / extraUnits) : null,
            workRunsMonolith: runs.monolith,
            workRunsNanoservices: runs.nanoservices,
          });
        } finally {
          await Promise.all(deployments.map((deployment) => deployment.close()));
        }
        step(`${transportName} · ${chainLength} function${chainLength > 1 ? 's' : ''} · ${workUs} µs of work each`);
      }
    }
  }
  return { spinPerUs: Math.round(spinPerUs * 10) / 10, workCheck, inProcessCheckout, rows, breakEvens: findBreakEvens(rows, 'perHopUs'), cpuBreakEvens: findBreakEvens(rows, 'cpuPerHopUs'), identicalResults };
}
