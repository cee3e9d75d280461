import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { measureThroughput } from '../lab/measure/measure.ts';
import { processTransport } from '../lab/network/process-transport.ts';
import { microservices, modularMonolith, type AnyShape } from '../lab/model/shapes.ts';
import { costTable, findingFor, memoryMapTable, runsTable, summariseRuns, unitTable, type ComparedShape, type OperatingCostResult, type RunCost, type ShapeCost } from './report.ts';
import { readCpuMs, readMemory } from '../lab/processes/proc.ts';
import { minimumRuns } from '../lab/measure/interval.ts';

const params = z.object({
  /**
   * Independent runs: each deploys both shapes afresh (new processes, new heaps), warms them up and
   * measures them, so that every ratio is taken once per run and given with its 95% interval.
   */
  runs: z.number().int().min(minimumRuns).max(20).default(5),
  /** Interleaved rounds per run: in each, both shapes take the same load, the one going first alternating. */
  rounds: z.number().int().min(1).max(20).default(4),
  /** Checkouts per shape per round. */
  checkoutsPerRound: z.number().int().min(10).max(5_000).default(1_000),
  /** Checkouts in flight at once during a round: a bounded concurrent load, like a few busy clients. */
  concurrency: z.number().int().min(1).max(64).default(8),
  /** Checkouts per shape run first in every run and thrown away, so that JIT, connections and heaps are warm. */
  warmup: z.number().int().min(0).max(5_000).default(1_000),
  /** A round of one shape stops after this long even if fewer checkouts completed. */
  maxSecondsPerRound: z.number().min(1).max(60).default(20),
});

type Params = z.output<typeof params>;

/** What is measured of one shape while the rounds run. */
interface Running {
  readonly shape: AnyShape & { readonly name: ComparedShape };
  readonly deployment: Deployment<AnyShape>;
  /** Each unit's process, in chain order, as the process transport started it. */
  readonly processes: ReadonlyArray<{ readonly unit: string; readonly pid: number }>;
  readonly cpuMs: Map<number, number>;
  readonly throughputPerRound: number[];
  checkouts: number;
  wrongAnswers: number;
  networkCalls: number;
}

/**
 * One independent run: deploys the modular monolith (one unit, three modules) and the microservices
 * (the same three modules as three units) on the process transport, every unit a real Node child
 * process serving HTTP on 127.0.0.1; takes each unit's PID from the transport, warms both shapes up,
 * drives the same bounded concurrent load through each in interleaved rounds, recording the CPU time
 * the unit processes consumed during their own turns and the checkouts per second; then reads every
 * unit process's memory (RSS, PSS, USS) from /proc/<pid>/smaps_rollup and stops them all.
 */
