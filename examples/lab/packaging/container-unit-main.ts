/**
 * The entry of a containerised unit: it runs one unit of a shape (createUnitApp) and adds the
 * container contract around it. Port and config from the environment; `GET /healthz` (alive) and
 * `GET /readyz` (ready for traffic); one JSON object per line on stdout; on SIGTERM, not ready at
 * once, keep listening for the drain delay, then stop accepting, finish what is in flight, exit 0.
 * Bundled by container-unit.ts and run with plain `node`.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server } from 'node:http';
import { parseContainerEnv, shapeOfEnv } from './container-env.ts';
import { keepAliveAgent, postJson } from '../network/http-client.ts';
import { stopOnSignal } from '../processes/serve.ts';
import { createUnitApp } from '../units/unit-app.ts';

const env = parseContainerEnv(process.env);
const shape = shapeOfEnv(env);
const log = (fields: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', unit: env.LAB_UNIT, version: env.APP_VERSION, ...fields })}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const peerPorts = JSON.parse(env.LAB_PEER_PORTS) as Record<string, number>;
const agent = keepAliveAgent();
const unitApp = createUnitApp(shape, env.LAB_UNIT, (unit, route, body, headers) => {
  const port = peerPorts[unit];
  return port === undefined ? Promise.reject(new Error(`no port for unit ${unit}`)) : postJson(agent, port, `/${route}`, body, headers);
});

let warm = false;
let draining = false;
let inFlight = 0;
const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.get('/readyz', (c) => (warm && !draining ? c.json({ ready: true }) : c.json({ ready: false }, 503)));
app.use('*', async (c, next) => {
  const startedAt = performance.now();
  inFlight += 1;
  try {
    if (!warm) {
      c.res = c.json({ error: { code: 'warming-up', message: 'not ready' } }, 503);
    } else {
      if (env.LAB_WORK_MS > 0) await sleep(env.LAB_WORK_MS);
      await next();
    }
    c.header('x-app-version', env.APP_VERSION);
    // While draining, tell keep-alive clients to open their next request elsewhere.
    if (draining) c.header('connection', 'close');
  } finally {
    inFlight -= 1;
    log({ msg: 'request', method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - startedAt) * 10) / 10 });
  }
});
app.route('/', unitApp);

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: '127.0.0.1' }, (info) => {
  log({ msg: 'listening', port: info.port });
  setTimeout(() => {
    warm = true;
    log({ msg: 'ready' });
  }, env.LAB_WARMUP_MS);
}) as Server;

async function drain(): Promise<void> {
  draining = true;
  const startedAt = performance.now();
  log({ msg: 'SIGTERM: draining', inFlight });
  await sleep(env.LAB_DRAIN_DELAY_MS);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const deadline = startedAt + env.LAB_DRAIN_DELAY_MS + env.LAB_DRAIN_TIMEOUT_MS;
  // Bounded: idle keep-alive sockets are closed as soon as they finish; the deadline caps the wait.
  const sweeper = setInterval(() => server.closeIdleConnections(), 5);
  const done = await Promise.race([closed.then(() => true), sleep(Math.max(0, deadline - performance.now())).then(() => false)]);
  clearInterval(sweeper);
  agent.destroy();
  log({ msg: done ? 'drained' : 'drain timed out', inFlight, drainMs: Math.round(performance.now() - startedAt) });
  if (!done) server.closeAllConnections();
  process.exitCode = done ? 0 : 1;
  process.exit();
}

// Without LAB_GRACEFUL, SIGTERM ends the process at once, as a unit with no handler would.
if (env.LAB_GRACEFUL === '1') stopOnSignal(drain);
