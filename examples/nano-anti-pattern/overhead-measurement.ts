import { dequal } from 'dequal';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, stepNames, type CheckoutStep, type StepName } from '../checkout/steps.ts';
import { spin, withBusyWork } from '../lab/measure/busy-work.ts';
import type { ExperimentProgress } from '../lab/experiment/define-experiment.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { minimumRuns } from '../lab/measure/interval.ts';
import { measureLatency, measureLatencySideBySide } from '../lab/measure/measure.ts';
import { median, medianOrNull } from '../lab/measure/stats.ts';
import type { MapMarker } from '../lab/report/verdict-map.ts';
import { monolith, nanoservices, truncateShape, type AnyShape, type Shape } from '../lab/model/shapes.ts';
import type { Transport } from '../lab/units/transport.ts';
import { findBreakEvens, perHopOverWork, type AntiPatternResult, type AntiPatternRow, type WorkKind } from './report.ts';

/** The transports that accept unit options: the process transport cannot swap a function. */
export const workTransportNames = ['http', 'memory'] as const;
/** A transport the overhead measurement can deploy on. */
export type WorkTransportName = (typeof workTransportNames)[number];

/** The parameters of a nano-anti-pattern run; the defaults produce the published evidence. */
export const antiPatternParams = z.object({
  transports: z.array(z.enum(workTransportNames)).min(1).default(['http', 'memory']),
  /** Chain lengths; 1 is the noise floor (both shapes are one unit), the per-hop overhead is fitted over all. */
  chainLengths: z.array(z.number().int().min(1).max(stepNames.length)).min(1).default([1, 3, 6]),
  /** CPU work added to every checkout function, in microseconds (a calibrated loop). */
  workUs: z.array(z.number().min(0).max(20_000)).min(2).default([0, 30, 100, 300, 1000, 3000]),
  /**
   * Waiting work added to every checkout function, in microseconds (a timer, as an I/O call waits):
   * a hop's CPU competes with CPU work, not with waiting. Timers have millisecond resolution, so only
   * sizes from 1000 µs; none on a transport not in `waitOn`.
   */
  waitUs: z.array(z.number().min(1000).max(20_000)).default([1000, 3000]),
  waitOn: z.array(z.enum(workTransportNames)).default(['http']),
  /** Most samples per shape, cell and run; heavy cells take fewer so that each fits its time budget. */
  iterations: z.number().int().min(10).max(20_000).default(200),
  minIterations: z.number().int().min(5).max(1000).default(11),
  /** Time to spend measuring one cell (both shapes) in one run, from which its sample count follows. */
  secondsPerCell: z.number().positive().max(30).default(0.2),
  /** Turns the two shapes take within one cell (see measureLatencySideBySide). */
  rounds: z.number().int().min(1).max(50).default(2),
  /** Independent runs over the whole sweep: the per-hop figures are medians over them with a 95% interval. */
  runs: z.number().int().min(minimumRuns).max(50).default(minimumRuns),
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
  /** The reference systems and published figures to mark on the verdict map (read from files on the command line). */
  readonly workMarkers?: () => MapMarker[];
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
const guessUs = (transport: WorkTransportName, length: number, workUs: number) => length * (workUs + (transport === 'http' ? 150 : 40));

/** Every checkout function made heavier by the same CPU work, each run counted. */
function heavierSteps(iterations: number, counter: { runs: number }): Partial<Record<StepName, CheckoutStep>> {
  return Object.fromEntries(stepNames.map((name) => [name, withBusyWork(checkoutSteps[name], iterations, () => (counter.runs += 1))]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Middleware that makes a unit wait `waitUs` per checkout function its route runs before running
 * them, one timer per function, as each function would wait on its own I/O call. A request to a unit
 * runs the route's function and the rest of the unit's functions, so a monolith's one request waits
 * six times and each nanoservice once: the same waits per checkout in both shapes.
 */
function waitPerFunction(shape: AnyShape, unitName: string, waitUs: number, counter: { runs: number }): MiddlewareHandler {
  const functions = shape.units.find((unit) => unit.name === unitName)?.functions ?? [];
  return async (c, next) => {
    const route = new URL(c.req.url).pathname.slice(1) as StepName;
    const count = functions.length - functions.indexOf(route);
    for (let i = 0; i < count; i += 1) {
      counter.runs += 1;
      await sleep(waitUs / 1000);
    }
    await next();
  };
}

/** One cell of the sweep: a transport, a kind and size of work, and a chain length. */
interface Cell {
  readonly transport: WorkTransportName;
  readonly kind: WorkKind;
  readonly workUs: number;
  readonly chainLength: number;
}

/** What one run measured in one cell. */
interface CellRun {
  readonly monolithP50Us: number;
  readonly nanoservicesP50Us: number;
  readonly monolithCpuUs: number | null;
  readonly nanoservicesCpuUs: number | null;
  readonly iterations: number;
  readonly workRuns: { readonly monolith: number; readonly nanoservices: number };
  readonly identical: boolean;
}

/**
 * The nano-anti-pattern measurement, browser-safe: in each of `runs` independent runs, for every
 * transport, kind of work (CPU, and waiting where asked), work size and chain length, the nanoservice
 * chain and the monolith run the same heavier functions side by side; their difference is what the
 * split costs. The command line runs it on HTTP and memory with a CPU clock; the page runs it in a
 * Web Worker on memory, without one.
 *
 * @example
 * ```ts
 * const result = await measureOverhead(antiPatternParams.parse({ transports: ['memory'], waitUs: [] }), { transports: { memory: memoryTransport }, calibrateSpin });
 * result.perHop.find((hop) => hop.transport === 'memory' && hop.workUs === 0)?.ratio; // a hop ÷ the work of one function, with its interval
 * ```
 */
export async function measureOverhead(p: AntiPatternParams, environment: OverheadEnvironment): Promise<AntiPatternResult> {
  const missing = p.transports.filter((name) => !environment.transports[name]);
  if (missing.length > 0) throw new Error(`transport ${missing.join(', ')} is not available here; available: ${Object.keys(environment.transports).join(', ')}`);
  const lengths = [...new Set(p.chainLengths)].sort((a, b) => a - b);
  const works = [...new Set(p.workUs)].sort((a, b) => a - b);
  const waits = [...new Set(p.waitUs)].sort((a, b) => a - b);
  const cells: Cell[] = p.transports.flatMap((transport) => [
    ...works.flatMap((workUs) => lengths.map((chainLength) => ({ transport, kind: 'cpu' as const, workUs, chainLength }))),
    ...(p.waitOn.includes(transport) ? waits.flatMap((workUs) => lengths.map((chainLength) => ({ transport, kind: 'wait' as const, workUs, chainLength }))) : []),
  ]);
  const total = 2 + p.runs * cells.length;
  let done = 0;
  const step = (label: string) => environment.onProgress?.({ done: ++done, total, label });

  const spinPerUs = environment.calibrateSpin();
  const iterationsFor = (workUs: number) => Math.round(workUs * spinPerUs);
  const workCheck: Array<{ readonly kind: WorkKind; readonly workUs: number; readonly measuredP50Us: number }> = [];
  for (const workUs of works) {
    const measured = await measureLatency(async () => spin(iterationsFor(workUs)), { warmup: 5, iterations: 31, maxSeconds: 2 });
    workCheck.push({ kind: 'cpu', workUs, measuredP50Us: measured.p50Us });
  }
  for (const workUs of p.transports.some((transport) => p.waitOn.includes(transport)) ? waits : []) {
    const measured = await measureLatency(() => sleep(workUs / 1000), { warmup: 3, iterations: 21, maxSeconds: 2 });
    workCheck.push({ kind: 'wait', workUs, measuredP50Us: measured.p50Us });
  }
  step(`calibrated busy work: ${Math.round(spinPerUs)} loop iterations per µs`);
  const inProcessCheckout = await measureLatency(async () => runCheckoutInProcess(sampleCart), { warmup: 200, iterations: 2000, maxSeconds: 5 });
  step('the real checkout in one call stack');

  const measured = new Map<Cell, CellRun[]>(cells.map((cell) => [cell, []]));
  for (let run = 0; run < p.runs; run += 1) {
    for (const cell of cells) {
      measured.get(cell)?.push(await measureCell(cell, p, environment, iterationsFor));
      step(`run ${run + 1} · ${cell.transport} · ${cell.chainLength} function${cell.chainLength > 1 ? 's' : ''} · ${cell.workUs} µs of ${cell.kind === 'cpu' ? 'CPU work' : 'waiting'} each`);
    }
  }
  const rows = cells.map((cell) => rowOf(cell, measured.get(cell) ?? []));
  const cpuRows = rows.filter((row) => row.kind === 'cpu');
  const realWorkUs = inProcessCheckout.p50Us / stepNames.length;
  return {
    spinPerUs: round1(spinPerUs),
    workCheck,
    inProcessCheckout,
    rows,
    breakEvens: findBreakEvens(cpuRows, 'perHopUs'),
    cpuBreakEvens: findBreakEvens(cpuRows, 'cpuPerHopUs'),
    perHop: perHopOverWork(rows, workCheck, realWorkUs),
    workMarkers: environment.workMarkers?.() ?? [],
    runs: p.runs,
    identicalResults: rows.every((row) => row.identical),
  };
}

/** One run of one cell: both shapes deployed with the heavier functions, checked, then measured side by side. */
async function measureCell(cell: Cell, p: AntiPatternParams, environment: OverheadEnvironment, iterationsFor: (workUs: number) => number): Promise<CellRun> {
  const transport = environment.transports[cell.transport] as Transport;
  const expected = runCheckoutInProcess(sampleCart, cell.chainLength);
  const counters = { monolith: { runs: 0 }, nanoservices: { runs: 0 } };
  const deploy = (shape: Shape, counter: { runs: number }) => {
    const truncated = truncateShape(shape, cell.chainLength);
    return deployShape(truncated, transport, {
      unitOptions: (unit) =>
        cell.kind === 'cpu' ? { steps: heavierSteps(iterationsFor(cell.workUs), counter) } : { middleware: [waitPerFunction(truncated, unit, cell.workUs, counter)] },
    });
  };
  const deployments: Deployment[] = [];
  try {
    deployments.push(await deploy(monolith, counters.monolith), await deploy(nanoservices, counters.nanoservices));
    const [mono, nano] = deployments as [Deployment, Deployment];
    const answers = [await mono.checkout(sampleCart), await nano.checkout(sampleCart)];
    const workRuns = { monolith: counters.monolith.runs, nanoservices: counters.nanoservices.runs };
    const iterations = Math.max(p.minIterations, Math.min(p.iterations, Math.round((p.secondsPerCell * 1e6) / (2 * guessUs(cell.transport, cell.chainLength, cell.workUs)))));
    const cpu = { monolith: cpuMeter(environment.cpuTimeUs), nanoservices: cpuMeter(environment.cpuTimeUs) };
    const latency = await measureLatencySideBySide(
      { monolith: cpu.monolith.wrap(() => mono.checkout(sampleCart)), nanoservices: cpu.nanoservices.wrap(() => nano.checkout(sampleCart)) },
      { warmup: Math.max(3, Math.round(iterations / 10)), iterations, rounds: p.rounds, maxSeconds: p.secondsPerCell * 10 },
    );
    return {
      monolithP50Us: latency.monolith.p50Us,
      nanoservicesP50Us: latency.nanoservices.p50Us,
      monolithCpuUs: cpu.monolith.meanUs(),
      nanoservicesCpuUs: cpu.nanoservices.meanUs(),
      iterations: Math.min(latency.monolith.iterations, latency.nanoservices.iterations),
      workRuns,
      identical: answers.every((answer) => dequal(answer.value, expected)),
    };
  } finally {
    await Promise.all(deployments.map((deployment) => deployment.close()));
  }
}

/** One cell's row: medians over the runs, and every run's figures for the fits. */
function rowOf(cell: Cell, runs: readonly CellRun[]): AntiPatternRow {
  const extraUnits = cell.chainLength - 1;
  const monolithP50Us = median(runs.map((run) => run.monolithP50Us));
  const nanoservicesP50Us = median(runs.map((run) => run.nanoservicesP50Us));
  const cpuOf = (pick: (run: CellRun) => number | null) => medianOrNull(runs.map(pick));
  const monolithCpuUs = cpuOf((run) => run.monolithCpuUs);
  const nanoservicesCpuUs = cpuOf((run) => run.nanoservicesCpuUs);
  const overheadUs = median(runs.map((run) => run.nanoservicesP50Us - run.monolithP50Us));
  return {
    transport: cell.transport,
    kind: cell.kind,
    chainLength: cell.chainLength,
    chain: `${cell.chainLength} function${cell.chainLength > 1 ? 's' : ''}`,
    workUs: cell.workUs,
    iterations: Math.min(...runs.map((run) => run.iterations)),
    monolithP50Us,
    nanoservicesP50Us,
    overheadUs: round1(overheadUs),
    overheadSharePercent: round1(median(runs.map((run) => ((run.nanoservicesP50Us - run.monolithP50Us) / run.nanoservicesP50Us) * 100))),
    perHopUs: extraUnits > 0 ? round1(overheadUs / extraUnits) : null,
    monolithCpuUs: monolithCpuUs === null ? null : round1(monolithCpuUs),
    nanoservicesCpuUs: nanoservicesCpuUs === null ? null : round1(nanoservicesCpuUs),
    cpuPerHopUs: extraUnits > 0 && monolithCpuUs !== null && nanoservicesCpuUs !== null ? round1((nanoservicesCpuUs - monolithCpuUs) / extraUnits) : null,
    workRunsMonolith: Math.min(...runs.map((run) => run.workRuns.monolith)),
    workRunsNanoservices: Math.min(...runs.map((run) => run.workRuns.nanoservices)),
    runsMonolithP50Us: runs.map((run) => run.monolithP50Us),
    runsNanoservicesP50Us: runs.map((run) => run.nanoservicesP50Us),
    runsMonolithCpuUs: runs.map((run) => (run.monolithCpuUs === null ? null : round1(run.monolithCpuUs))),
    runsNanoservicesCpuUs: runs.map((run) => (run.nanoservicesCpuUs === null ? null : round1(run.nanoservicesCpuUs))),
    identical: runs.every((run) => run.identical),
  };
}
