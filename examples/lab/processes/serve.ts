/**
 * How every server the lab starts listens and stops: on 127.0.0.1 with a port the OS picks, and, in
 * a process of its own, until SIGTERM or until its parent goes away. One copy for the transports,
 * the unit processes, the bundled units and the experiments' own service processes.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';

/** A server listening on 127.0.0.1. */
export interface LoopbackServer {
  readonly port: number;
  /** Stops listening, closes idle keep-alive connections, and resolves once the server has closed. */
  close(): Promise<void>;
}

/**
 * Serves a Hono app (or anything with a `fetch`) on 127.0.0.1 with a port the OS picks, and resolves
 * once it listens.
 *
 * @example
 * ```ts
 * const { port, close } = await listenOnLoopback(app);
 * ```
 */
export function listenOnLoopback(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<LoopbackServer> {
  return new Promise((resolve, reject) => {
    const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ port: info.port, close: () => closeServer(server as Server) }),
    );
    server.once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would hold close() open; in-flight requests have already answered.
    server.closeIdleConnections();
  });
}

/**
 * Runs `stop` once, on SIGTERM or when the parent's IPC channel closes (the parent died without
 * stopping this process, which must then not linger as an orphan holding a port).
 *
 * @example
 * ```ts
 * stopOnSignal(async () => { await server.close(); process.exit(0); });
 * ```
 */
export function stopOnSignal(stop: () => void | Promise<void>): void {
  let stopping = false;
  const once = () => {
    if (stopping) return;
    stopping = true;
    void stop();
  };
  process.once('SIGTERM', once);
  process.once('disconnect', once);
}

/**
 * The body of a server process: serves `app` on 127.0.0.1, tells its parent the port (over IPC, or
 * as a JSON line on stdout when started without IPC), and on SIGTERM or when the parent goes away
 * closes the server (requests in flight finish first), then runs `onStop` (close a database,
 * destroy an agent) and exits 0.
 *
 * @example
 * ```ts
 * await serveUntilStopped(app, { onStop: () => { agent.destroy(); db.close(); } });
 * ```
 */
export async function serveUntilStopped(app: { fetch: (request: Request) => Response | Promise<Response> }, options: { readonly onStop?: () => unknown } = {}): Promise<LoopbackServer> {
  const server = await listenOnLoopback(app);
  stopOnSignal(async () => {
    await server.close();
    await options.onStop?.();
    process.exit(0);
  });
  if (process.send) process.send({ port: server.port });
  else console.log(JSON.stringify({ port: server.port }));
  return server;
}
