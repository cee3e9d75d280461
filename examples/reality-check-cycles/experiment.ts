import { z } from 'zod';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { readSystemFileAt } from '../lab/files/system-files.ts';
import type { System } from '../lab/model/system.ts';
import { httpSystemTransport } from '../lab/network/http-system-transport.ts';
import type { RunningSystem } from '../lab/runtime/running-system.ts';
import { InFlightWaits, performWork, processSpinRate } from '../lab/runtime/work.ts';
import { clean } from '../lab/system-run/run-system.ts';
import { cycleCuts, cyclesTable, findingFor, paperTable, type CycleRow, type Result } from './report.ts';

// Referenced by URL so that the evidence stamp's source hash covers the system file the run reads.
const checkoutUrl = new URL('../systems/checkout.json', import.meta.url);

const params = z.object({
  // From a toy function's work to Dean and Barroso's typical leaf; published medians (µSuite, Alibaba) lie between.
  workPerCallUs: z.array(z.number().int().min(1).max(20_000)).min(2).default([10, 100, 1_000, 5_000]),
  // CPU of business work each cut spends per run, which sets how many requests a run sends.
  businessMsPerRun: z.number().min(20).max(5_000).default(300),
  runs: z.number().int().min(5).max(20).default(5),
  seed: z.number().int().default(5),
});

/** CPU time of this whole process (user + system), in µs: the client and every unit of the http transport. */
const processCpuUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** The checkout with every operation given the same CPU work per call. */
function withWork(system: System, cpuUs: number): System {
  return { ...system, operations: Object.fromEntries(Object.entries(system.operations).map(([name, operation]) => [name, { ...operation, work: { cpuUs } }])) };
}

/**
 * reality-check-cycles: where a request's CPU goes, per cut. The lab's checkout (six operations in
 * a chain) is deployed as a monolith, microservices and nanoservices over HTTP on loopback, in this
 * one process, with every operation given the same CPU work per call; for each work size the three
 * cuts serve the same requests side by side, one request at a time, in five runs. The CPU the whole
 * process spent (client and units) is set against the CPU the same business work takes alone,
 * measured in the same run; the rest is what the request spent outside its business work, the
 * share the papers call the datacenter tax.
 */
export const experiment = defineExperiment({
  id: 'reality-check-cycles',
  title: 'Where the cycles go: the share of a request’s CPU outside its business work, per cut, as work per call grows',
  params,
  quick: { workPerCallUs: [10, 1_000], businessMsPerRun: 40 },
  tables: (result) => [paperTable(result), cyclesTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<Result> {
    const base = readSystemFileAt(checkoutUrl).system;
    const operations = Object.keys(base.operations).length;
    const spinPerUs = processSpinRate();
    const rows: CycleRow[] = [];
    const total = p.workPerCallUs.length * p.runs;
    let done = 0;
    let nextId = 1;
    for (const workUs of p.workPerCallUs) {
      const system = withWork(base, workUs);
      const requests = Math.max(10, Math.min(400, Math.round((p.businessMsPerRun * 1000) / (operations * workUs))));
      const running: RunningSystem[] = [];
      try {
        for (const cut of cycleCuts) running.push(await httpSystemTransport.deploy(system, cut));
        for (const deployed of running) await deployed.apply(clean(p.seed));
        // Warm every cut (connections open, code compiled) before anything is counted.
        for (const deployed of running) for (let i = 0; i < 20; i += 1) await deployed.send({ id: nextId++, attempt: 0 });
        for (let run = 1; run <= p.runs; run += 1) {
          // The business work alone, in this run: the same calls, no transport.
          const inFlight = new InFlightWaits();
          const bareStart = processCpuUs();
          for (let i = 0; i < requests * operations; i += 1) await performWork({ cpuUs: workUs, waitUs: 0 }, spinPerUs, inFlight);
          const businessUs = processCpuUs() - bareStart;
          for (const deployed of running) {
            const start = processCpuUs();
            for (let i = 0; i < requests; i += 1) await deployed.send({ id: nextId++, attempt: 0 });
            const totalUs = processCpuUs() - start;
            rows.push({ workPerCallUs: workUs, run, cut: deployed.cut.name, requests, cpuPerRequestUs: totalUs / requests, businessPerRequestUs: businessUs / requests });
          }
          onProgress?.({ done: ++done, total, label: `${workUs} µs of work per call · run ${run}` });
        }
      } finally {
        await Promise.all(running.map((deployed) => deployed.close()));
      }
    }
    return { operations, rows };
  },
});
