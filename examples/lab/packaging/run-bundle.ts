/**
 * Runs a bundled unit (see bundle-units.ts) as a plain `node` child process and times it: the time
 * until it listens and until it first answers. What it costs in memory is read with `readMemory`
 * (processes/proc.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { runCheckoutInProcess, stepNames, type StepName } from '../../checkout/steps.ts';
import { keepAliveAgent, postJson } from '../network/http-client.ts';
import { stopChild } from '../processes/stop-child.ts';

const startTimeoutMs = 15_000;

/** A bundled unit running as its own process. */
export interface RunningBundle {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** performance.now() just before the spawn: the start of the cold start. */
  readonly spawnedAt: number;
  /** Milliseconds from the spawn until the unit reported the port it listens on. */
  readonly listeningAfterMs: number;
  /** Sends the ports of the units it calls (for units started before their peers); resolves when the unit has them. */
  sendPeerPorts(peerPorts: Readonly<Record<string, number>>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `node <bundle>` with only the environment a deployed unit gets (PATH and the ports of the
 * units it calls: no NODE_OPTIONS, no loaders, no extra CA certificates of the machine running the
 * lab), and resolves once it reports its port over IPC. The caller stops it (`stop()`), also on failure.
 *
 * @example
 * ```ts
 * const unit = await startBundle(bundle.file, { priceCart: 41234 });
 * try { await postJson(agent, unit.port, '/validateCart', sampleCart); } finally { await unit.stop(); }
 * ```
 */
export function startBundle(file: string, peerPorts: Readonly<Record<string, number>> = {}): Promise<RunningBundle> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [file], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LAB_PEER_PORTS: JSON.stringify(peerPorts) },
  });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child).then(() => reject(new Error(`bundle ${file} did not start: ${why}`)));
    };
    const timer = setTimeout(() => fail(`no port reported within ${startTimeoutMs} ms`), startTimeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited with ${signal ?? code}`));
    child.once('message', (message: { port?: number }) => {
      const listeningAfterMs = performance.now() - spawnedAt;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (typeof message.port !== 'number' || child.pid === undefined) return fail(`sent ${JSON.stringify(message)} instead of its port`);
      resolve({
        child,
        pid: child.pid,
        port: message.port,
        spawnedAt,
        listeningAfterMs,
        sendPeerPorts: (ports) => sendPeerPorts(child, ports),
        stop: () => stopChild(child),
      });
    });
  });
}

function sendPeerPorts(child: ChildProcess, peerPorts: Readonly<Record<string, number>>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`process ${child.pid} did not acknowledge its peers within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    const onMessage = (message: { peersReceived?: boolean }) => {
      if (!message.peersReceived) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.send({ peerPorts });
  });
}

/** What a fleet start needs to know of each unit: its name, its functions in chain order, its bundle. */
export interface FleetUnit {
  readonly unit: string;
  readonly functions: readonly StepName[];
  readonly file: string;
}

/** A shape's bundled units, all running. */
export interface RunningFleet {
  /** In chain order. `firstAnswerMs` is from the unit's spawn to its first HTTP 200 (null in a start at once). */
  readonly units: ReadonlyArray<{ readonly unit: string; readonly running: RunningBundle; readonly firstAnswerMs: number | null }>;
  /** From the first spawn until the fleet had answered: every unit in turn, or one whole checkout when started at once. */
  readonly wallMs: number;
  /** Every answer equalled what the functions return in one call stack. */
  readonly answersMatch: boolean;
  stop(): Promise<void>;
}

/**
 * Starts a shape's bundled units one after another, from the end of the chain (so each learns the
 * port of the unit it calls), and sends each its first request as soon as it listens: the input its
 * first function takes, which it runs and hands on to the end of the chain. Stops what it started if
 * anything fails.
 *
 * @example
 * ```ts
 * const fleet = await startFleetInTurn(bundles.units, sampleCart);
 * try { fleet.units.map((u) => u.firstAnswerMs); } finally { await fleet.stop(); }
 * ```
 */
export async function startFleetInTurn(units: readonly FleetUnit[], cart: unknown): Promise<RunningFleet> {
  const agent = keepAliveAgent();
  const started: Array<{ unit: string; running: RunningBundle; firstAnswerMs: number | null }> = [];
  const stop = async () => {
    agent.destroy();
    await Promise.all(started.map((unit) => unit.running.stop()));
  };
  const receipt = runCheckoutInProcess(cart);
  const ports: Record<string, number> = {};
  let answersMatch = true;
  const startedAt = performance.now();
  try {
    for (const unit of [...units].reverse()) {
      const running = await startBundle(unit.file, { ...ports });
      started.unshift({ unit: unit.unit, running, firstAnswerMs: null });
      const first = unit.functions[0] as StepName;
      const answer = await postJson(agent, running.port, `/${first}`, runCheckoutInProcess(cart, stepNames.indexOf(first)));
      (started[0] as { firstAnswerMs: number | null }).firstAnswerMs = performance.now() - running.spawnedAt;
      answersMatch &&= isDeepStrictEqual(answer.value, receipt);
      ports[unit.unit] = running.port;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { units: started, wallMs: performance.now() - startedAt, answersMatch, stop };
}

/**
 * Starts every bundled unit of a shape at the same moment, hands each the ports of its peers once all
 * listen, and sends one whole checkout to the first unit. Stops what it started if anything fails.
 *
 * @example
 * ```ts
 * const fleet = await startFleetAtOnce(bundles.units, sampleCart);
 * try { fleet.wallMs; } finally { await fleet.stop(); }
 * ```
 */
export async function startFleetAtOnce(units: readonly FleetUnit[], cart: unknown): Promise<RunningFleet> {
  const agent = keepAliveAgent();
  const startedAt = performance.now();
  const starts = await Promise.allSettled(units.map((unit) => startBundle(unit.file)));
  const running = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  const stop = async () => {
    agent.destroy();
    await Promise.all(running.map((unit) => unit.stop()));
  };
  try {
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed) throw failed.reason;
    const ports = Object.fromEntries(units.map((unit, index) => [unit.unit, (running[index] as RunningBundle).port]));
    // IPC and HTTP are different channels: every unit acknowledges its peers before the first request.
    await Promise.all(running.map((unit) => unit.sendPeerPorts(ports)));
    const first = units[0];
    if (!first || !running[0]) throw new Error('a fleet needs at least one unit');
    const answer = await postJson(agent, running[0].port, `/${first.functions[0]}`, cart);
    const wallMs = performance.now() - startedAt;
    return {
      units: units.map((unit, index) => ({ unit: unit.unit, running: running[index] as RunningBundle, firstAnswerMs: null })),
      wallMs,
      answersMatch: isDeepStrictEqual(answer.value, runCheckoutInProcess(cart)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
