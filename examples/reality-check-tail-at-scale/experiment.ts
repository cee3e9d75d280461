import http from 'node:http';
import { z } from 'zod';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { percentile } from '../lab/measure/stats.ts';
import { listenOnLoopback, type LoopbackServer } from '../lab/processes/serve.ts';
import { fanOut, type RequestOutcome } from './fan-out.ts';
import { leafApp, type SlownessKind } from './leaves.ts';
import { findingFor, paperTable, runsTable, type Result, type Variant, type VariantRow } from './report.ts';

const params = z.object({
  // Dean and Barroso's example: 100 leaves, 1% of their calls slow, a slow call 1 s.
  leaves: z.number().int().min(1).max(200).default(100),
  slowShare: z.number().min(0).max(0.5).default(0.01),
  slowMs: z.number().int().min(50).max(5_000).default(1_000),
  // "Typically 10 ms" is the paper's; the spread of a typical call (p99 20 ms) is assumed.
  typicalMedianMs: z.number().min(1).max(100).default(10),
  typicalP99Ms: z.number().min(1).max(500).default(20),
  // The paper's policy: hedge once a call has been outstanding past the 95th percentile.
  hedgePercentile: z.number().min(50).max(99.9).default(95),
  // Few requests at once: root and leaves share this machine's cores, and a busy event loop would
  // add its own queueing to every leaf call, which is not what the paper measured.
  requests: z.number().int().min(10).max(2_000).default(60),
  concurrency: z.number().int().min(1).max(50).default(4),
  leafServers: z.number().int().min(1).max(50).default(10),
  runs: z.number().int().min(5).max(20).default(5),
  seed: z.number().int().default(11),
});

type Params = z.infer<typeof params>;

/** Sends `requests` requests to the root, `concurrency` at a time, each with its own id. */
async function load(send: (request: number) => Promise<RequestOutcome>, requests: number, concurrency: number, firstId: number): Promise<RequestOutcome[]> {
  const outcomes: RequestOutcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, requests) }, async () => {
      while (next < requests) {
        const id = firstId + next;
        next += 1;
        outcomes.push(await send(id));
      }
    }),
  );
  return outcomes;
}

/** The leaf servers for one kind of slowness, on loopback. */
async function startLeaves(p: Params, slowness: SlownessKind, seed: number): Promise<LoopbackServer[]> {
  const latency = { typicalMs: { median: p.typicalMedianMs, p99: p.typicalP99Ms }, slowShare: p.slowShare, slowMs: p.slowMs, slowness, seed };
  return Promise.all(Array.from({ length: p.leafServers }, () => listenOnLoopback(leafApp(latency))));
}

function rowOf(run: number, variant: Variant, p: Params, outcomes: readonly RequestOutcome[], hedgeAfterMs: number): VariantRow {
  const times = outcomes.map((outcome) => outcome.ms);
  return {
    run,
    variant,
    requests: outcomes.length,
    slowShare: times.filter((ms) => ms >= p.slowMs).length / outcomes.length,
    p50Ms: percentile(times, 50) ?? 0,
    p99Ms: percentile(times, 99) ?? 0,
    callsPerLeaf: outcomes.reduce((sum, outcome) => sum + outcome.callsSent, 0) / (outcomes.length * p.leaves),
    hedgeAfterMs,
  };
}

/**
 * reality-check-tail-at-scale: replays Dean and Barroso's fan-out. A root calls 100 leaves at once
 * over HTTP on loopback and waits for all; each leaf call takes about 10 ms, and 1 s with probability
 * 1%, waiting on a timer as a leaf waits on its shard. Each run sends the same requests three ways,
 * side by side: unhedged; hedged after the 95th percentile of that run's unhedged leaf answers, with
 * slowness that belongs to the server (a second request draws its own time); and hedged with slowness
 * that belongs to the query (every replica is as slow for it). Five runs, each with its own seed.
 */
export const experiment = defineExperiment({
  id: 'reality-check-tail-at-scale',
  title: 'The Tail at Scale, replayed: 100 leaves, 1% of calls slow, with and without hedged requests',
  params,
  quick: { requests: 12, slowMs: 200 },
  tables: (result) => [paperTable(result), runsTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<Result> {
    const rows: VariantRow[] = [];
    // Enough sockets for every call in flight, hedges included, so that no call queues in the client.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 * p.concurrency * Math.ceil(p.leaves / p.leafServers) });
    const total = p.runs * 3;
    let done = 0;
    const progress = (label: string) => onProgress?.({ done: ++done, total, label });
    try {
      for (let run = 1; run <= p.runs; run += 1) {
        const seed = p.seed + run;
        const transient = await startLeaves(p, 'transient', seed);
        const persistent = await startLeaves(p, 'persistent', seed);
        try {
          const ports = (servers: readonly LoopbackServer[]) => servers.map((server) => server.port);
          // One unmeasured wave per set of servers, so that the measured requests find their connections open.
          await load((id) => fanOut(agent, ports(transient), p.leaves, id), p.concurrency, p.concurrency, -1_000_000 - run * 1_000);
          await load((id) => fanOut(agent, ports(persistent), p.leaves, id), p.concurrency, p.concurrency, -1_000_000 - run * 1_000);
          const plain = await load((id) => fanOut(agent, ports(transient), p.leaves, id), p.requests, p.concurrency, run * 1_000_000);
          const hedgeAfterMs = percentile(
            plain.flatMap((outcome) => outcome.leafMs),
            p.hedgePercentile,
          ) as number;
          rows.push(rowOf(run, 'no hedge', p, plain, hedgeAfterMs));
          progress(`run ${run} · no hedge`);
          // The same request ids: the same leaf calls are slow, so the variants differ only in the hedge.
          const hedged = await load((id) => fanOut(agent, ports(transient), p.leaves, id, hedgeAfterMs), p.requests, p.concurrency, run * 1_000_000);
          rows.push(rowOf(run, 'hedged, transient slowness', p, hedged, hedgeAfterMs));
          progress(`run ${run} · hedged, transient slowness`);
          const stuck = await load((id) => fanOut(agent, ports(persistent), p.leaves, id, hedgeAfterMs), p.requests, p.concurrency, run * 1_000_000);
          rows.push(rowOf(run, 'hedged, persistent slowness', p, stuck, hedgeAfterMs));
          progress(`run ${run} · hedged, persistent slowness`);
        } finally {
          await Promise.all([...transient, ...persistent].map((server) => server.close()));
        }
      }
    } finally {
      agent.destroy();
    }
    return {
      leaves: p.leaves,
      slowShareOfLeafCalls: p.slowShare,
      slowMs: p.slowMs,
      typicalMedianMs: p.typicalMedianMs,
      typicalP99Ms: p.typicalP99Ms,
      hedgePercentile: p.hedgePercentile,
      rows,
    };
  },
});
