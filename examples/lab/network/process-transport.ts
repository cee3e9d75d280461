import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { keepAliveAgent, postJson } from './http-client.ts';
import type { AnyShape } from '../model/shapes.ts';
import type { CallUnit, RunningUnits, Transport } from '../units/transport.ts';
import type { UnitOptions } from '../units/unit-app.ts';

const unitMain = fileURLToPath(new URL('./unit-process-main.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const startTimeoutMs = 15_000;
const stopTimeoutMs = 3_000;

/**
 * Stops a child: SIGTERM, then SIGKILL if it has not exited within `stopTimeoutMs`.
 *
 * @example
 * ```ts
 * await stopChild(child); // resolves once the process has exited
 * ```
 */
export async function stopChild(child: ChildProcess, timeoutMs = stopTimeoutMs): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

function startUnit(shape: AnyShape, unit: string, peerPorts: Record<string, number>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', tsxLoader, unitMain], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, LAB_SHAPE: JSON.stringify(shape), LAB_UNIT: unit, LAB_PEER_PORTS: JSON.stringify(peerPorts) },
  });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child).then(() => reject(new Error(`unit ${unit} (${shape.name}) did not start: ${why}`)));
    };
    const timer = setTimeout(() => fail(`no port reported within ${startTimeoutMs} ms`), startTimeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited with ${signal ?? code}`));
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (typeof message.port === 'number') resolve({ child, port: message.port });
      else fail(`sent ${JSON.stringify(message)} instead of its port`);
    });
  });
}

/**
 * Every unit a real child process (`node --import tsx unit-process-main.ts`) serving HTTP on
 * 127.0.0.1; units call each other over keep-alive connections. Units start from the end of the
 * chain so that each learns the port of the unit it calls. Stopped with SIGTERM (SIGKILL after 3 s).
 *
 * @example
 * ```ts
 * const running = await processTransport.start(nanoservices);
 * try { await running.call('validateCart', 'validateCart', sampleCart); } finally { await running.close(); }
 * ```
 */
export const processTransport: Transport = {
  name: 'process',
  async start(shape: AnyShape, unitOptions?: (unitName: string) => UnitOptions): Promise<RunningUnits> {
    if (unitOptions) throw new Error('processTransport cannot take unit options: functions and middleware do not cross a process boundary; use memoryTransport or httpTransport');
    const agent = keepAliveAgent();
    const children: ChildProcess[] = [];
    const ports: Record<string, number> = {};
    const close = async () => {
      agent.destroy();
      await Promise.all(children.splice(0).map((child) => stopChild(child)));
    };
    try {
      for (const unit of [...shape.units].reverse()) {
        const started = await startUnit(shape, unit.name, { ...ports });
        children.push(started.child);
        ports[unit.name] = started.port;
      }
    } catch (error) {
      await close();
      throw error;
    }
    const call: CallUnit = (unit, route, body, headers) => {
      const port = ports[unit];
      if (port === undefined) return Promise.reject(new Error(`no unit named ${unit} is running`));
      return postJson(agent, port, `/${route}`, body, headers);
    };
    return { call, close };
  },
};