async function measureOneRun(p: Params, run: number, progress: (label: string) => void): Promise<RunCost> {
  const expected = runCheckoutInProcess(sampleCart);
  const compared = [modularMonolith, microservices] as ReadonlyArray<AnyShape & { readonly name: ComparedShape }>;
  const running: Running[] = [];
  const deployments: Array<Deployment<AnyShape>> = [];
  try {
    for (const shape of compared) {
      const deployment = await deployShape(shape, processTransport);
      deployments.push(deployment);
      // The transport names each unit's process, in chain order: a process of the other shape is never counted.
      const processes = deployment.endpoints.flatMap(({ unit, pid }) => (pid === undefined ? [] : [{ unit, pid }]));
      running.push({ shape, deployment, processes, cpuMs: new Map(processes.map((unit) => [unit.pid, 0])), throughputPerRound: [], checkouts: 0, wrongAnswers: 0, networkCalls: 0 });
    }
    progress(`run ${run}: ${running.map((shape) => `${shape.shape.name} ${shape.processes.length}`).join(', ')} unit processes started`);

    const checkout = (shape: Running) => async () => {
      const answer = await shape.deployment.checkout(sampleCart);
      shape.networkCalls = answer.networkCalls;
      if (!isDeepStrictEqual(answer.value, expected)) shape.wrongAnswers += 1;
    };

    for (const shape of running) {
      await measureThroughput(checkout(shape), { concurrency: p.concurrency, requests: p.warmup, maxSeconds: p.maxSecondsPerRound });
      shape.wrongAnswers = 0;
    }

    for (let round = 0; round < p.rounds; round += 1) {
      // Each round starts with the other shape (and so does each run), so drift on a shared machine lands on both alike.
      const order = (round + run) % 2 === 0 ? running : [...running].reverse();
      for (const shape of order) {
        // Only a shape's own turn is charged to it: the other shape's processes sit idle meanwhile.
        const before = new Map(shape.processes.map((unit) => [unit.pid, readCpuMs(unit.pid)]));
        const throughput = await measureThroughput(checkout(shape), { concurrency: p.concurrency, requests: p.checkoutsPerRound, maxSeconds: p.maxSecondsPerRound });
        for (const unit of shape.processes) shape.cpuMs.set(unit.pid, (shape.cpuMs.get(unit.pid) ?? 0) + readCpuMs(unit.pid) - (before.get(unit.pid) ?? 0));
        shape.checkouts += throughput.requests;
        shape.throughputPerRound.push(throughput.requestsPerSecond);
      }
      progress(`run ${run}, round ${round + 1}: ${running.map((shape) => `${shape.shape.name} ${shape.throughputPerRound.at(-1)} checkouts/s`).join(', ')}`);
    }

    const shapes: ShapeCost[] = running.map((shape) => ({
      shape: shape.shape.name,
      plannedUnits: shape.shape.units.length,
      processes: shape.processes.length,
      units: shape.processes.map((unit) => ({ shape: shape.shape.name, unit: unit.unit, ...readMemory(unit.pid), cpuMs: Math.round(shape.cpuMs.get(unit.pid) ?? 0) })),
      networkCallsPerCheckout: shape.networkCalls,
      checkouts: shape.checkouts,
      wrongAnswers: shape.wrongAnswers,
      throughputPerRound: shape.throughputPerRound,
    }));
    return { run, shapes };
  } finally {
    await Promise.all(deployments.map((deployment) => deployment.close()));
  }
}

/**
 * modular-monolith-operating-cost: the same checkouts through the modular monolith and the
 * microservices, as real Node processes, in `runs` independent runs (see `measureOneRun`): processes,
 * memory, CPU per checkout and throughput per run, so that every ratio is one ratio per run with its
 * 95% interval. The report adds, as arithmetic from these measured parts, what the memory ratio becomes
 * when each module holds memory of its own (the verdict map).
 */
export const experiment = defineExperiment({
  id: 'modular-monolith-operating-cost',
  title: 'A modular monolith needs fewer processes and less memory than microservices for the same checkouts',
  needs: { platforms: ['linux'], because: 'it reads the CPU time of the unit processes from `/proc/<pid>/stat` and their memory (RSS, PSS, USS) from `/proc/<pid>/smaps_rollup`, which only Linux has' },
  params,
  quick: { runs: 5, rounds: 1, checkoutsPerRound: 50, warmup: 50, maxSecondsPerRound: 10 },
  tables: (result) => [costTable(result), unitTable(result), runsTable(result), memoryMapTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<OperatingCostResult> {
    const total = p.runs * (p.rounds + 1);
    let done = 0;
    const runs: RunCost[] = [];
    for (let run = 1; run <= p.runs; run += 1) {
      runs.push(await measureOneRun(p, run, (label) => onProgress?.({ done: ++done, total, label })));
    }
    return { runs, shapes: summariseRuns(runs), rounds: p.rounds, checkoutsPerRound: p.checkoutsPerRound, concurrency: p.concurrency, warmup: p.warmup, referenceSystems: referenceStructures() };
  },
});
