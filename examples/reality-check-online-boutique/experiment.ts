import { z } from 'zod';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { readSystemFileAt } from '../lab/files/system-files.ts';
import { percentile } from '../lab/measure/stats.ts';
import { transportCalls } from '../lab/model/system.ts';
import { httpSystemTransport } from '../lab/network/http-system-transport.ts';
import { processSystemTransport } from '../lab/network/process-system-transport.ts';
import { readCpuUs } from '../lab/processes/proc.ts';
import { cutNamed, type RunningSystem, type SystemTransport } from '../lab/runtime/running-system.ts';
import { clean } from '../lab/system-run/run-system.ts';
import { driveAtRate } from './fixed-rate.ts';
import { boutiqueCuts, findingFor, labTable, paperTable, type BoutiqueRow, type Result } from './report.ts';

// Referenced by URL so that the evidence stamp's source hash covers the system file the run reads.
const boutiqueUrl = new URL('../systems/online-boutique.json', import.meta.url);

const transports = { http: httpSystemTransport, process: processSystemTransport } as const satisfies Record<string, SystemTransport>;

const params = z.object({
  transports: z.array(z.enum(['http', 'process'])).min(1).default(['http', 'process']),
  // The paper drove 10,000 QPS over 78 cores; this machine has 2. The rate is scaled so that the split
  // cut on the process transport (about 20 ms of CPU per request here) uses under half of the
  // machine's cores (assumed), as a deployment sized for its load has headroom: at 100 per second it
  // saturated them and its latency became queueing.
  ratePerSecond: z.number().int().min(5).max(500).default(30),
  secondsPerWindow: z.number().min(0.5).max(20).default(6),
  rounds: z.number().int().min(5).max(20).default(5),
  // Requests each cut serves before anything is counted, a few at a time, so that every unit's code
  // is compiled: without them a short run measures V8's first, unoptimised calls (twice the CPU).
  warmupRequests: z.number().int().min(0).max(5_000).default(400),
  seed: z.number().int().default(17),
});

/** CPU time of this process (user + system), µs: the client, and every unit on the http transport. */
const ownCpuUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** CPU time of a deployment's unit processes, µs, to the scheduler's nanosecond (process transport); the client is not counted. */
const unitsCpuUs = (running: RunningSystem) => () => running.units.reduce((total, unit) => total + (unit.pid === undefined ? 0 : readCpuUs(unit.pid)), 0);

/** Sends `requests` requests to a deployment, four at a time, from `firstId`; resolves with the next free id. */
async function warmUp(deployed: RunningSystem, requests: number, firstId: number): Promise<number> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < requests) {
        const id = firstId + next;
        next += 1;
        await deployed.send({ id, attempt: 0 });
      }
    }),
  );
  return firstId + requests;
}

/**
 * reality-check-online-boutique: Ghemawat et al.'s Table 2 replayed. The place-order request of Online
 * Boutique (`examples/systems/online-boutique.json`: its services as deployed, and all of them in one
 * process) is deployed in both cuts side by side and driven at a fixed request rate, in windows that
 * take turns, on two transports: `http` (every unit in this process, calls over loopback HTTP) and
 * `process` (one operating-system process per unit, as the paper's split runs one binary per
 * service). Each window measures every request's latency from its scheduled start and the CPU the
 * deployment spent, from which the cores a fixed load needs follow.
 */
export const experiment = defineExperiment({
  id: 'reality-check-online-boutique',
  title: 'Online Boutique split into its services and co-located in one process, at a fixed request rate (Ghemawat et al., HotOS 2023, Table 2)',
  params,
  quick: { ratePerSecond: 20, secondsPerWindow: 1 },
  tables: (result) => [paperTable(result), labTable(result)],
  finding: findingFor,
  needs: { platforms: ['linux'], because: 'it reads the CPU time of every unit process from each thread’s `/proc/<pid>/task/<tid>/schedstat`, which only Linux has' },

  async run(p, onProgress): Promise<Result> {
    const { file, system } = readSystemFileAt(boutiqueUrl);
    const rows: BoutiqueRow[] = [];
    const total = p.transports.length * p.rounds * boutiqueCuts.length;
    let done = 0;
    let nextId = 1;
    for (const transportName of p.transports) {
      const running: RunningSystem[] = [];
      try {
        for (const cut of boutiqueCuts) running.push(await transports[transportName].deploy(system, cut));
        for (const deployed of running) await deployed.apply(clean(p.seed));
        // Warm every cut (connections open, code compiled in every unit) before anything is counted.
        for (const deployed of running) {
          nextId = await warmUp(deployed, p.warmupRequests, nextId);
        }
        for (let round = 1; round <= p.rounds; round += 1) {
          // The cuts take turns, each round starting with the other, so drift lands on both alike.
          const order = round % 2 === 1 ? running : [...running].reverse();
          for (const deployed of order) {
            const cpu = transportName === 'process' ? unitsCpuUs(deployed) : ownCpuUs;
            const outcome = await driveAtRate(deployed, { ratePerSecond: p.ratePerSecond, seconds: p.secondsPerWindow, firstId: nextId, graceMs: 2000 }, cpu);
            nextId += outcome.sent;
            const answered = outcome.latenciesUs.length;
            rows.push({
              transport: transportName,
              cut: deployed.cut.name,
              round,
              sent: outcome.sent,
              answered,
              failed: outcome.failed,
              unfinished: outcome.unfinished,
              p50Us: Math.round(percentile(outcome.latenciesUs, 50) ?? 0),
              p99Us: Math.round(percentile(outcome.latenciesUs, 99) ?? 0),
              cpuPerRequestUs: Math.round(outcome.cpuUs / outcome.sent),
            });
            onProgress?.({ done: ++done, total, label: `${transportName} · round ${round} · ${deployed.cut.name}` });
          }
        }
      } finally {
        await Promise.all(running.map((deployed) => deployed.close()));
      }
    }
    return {
      file,
      ratePerSecond: p.ratePerSecond,
      secondsPerWindow: p.secondsPerWindow,
      warmupRequests: p.warmupRequests,
      operations: Object.keys(system.operations).length,
      networkCalls: Object.fromEntries([...boutiqueCuts, 'nanoservices'].map((cut) => [cut, transportCalls(system, cutNamed(system, cut))])),
      rows,
    };
  },
});
