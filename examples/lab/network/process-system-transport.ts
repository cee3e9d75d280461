import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { System } from '../model/system.ts';
import { stopChild } from '../processes/stop-child.ts';
import { createCallStream } from '../messaging/async-calls.ts';
import { cutNamed, runningSystem, type DeployedUnit, type DeployOptions, type SystemTransport } from '../runtime/running-system.ts';
import type { UnitProcessMessage } from './system-unit-main.ts';
import { httpUnitClient } from './unit-http-client.ts';

/** The file each unit process runs: hashed into the evidence of any run that starts it. */
export const systemUnitMain = fileURLToPath(new URL('./system-unit-main.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const startTimeoutMs = 30_000;
/** Units started at once: starting a Node process with tsx takes most of a core for a few hundred ms. */
const startConcurrency = 4;

type UnitReply = { kind: 'listening'; port: number } | { kind: 'ready' };

/** Waits for a unit's next message of `kind`, failing if it exits, errors or takes longer than the start timeout. */
function nextMessage<K extends UnitReply['kind']>(child: ChildProcess, unit: string, kind: K): Promise<Extract<UnitReply, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', onError);
      settle();
    };
    const onMessage = (message: UnitReply) => {
      if (message.kind === kind) done(() => resolve(message as Extract<UnitReply, { kind: K }>));
    };
    const onExit = (code: number | null, signal: string | null) => done(() => reject(new Error(`unit ${unit} exited with ${signal ?? code} before it was ${kind}`)));
    const onError = (error: Error) => done(() => reject(new Error(`unit ${unit} could not start: ${error.message}`)));
    const timer = setTimeout(() => done(() => reject(new Error(`unit ${unit} was not ${kind} within ${startTimeoutMs} ms`))), startTimeoutMs);
    child.on('message', onMessage).once('exit', onExit).once('error', onError);
  });
}

/**
 * Every unit of the cut a real child process (`node --import tsx system-unit-main.ts`) serving HTTP
 * on 127.0.0.1; units call each other over keep-alive connections. Units start a few at a time and
 * learn each other's ports once all listen, so any call graph works. Stopped with SIGTERM (SIGKILL
 * after 3 s); a unit whose parent dies stops itself. With a broker, each unit connects to it itself
 * and `async` steps go through a stream of the deployment's own, deleted when it closes.
 *
 * @example
 * ```ts
 * const running = await processSystemTransport.deploy(system, 'nanoservices');
 * try { await running.send({ id: 1, attempt: 0 }); } finally { await running.close(); }
 * ```
 */
export const processSystemTransport: SystemTransport = {
  name: 'process',
  async deploy(system: System, cutName: string, options: DeployOptions = {}) {
    const cut = cutNamed(system, cutName);
    const { broker } = options;
    const stream = broker ? await createCallStream(broker) : undefined;
    const children = new Map<string, ChildProcess>();
    const ports: Record<string, number> = {};
    const { client, close: closeClient } = httpUnitClient((unit) => ports[unit]);
    let closed = false;
    const close = async () => {
      closeClient();
      const running = [...children.values()];
      children.clear();
      await Promise.all(running.map((child) => stopChild(child)));
      if (broker && stream && !closed) await broker.deleteStream(stream);
      closed = true;
    };
    const startOne = async (unit: string) => {
      const child = spawn(process.execPath, ['--import', tsxLoader, systemUnitMain], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.set(unit, child);
      const listening = nextMessage(child, unit, 'listening');
      child.send({ kind: 'start', system, cut: cut.name, unit, ...(broker && stream ? { calls: { brokerUrl: broker.url, stream } } : {}) } satisfies UnitProcessMessage);
      ports[unit] = (await listening).port;
    };
    try {
      const queue = cut.units.map((unit) => unit.name);
      // Settled, not raced: when one unit fails, the others' starts finish before close() stops them all.
      const starts = await Promise.allSettled(
        Array.from({ length: Math.min(startConcurrency, queue.length) }, async () => {
          for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) await startOne(unit);
        }),
      );
      const failed = starts.find((start) => start.status === 'rejected');
      if (failed) throw failed.reason;
      await Promise.all(
        [...children].map(([unit, child]) => {
          const ready = nextMessage(child, unit, 'ready');
          child.send({ kind: 'peers', ports } satisfies UnitProcessMessage);
          return ready;
        }),
      );
    } catch (error) {
      await close();
      throw error;
    }
    const units: DeployedUnit[] = cut.units.map((unit) => ({ name: unit.name, operations: unit.operations, port: ports[unit.name], pid: children.get(unit.name)?.pid }));
    return runningSystem(system, cut, 'process', units, client, close);
  },
};
