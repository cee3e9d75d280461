/**
 * Runs units of a shape as containers would run them, without a container runtime: one bundled
 * file (the "image", see container-unit-main.ts) started with plain `node`, configured only by its
 * environment, its stdout read line by line as its log, stopped by a real SIGTERM. Also a small
 * HTTP balancer that sends requests to ready replicas only, for rolling updates.
 */
import { build, stop } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { toProcessEnv, type ContainerEnvInput } from './container-env.ts';
import { repoRoot } from '../files/evidence.ts';
import { stopChild } from '../processes/stop-child.ts';

const mainFile = fileURLToPath(new URL('./container-unit-main.ts', import.meta.url));
const startTimeoutMs = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Bundles the containerised unit into one self-contained CommonJS file in `dir` (the image's only
 * file), and stops esbuild's service process afterwards.
 *
 * @example
 * ```ts
 * const image = await bundleContainerUnit(tmpDir); // start it with startContainer(image, env)
 * ```
 */
export async function bundleContainerUnit(dir: string): Promise<string> {
  const outfile = path.join(dir, 'container-unit.cjs');
  await build({
    entryPoints: [mainFile],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    absWorkingDir: repoRoot,
    logLevel: 'silent',
  }).finally(() => stop());
  return outfile;
}

/**
 * A free port on 127.0.0.1, for a unit whose port the platform assigns before it starts.
 *
 * @example
 * ```ts
 * const port = await freePort(); // e.g. 41234
 * ```
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** How a containerised process ended. */
export interface ContainerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** performance.now() when it exited. */
  readonly at: number;
}

/** A containerised unit running as a child process. */
export interface RunningContainer {
  readonly child: ChildProcess;
  readonly port: number;
  /** Every stdout line so far, as written (the log a platform collects). */
  readonly stdoutLines: readonly string[];
  readonly stderrLines: readonly string[];
  /** Resolves when the process exits. */
  readonly exited: Promise<ContainerExit>;
  /** SIGTERM, then SIGKILL after 3 s; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the bundled unit with only PATH and `env` in its environment, and resolves once it has
 * logged the port it listens on (a JSON line on stdout). It is not necessarily ready: see
 * {@link waitUntilReady}. The caller stops it, also on failure.
 *
 * @example
 * ```ts
 * const unit = await startContainer(image, { PORT: 0, LAB_SHAPE: 'monolith', LAB_UNIT: 'checkout' });
 * try { await waitUntilReady(unit.port); } finally { await unit.stop(); }
 * ```
 */
export function startContainer(file: string, env: ContainerEnvInput): Promise<RunningContainer> {
  const child = spawn(process.execPath, [file], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...toProcessEnv(env) },
  });
  const stdoutLines: string[] = [];
  const stderrLines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => stdoutLines.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => stderrLines.push(line));
  const exited = new Promise<ContainerExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + startTimeoutMs;
    const poll = async () => {
      while (performance.now() < deadline && child.exitCode === null && child.signalCode === null) {
        for (const line of stdoutLines) {
          try {
            const entry = JSON.parse(line) as { msg?: string; port?: number };
            if (entry.msg === 'listening' && typeof entry.port === 'number') {
              return resolve({ child, port: entry.port, stdoutLines, stderrLines, exited, stop: () => stopChild(child) });
            }
          } catch {
            // Not JSON: the caller counts such lines; keep looking for the port.
          }
        }
        await sleep(2);
      }
      await stopChild(child);
      reject(new Error(`container unit ${env.LAB_UNIT} did not log its port: ${stderrLines.slice(-3).join(' | ')}`));
    };
    void poll();
  });
}

/**
 * The status code of `GET path` on a port, or 0 if the connection failed.
 *
 * @example
 * ```ts
 * await probe(unit.port, '/healthz'); // 200
 * ```
 */
export function probe(port: number, pathname: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: pathname, agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/**
 * Polls `GET /readyz` every `intervalMs` until it answers 200 (a readiness gate). Resolves with the
 * milliseconds it waited; rejects after `timeoutMs`.
 *
 * @example
 * ```ts
 * const waitedMs = await waitUntilReady(unit.port);
 * ```
 */
export async function waitUntilReady(port: number, { intervalMs = 10, timeoutMs = 10_000 } = {}): Promise<number> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < timeoutMs) {
    if ((await probe(port, '/readyz')) === 200) return performance.now() - startedAt;
    await sleep(intervalMs);
  }
  throw new Error(`port ${port} was not ready within ${timeoutMs} ms`);
}

/** A backend of the balancer: a replica's port and the version it runs. */
export interface Backend {
  readonly port: number;
  readonly version: string;
}

/** An HTTP balancer on 127.0.0.1 spreading requests round-robin over its backends. */
export interface Balancer {
  readonly port: number;
  add(backend: Backend): void;
  remove(port: number): void;
  backends(): readonly Backend[];
  /** Requests forwarded per version, and requests that found no backend or whose backend failed. */
  counts(): { readonly byVersion: Readonly<Record<string, number>>; readonly failed: number };
  close(): Promise<void>;
}

/**
 * Starts a balancer: it forwards each request to the next backend in its list (what a Kubernetes
 * Service does with the endpoints of ready pods) and answers 502 if the backend fails or none is
 * listed. Which backends are listed is the caller's choice: that is where readiness gates live.
 *
 * @example
 * ```ts
 * const balancer = await startBalancer();
 * try { balancer.add({ port: unit.port, version: 'v1' }); } finally { await balancer.close(); }
 * ```
 */
export async function startBalancer(): Promise<Balancer> {
  let list: Backend[] = [];
  let next = 0;
  let failed = 0;
  const byVersion: Record<string, number> = {};
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((request, response) => {
    const backend = list[next++ % Math.max(1, list.length)];
    const fail = () => {
      failed += 1;
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end('{"error":{"code":"bad-gateway","message":"no backend answered"}}');
    };
    if (!backend) return void request.resume().on('end', fail);
    const upstream = http.request(
      { agent, host: '127.0.0.1', port: backend.port, path: request.url, method: request.method, headers: request.headers },
      (answer) => {
        byVersion[backend.version] = (byVersion[backend.version] ?? 0) + 1;
        const headers = { ...answer.headers };
        delete headers.connection; // the backend's connection is not the client's
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', fail);
    request.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    add: (backend) => void (list = [...list, backend]),
    remove: (port) => void (list = list.filter((backend) => backend.port !== port)),
    backends: () => list,
    counts: () => ({ byVersion: { ...byVersion }, failed }),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
