/**
 * A small round-robin HTTP load balancer on 127.0.0.1 in front of replicas of one service. It probes
 * every replica every few milliseconds, ejects a replica whose probe fails to connect or answer, and
 * takes it back when a probe answers again. Optionally it retries a request once on another replica
 * when the connection to the first one fails: safe only for idempotent requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the balancer probes and whether it retries. */
export interface BalancerOptions {
  /** Ports of the replicas on 127.0.0.1. */
  readonly replicaPorts: readonly number[];
  /** How often each replica is probed. */
  readonly probeIntervalMs: number;
  /** A probe that has not answered within this long counts as failed. */
  readonly probeTimeoutMs: number;
  /** Path probed with GET. Any HTTP answer below 500 means the replica is alive (a 404 still proves a listening server). */
  readonly probePath: string;
  /** Retry a request once on another healthy replica when the connection to the first fails. */
  readonly retryOnConnectionError: boolean;
}

/** What the balancer knows of one replica. */
export interface ReplicaState {
  readonly port: number;
  healthy: boolean;
  /** performance.now() when a probe last ejected it; null if it never was. */
  ejectedAt: number | null;
  /** Times a probe ejected it (a replica taken back and ejected again counts again). */
  ejections: number;
  probes: number;
  forwarded: number;
}

/** What the balancer did with the requests it received. */
export interface BalancerCounts {
  received: number;
  /** Answers relayed from a replica, whatever their status. */
  relayed: number;
  /** Requests answered 502 because the replica's connection failed (after the retry, if any). */
  connectionFailures: number;
  /** Requests answered 503 because no replica was healthy. */
  noHealthyReplica: number;
  /** Requests sent a second time to another replica after a connection error. */
  retried: number;
}

/** A running balancer; `close()` stops probing and listening. */
export interface RunningBalancer {
  readonly port: number;
  readonly replicas: readonly ReplicaState[];
  readonly counts: BalancerCounts;
  close(): Promise<void>;
}

interface RelayedAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

function forward(agent: http.Agent, port: number, request: http.IncomingMessage, body: Buffer): Promise<RelayedAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { agent, host: '127.0.0.1', port, path: request.url, method: request.method, headers: { ...request.headers, host: `127.0.0.1:${port}`, 'content-length': body.length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function probe(agent: http.Agent, port: number, options: BalancerOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ agent, host: '127.0.0.1', port, path: options.probePath, timeout: options.probeTimeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve((response.statusCode ?? 500) < 500));
      response.on('error', () => resolve(false));
    });
    request.on('timeout', () => request.destroy(new Error('probe timed out')));
    request.on('error', () => resolve(false));
  });
}

/**
 * Starts the balancer on 127.0.0.1 (port 0) and probes every replica every `probeIntervalMs` until
 * closed. Requests go round robin to the healthy replicas. The caller closes it, also on failure.
 *
 * @example
 * ```ts
 * const balancer = await startHealthCheckedBalancer({ replicaPorts: [41001, 41002, 41003], probeIntervalMs: 5, probeTimeoutMs: 50, probePath: '/health', retryOnConnectionError: true });
 * try { await postJson(agent, balancer.port, '/validateCart', cart); } finally { await balancer.close(); }
 * ```
 */
export async function startHealthCheckedBalancer(options: BalancerOptions): Promise<RunningBalancer> {
  if (options.replicaPorts.length === 0) throw new Error('a balancer needs at least one replica');
  const replicas: ReplicaState[] = options.replicaPorts.map((port) => ({ port, healthy: true, ejectedAt: null, ejections: 0, probes: 0, forwarded: 0 }));
  const counts: BalancerCounts = { received: 0, relayed: 0, connectionFailures: 0, noHealthyReplica: 0, retried: 0 };
  const trafficAgent = new http.Agent({ keepAlive: true });
  const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let next = 0;

  const pick = (except: ReplicaState | null): ReplicaState | null => {
    for (let tried = 0; tried < replicas.length; tried += 1) {
      const replica = replicas[next++ % replicas.length] as ReplicaState;
      if (replica.healthy && replica !== except) return replica;
    }
    return null;
  };

  const server = http.createServer((request, response) => {
    counts.received += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = async (replica: ReplicaState | null, isRetry: boolean): Promise<void> => {
        if (!replica) {
          counts.noHealthyReplica += 1;
          response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"no-healthy-replica"}}');
          return;
        }
        replica.forwarded += 1;
        try {
          const answer = await forward(trafficAgent, replica.port, request, body);
          counts.relayed += 1;
          // Hop-by-hop headers belong to the replica's connection, not to the client's.
          const headers = { ...answer.headers };
          delete headers.connection;
          delete headers['transfer-encoding'];
          response.writeHead(answer.status, { ...headers, 'content-length': answer.body.length }).end(answer.body);
        } catch {
          if (options.retryOnConnectionError && !isRetry) {
            counts.retried += 1;
            return attempt(pick(replica), true);
          }
          counts.connectionFailures += 1;
          response.writeHead(502, { 'content-type': 'application/json' }).end('{"error":{"code":"replica-connection-failed"}}');
        }
      };
      void attempt(pick(null), false);
    });
  });

  const probing = new Set<number>();
  const timer = setInterval(() => {
    for (const replica of replicas) {
      // One probe in flight per replica: a slow replica is not probed twice at once.
      if (probing.has(replica.port)) continue;
      probing.add(replica.port);
      replica.probes += 1;
      void probe(probeAgent, replica.port, options).then((alive) => {
        probing.delete(replica.port);
        if (!alive && replica.healthy) {
          replica.ejectedAt = performance.now();
          replica.ejections += 1;
        }
        replica.healthy = alive;
      });
    }
  }, options.probeIntervalMs);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    clearInterval(timer);
    throw error;
  }
  return {
    port: (server.address() as AddressInfo).port,
    replicas,
    counts,
    close: async () => {
      clearInterval(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      trafficAgent.destroy();
      probeAgent.destroy();
    },
  };
}
