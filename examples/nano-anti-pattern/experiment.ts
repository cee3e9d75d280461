import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, stepNames, type CheckoutStep, type StepName } from '../checkout/steps.ts';
import { calibrateSpin, spin, withBusyWork } from '../lab/busy-work.ts';
import { deployShape, type Deployment } from '../lab/deploy.ts';
import { defineExperiment } from '../lab/define-experiment.ts';
import { httpTransport } from '../lab/http-transport.ts';
import { measureLatency, measureLatencySideBySide } from '../lab/measure.ts';
import { memoryTransport } from '../lab/memory-transport.ts';
import { monolith, nanoservices, truncateShape, type Shape } from '../lab/shapes.ts';
import type { Transport } from '../lab/transport.ts';
import { antiPatternVerdict, breakEvenTable, findBreakEvens, overheadTable, type AntiPatternResult, type AntiPatternRow } from './report.ts';

// Only transports that accept unit options: the process transport cannot swap a function.
const transports = { http: httpTransport, memory: memoryTransport } as const satisfies Record<string, Transport>;

const params = z.object({
  transports: z.array(z.enum(['http', 'memory'])).min(1).default(['http', 'memory']),
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

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Counts the CPU time this process spends in each wrapped call (user + system). Every unit of the
 * memory and http transports runs in this process and calls are one at a time, so this is the CPU
 * one checkout costs, whatever else the shared machine is running.
 */
function cpuMeter() {
  let calls = 0;
  let totalUs = 0;
  return {
    wrap: (operation: () => Promise<unknown>) => async () => {
      const before = process.cpuUsage();
      await operation();
      const spent = process.cpuUsage(before);
      totalUs += spent.user + spent.system;
      calls += 1;
    },
    meanUs: () => (calls === 0 ? 0 : totalUs / calls),
  };
}

/** A guess of one checkout's time, only to size a cell's sample count to its time budget. */
const guessUs = (transport: keyof typeof transports, length: number, workUs: number) => length * (workUs + (transport === 'http' ? 350 : 60));

/** Every checkout function made heavier by the same CPU work, each run counted. */
function heavierSteps(iterations: number, counter: { runs: number }): Partial<Record<StepName, CheckoutStep>> {
  return Object.fromEntries(stepNames.map((name) => [name, withBusyWork(checkoutSteps[name], iterations, () => (counter.runs += 1))]));
}

/**
 * nano-anti-pattern: is a nanoservice's overhead bigger than its utility? Every checkout function
 * is given the same deterministic CPU work W (a calibrated loop, not a sleep); the nanoservice chain
 * and the monolith run the same functions with the same work, side by side, for each chain length
 * and W. Their difference is what the split costs; divided by the extra units it is the per-hop
 * overhead, and where it equals W is the break-even.
 */
export const experiment = defineExperiment({
  id: 'nano-anti-pattern',
  title: 'The nanoservice anti-pattern: where overhead outweighs the work',
  params,
  quick: { transports: ['http'], chainLengths: [1, 3], workUs: [0, 5000], iterations: 60, minIterations: 15, secondsPerCell: 0.4, rounds: 3 },
  tables: (result) => [breakEvenTable(result), overheadTable(result)],
  verdict: antiPatternVerdict,

  async run(p, onProgress): Promise<AntiPatternResult> {
    const lengths = [...new Set(p.chainLengths)].sort((a, b) => a - b);
    const works = [...new Set(p.workUs)].sort((a, b) => a - b);
    const total = 2 + p.transports.length * lengths.length * works.length;
    let done = 0;
    const step = (label: string) => onProgress?.({ done: ++done, total, label });

    const spinPerUs = calibrateSpin();
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
      for (const chainLength of lengths) {
        const expected = runCheckoutInProcess(sampleCart, chainLength);
        for (const workUs of works) {
          const counters = { monolith: { runs: 0 }, nanoservices: { runs: 0 } };
          const deploy = (shape: Shape, counter: { runs: number }) =>
            deployShape(truncateShape(shape, chainLength), transports[transportName], { unitOptions: () => ({ steps: heavierSteps(iterationsFor(workUs), counter) }) });
          const deployments: Deployment[] = [];
          try {
            deployments.push(await deploy(monolith, counters.monolith), await deploy(nanoservices, counters.nanoservices));
            const [mono, nano] = deployments as [Deployment, Deployment];
            const answers = [await mono.checkout(sampleCart), await nano.checkout(sampleCart)];
            identicalResults &&= answers.every((answer) => isDeepStrictEqual(answer.value, expected));
            const runs = { monolith: counters.monolith.runs, nanoservices: counters.nanoservices.runs };
            const iterations = Math.max(p.minIterations, Math.min(p.iterations, Math.round((p.secondsPerCell * 1e6) / (2 * guessUs(transportName, chainLength, workUs)))));
            const cpu = { monolith: cpuMeter(), nanoservices: cpuMeter() };
            const latency = await measureLatencySideBySide(
              { monolith: cpu.monolith.wrap(() => mono.checkout(sampleCart)), nanoservices: cpu.nanoservices.wrap(() => nano.checkout(sampleCart)) },
              { warmup: Math.max(3, Math.round(iterations / 10)), iterations, rounds: p.rounds, maxSeconds: p.secondsPerCell * 10 },
            );
            const overheadUs = latency.nanoservices.p50Us - latency.monolith.p50Us;
            const cpuOverheadUs = cpu.nanoservices.meanUs() - cpu.monolith.meanUs();
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
              monolithCpuUs: round1(cpu.monolith.meanUs()),
              nanoservicesCpuUs: round1(cpu.nanoservices.meanUs()),
              cpuPerHopUs: extraUnits > 0 ? round1(cpuOverheadUs / extraUnits) : null,
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
  },
});
