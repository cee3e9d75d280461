import { describe, expect, it } from 'vitest';
import { httpSystemTransport } from '../network/http-system-transport.ts';
import { memorySystemTransport } from '../runtime/memory-system-transport.ts';
import type { RunningSystem } from '../runtime/running-system.ts';
import { fanOutSystem, measureFanOutCost } from './fan-out-cost.ts';

const tiny = { warmup: 3, iterations: 30, rounds: 3, maxSeconds: 2 };

describe('fanOutSystem', () => {
  it('calls its leaves in one step, one step each, or calls one leaf', () => {
    expect(fanOutSystem('parallel', 3, 0).operations.root?.calls).toEqual([{ mode: 'sync', targets: ['leaf1', 'leaf2', 'leaf3'] }]);
    expect(fanOutSystem('sequential', 2, 0).operations.root?.calls).toEqual([
      { mode: 'sync', targets: ['leaf1'] },
      { mode: 'sync', targets: ['leaf2'] },
    ]);
    expect(Object.keys(fanOutSystem('one call', 13, 0).operations)).toEqual(['root', 'leaf1']);
    expect(fanOutSystem('parallel', 2, 500).operations.leaf2?.work).toEqual({ cpuUs: 0, waitUs: 500 });
    expect(() => fanOutSystem('parallel', 0, 0)).toThrow(/at least 1, got 0/);
  });
});

describe('measureFanOutCost', () => {
  it('overlaps the waiting of parallel calls: 3 leaves at once take far less than 3 in turn', async () => {
    const deployments = new Set<RunningSystem>();
    const report = await measureFanOutCost({ transport: memorySystemTransport, fanOuts: [3], leafWaitUs: 3000, sizes: tiny, deployments });
    expect(report.rows.map((row) => `${row.mode} ${row.fanOut}`)).toEqual(['one call 1', 'parallel 3', 'sequential 3']);
    const [one, parallel, sequential] = report.rows;
    expect(one?.latencyToOneCall).toBe(1);
    // Side by side in one run, a ratio: three 3 ms waits in turn take about 9 ms, at once about 3 ms.
    expect(sequential?.latencyToOneCall).toBeGreaterThan(2 * (parallel?.latencyToOneCall ?? Infinity));
    expect(deployments.size).toBe(0);
  }, 60_000);

  it('measures the raw round trip in the same rounds and closes every server on http', async () => {
    const report = await measureFanOutCost({ transport: httpSystemTransport, fanOuts: [2], leafWaitUs: 0, sizes: tiny });
    expect(report.rawRoundTrip.iterations).toBe(30);
    expect(report.rows).toHaveLength(3);
    for (const row of report.rows) expect(row.nanoservicesP50Us).toBeGreaterThan(0);
    expect(report.hopToRaw).toBeGreaterThan(0);
  }, 60_000);
});
