import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startHealthCheckedBalancer, type BalancerOptions } from './health-checked-balancer.ts';

interface Replica {
  readonly port: number;
  readonly served: number[];
  close(): Promise<void>;
}

async function startReplica(name: number): Promise<Replica> {
  const served: number[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url !== '/health') served.push(name);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ replica: name }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function post(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/work', method: 'POST', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end('{}');
  });
}

async function withReplicas(run: (replicas: Replica[]) => Promise<void>) {
  const replicas: Replica[] = [];
  try {
    for (let i = 0; i < 3; i += 1) replicas.push(await startReplica(i));
    await run(replicas);
  } finally {
    await Promise.all(replicas.map((replica) => replica.close()));
  }
}

const options = (replicas: Replica[], overrides: Partial<BalancerOptions>): BalancerOptions => ({
  replicaPorts: replicas.map((replica) => replica.port),
  probeIntervalMs: 5,
  probeTimeoutMs: 100,
  probePath: '/health',
  retryOnConnectionError: false,
  ...overrides,
});

describe('startHealthCheckedBalancer', () => {
  it('spreads requests round robin over the replicas', async () => {
    await withReplicas(async (replicas) => {
      const balancer = await startHealthCheckedBalancer(options(replicas, {}));
      try {
        for (let i = 0; i < 9; i += 1) expect(await post(balancer.port)).toBe(200);
        expect(replicas.map((replica) => replica.served.length)).toEqual([3, 3, 3]);
        expect(balancer.counts).toMatchObject({ received: 9, relayed: 9, connectionFailures: 0, retried: 0 });
      } finally {
        await balancer.close();
      }
    });
  });

  it('ejects a replica that stops listening, and sends it nothing more', async () => {
    await withReplicas(async (replicas) => {
      const balancer = await startHealthCheckedBalancer(options(replicas, {}));
      try {
        await replicas[1]?.close();
        const stoppedAt = performance.now();
        for (let waited = 0; waited < 200 && balancer.replicas[1]?.healthy; waited += 1) await new Promise((resolve) => setTimeout(resolve, 5));
        expect(balancer.replicas.map((replica) => replica.healthy)).toEqual([true, false, true]);
        expect(balancer.replicas[1]?.ejectedAt).toBeGreaterThan(stoppedAt);
        for (let i = 0; i < 6; i += 1) expect(await post(balancer.port)).toBe(200);
        expect(replicas[1]?.served).toHaveLength(0);
      } finally {
        await balancer.close();
      }
    });
  });

  it('without probes in time, a dead replica fails requests unless the balancer retries them elsewhere', async () => {
    await withReplicas(async (replicas) => {
      // Probing too slowly to notice: only the retry can save the requests routed to the dead replica.
      for (const retryOnConnectionError of [false, true]) {
        const balancer = await startHealthCheckedBalancer(options(replicas, { probeIntervalMs: 60_000, retryOnConnectionError }));
        try {
          await replicas[2]?.close();
          const statuses: number[] = [];
          for (let i = 0; i < 6; i += 1) statuses.push(await post(balancer.port));
          if (retryOnConnectionError) {
            expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
            expect(balancer.counts.retried).toBe(2);
          } else {
            expect(statuses.filter((status) => status === 502)).toHaveLength(2);
            expect(balancer.counts.connectionFailures).toBe(2);
          }
        } finally {
          await balancer.close();
        }
      }
    });
  });
});
