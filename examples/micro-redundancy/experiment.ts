import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import { bundleShape } from '../lab/packaging/bundle-units.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { startHealthCheckedBalancer } from '../lab/network/health-checked-balancer.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { startBundle, type RunningBundle } from '../lab/packaging/run-bundle.ts';
import { shapes } from '../lab/model/shapes.ts';
import { balancerModes, killRunTable, processCountTable, redundancyVerdict, type BalancerMode, type KillRunRow, type ProcessCountRow, type RedundancyResult } from './report.ts';

const params = z.object({
  replicas: z.number().int().min(2).max(5).default(3),
  /** Requests per run; autocannon sends exactly this many. */
  requests: z.number().int().min(100).max(200_000).default(3_000),
  connections: z.number().int().min(1).max(64).default(16),
  /** The replica is killed once this share of the requests has been answered. */
  killAfter: z.number().min(0.05).max(0.9).default(0.3),
  probeIntervalMs: z.number().int().min(1).max(1_000).default(5),
  /** Long enough that a busy but live replica is not ejected; a killed one refuses connections at once. */
  probeTimeoutMs: z.number().int().min(5).max(5_000).default(1_000),
  /** Runs per balancer mode. */
  runs: z.number().int().min(1).max(10).default(2),
  /** A run is stopped after this long even if not every request was sent. */
  maxSecondsPerRun: z.number().positive().max(60).default(40),
});

type Params = z.output<typeof params>;

async function killRun(file: string, mode: BalancerMode, run: number, p: Params): Promise<{ row: KillRunRow; answersMatch: boolean }> {
  const replicas: RunningBundle[] = [];
  const agent = keepAliveAgent();
  let balancer: Awaited<ReturnType<typeof startHealthCheckedBalancer>> | null = null;
  try {
    for (let i = 0; i < p.replicas; i += 1) replicas.push(await startBundle(file));
    const receipt = runCheckoutInProcess(sampleCart);
    const answers = await Promise.all(replicas.map((replica) => postJson(agent, replica.port, '/validateCart', sampleCart)));
    const answersMatch = answers.every((answer) => isDeepStrictEqual(answer.value, receipt));
    balancer = await startHealthCheckedBalancer({
      replicaPorts: replicas.map((replica) => replica.port),
      probeIntervalMs: p.probeIntervalMs,
      probeTimeoutMs: p.probeTimeoutMs,
      probePath: '/health',
      retryOnConnectionError: mode === 'retry once',
    });
    // Each run kills a different replica, so that no one position in the round robin decides the figures.
    const victim = replicas[(run - 1) % replicas.length] as RunningBundle;
    const victimState = balancer.replicas.find((replica) => replica.port === victim.port);
    let answered = 0;
    let killedAt: number | null = null;
    let answeredBeforeKill = 0;
    let guardFired = false;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `http://127.0.0.1:${balancer?.port}/validateCart`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(sampleCart),
          connections: p.connections,
          amount: p.requests,
          timeout: 5,
        },
        (error, finished) => (error ? reject(error) : resolve(finished)),
      );
      const guard = setTimeout(() => {
        guardFired = true;
        instance.stop();
      }, p.maxSecondsPerRun * 1000);
      instance.on('done', () => clearTimeout(guard));
      instance.on('response', () => {
        answered += 1;
        if (killedAt === null && answered >= p.requests * p.killAfter) {
          answeredBeforeKill = answered;
          killedAt = performance.now();
          victim.child.kill('SIGKILL');
        }
      });
    });
    const succeeded = result['2xx'];
    const failed = result.non2xx + result.errors;
    const ejectedAt = victimState?.ejectedAt ?? null;
    // The limit can fire just as the last answers arrive: only a run left short counts as stopped.
    const stoppedEarly = guardFired && (result.requests.sent < p.requests || succeeded + failed < result.requests.sent);
    return {
      answersMatch,
      row: {
        mode,
        run,
        sent: result.requests.sent,
        succeeded,
        failed,
        lost: result.requests.sent - succeeded - failed,
        non2xx: result.non2xx,
        errors: result.errors,
        noHealthyReplica: balancer.counts.noHealthyReplica,
        spuriousEjections: balancer.replicas.filter((replica) => replica !== victimState).reduce((total, replica) => total + replica.ejections, 0),
        stoppedEarly,
        retried: balancer.counts.retried,
        balancerReceived: balancer.counts.received,
        detectMs: ejectedAt !== null && killedAt !== null ? Math.round((ejectedAt - killedAt) * 10) / 10 : null,
        ejectedReplicas: balancer.replicas.filter((replica) => !replica.healthy).length,
        answeredBeforeKill,
        requestsPerSecond: Math.round(result.requests.sent / Math.max(result.duration, 0.001)),
      },
    };
  } finally {
    await balancer?.close();
    agent.destroy();
    await Promise.all(replicas.map((replica) => replica.stop()));
  }
}

function processCounts(replicas: number): ProcessCountRow[] {
  return Object.values(shapes).map((shape) => ({
    shape: shape.name,
    units: shape.units.length,
    replicas,
    processes: replicas * shape.units.length,
    balancedPools: shape.units.length,
    processesPaymentOnly: shape.units.length - 1 + replicas,
  }));
}

/**
 * micro-redundancy: bundles the monolith's one unit with esbuild and runs it as `replicas` plain
 * `node` processes behind a round-robin balancer that probes each replica every few milliseconds.
 * autocannon sends a bounded number of checkouts through the balancer; part-way through, one replica
 * is killed with SIGKILL. Each run counts requests sent, succeeded, failed and lost, and the time
 * from the kill to the ejection, without retries and with one retry on another replica. It also
 * counts the processes each shape needs for the same redundancy.
 */
export const experiment = defineExperiment({
  id: 'micro-redundancy',
  title: 'Redundancy: killing one of three replicas under load',
  params,
  quick: { requests: 1_500, connections: 8, runs: 1, maxSecondsPerRun: 20 },
  tables: (result) => [killRunTable(result), processCountTable(result)],
  verdict: redundancyVerdict,

  async run(p, onProgress): Promise<RedundancyResult> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'micro-redundancy-'));
    try {
      const bundles = await bundleShape(shapes.monolith, 'lab', dir);
      const file = bundles.units[0]?.file;
      if (!file) throw new Error('the monolith bundled to no unit');
      const rows: KillRunRow[] = [];
      let answersMatch = true;
      const total = p.runs * balancerModes.length;
      for (let run = 1; run <= p.runs; run += 1) {
        // Modes alternate within each run number, so that drift on the machine lands on both alike.
        for (const mode of run % 2 ? balancerModes : [...balancerModes].reverse()) {
          const done = await killRun(file, mode, run, p);
          answersMatch &&= done.answersMatch;
          rows.push(done.row);
          onProgress?.({ done: rows.length, total, label: `${mode} · run ${run} · ${done.row.failed} failed of ${done.row.sent}` });
        }
      }
      rows.sort((a, b) => balancerModes.indexOf(a.mode) - balancerModes.indexOf(b.mode) || a.run - b.run);
      return { rows, processCounts: processCounts(p.replicas), replicatedShape: 'monolith', replicas: p.replicas, answersMatch };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
