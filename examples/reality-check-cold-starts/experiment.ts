import { z } from 'zod';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { readSystemFileAt } from '../lab/files/system-files.ts';
import { processSystemTransport } from '../lab/network/process-system-transport.ts';
import { noFaults } from '../lab/faults/fault-model.ts';
import { logNormalThrough, publishedRatePoints, replayKeepAlive, summarizeKeepAlive } from './keep-alive.ts';
import { findingFor, paperTable, replayTable, type ColdStartRun, type ReplayRow, type Result } from './report.ts';

// Referenced by URL so that the evidence stamp's source hash covers the system file the run reads.
const appUrl = new URL('../systems/azure-serverless.json', import.meta.url);

const params = z.object({
  // AWS Lambda's and Azure Functions' fixed keep-alive at the time of the paper (10 and 20 minutes).
  keepAliveMinutes: z.array(z.number().min(1).max(240)).min(1).default([10, 20]),
  apps: z.number().int().min(100).max(50_000).default(10_000),
  // The trace's span: two weeks.
  days: z.number().min(1).max(14).default(14),
  maxInvocationsPerApp: z.number().int().min(10).max(2_000).default(200),
  // Independent replays (seeds) and cold starts measured, for intervals.
  runs: z.number().int().min(5).max(20).default(5),
  seed: z.number().int().default(23),
});

/** Spawns the function app as one unit process and times it from spawn to its first answer, then a warm answer. */
async function measureColdStart(system: Parameters<typeof processSystemTransport.deploy>[0], id: number): Promise<ColdStartRun> {
  const start = performance.now();
  const running = await processSystemTransport.deploy(system, 'monolith');
  try {
    // The function's own work is skipped: the paper's execution times are replayed, not run here.
    await running.apply({ seed: id, faults: noFaults, work: 'skip' });
    await running.send({ id, attempt: 0 });
    const coldMs = performance.now() - start;
    const warmStart = performance.now();
    await running.send({ id: id + 1, attempt: 0 });
    return { coldMs, warmMs: performance.now() - warmStart };
  } finally {
    await running.close();
  }
}

/**
 * reality-check-cold-starts: Shahrad et al.'s workload under a fixed keep-alive. The lab measures
 * what a cold start of one of its units costs (the reference function app, `azure-serverless.json`,
 * spawned as one process on loopback, timed from spawn to its first answer), then replays a fixed
 * keep-alive over apps drawn from the paper's distributions of invocation rate and execution time,
 * with that cold start before every cold invocation, and counts the invocations that met one.
 */
export const experiment = defineExperiment({
  id: 'reality-check-cold-starts',
  title: 'Cold starts under a fixed keep-alive, with Azure Functions’ invocation rates and execution times (Shahrad et al., ATC 2020)',
  params,
  quick: { apps: 1_000, maxInvocationsPerApp: 50 },
  tables: (result) => [paperTable(result), replayTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<Result> {
    const { file, system } = readSystemFileAt(appUrl);
    const total = p.runs + p.runs * p.keepAliveMinutes.length;
    let done = 0;
    const coldStarts: ColdStartRun[] = [];
    for (let run = 1; run <= p.runs; run += 1) {
      coldStarts.push(await measureColdStart(system, run * 10));
      onProgress?.({ done: ++done, total, label: `cold start ${run}` });
    }
    const coldStartMs = [...coldStarts].map((run) => run.coldMs).sort((a, b) => a - b)[Math.floor(coldStarts.length / 2)] as number;
    const rates = logNormalThrough(publishedRatePoints);
    const replays: ReplayRow[] = [];
    for (const keepAliveMinutes of p.keepAliveMinutes) {
      for (let run = 1; run <= p.runs; run += 1) {
        const apps = replayKeepAlive({ apps: p.apps, keepAliveMinutes, coldStartMs, days: p.days, maxInvocationsPerApp: p.maxInvocationsPerApp, rates, seed: p.seed * 1_000 + run });
        replays.push({ keepAliveMinutes, run, ...summarizeKeepAlive(apps) });
        onProgress?.({ done: ++done, total, label: `${keepAliveMinutes}-minute keep-alive, replay ${run}` });
      }
    }
    return { file, apps: p.apps, days: p.days, rates, coldStartMs, coldStarts, replays };
  },
});
