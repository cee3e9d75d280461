import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { keepAliveAgent, postJson } from './http-client.ts';
import { stopChild } from '../processes/stop-child.ts';
import type { AnyShape } from '../model/shapes.ts';
import type { CallUnit, RunningUnits, Transport, UnitEndpoint } from '../units/transport.ts';
import type { UnitOptions } from '../units/unit-app.ts';

const unitMain = fileURLToPath(new URL('./unit-process-main.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const startTimeoutMs = 15_000;

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
 * `endpoints` gives each unit's port and PID, in the shape's unit order, so that an experiment can
 * read what each unit process costs without searching for it.
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
    const endpoints: UnitEndpoint[] = [];
    const close = async () => {
      agent.destroy();
      await Promise.all(children.splice(0).map((child) => stopChild(child)));
    };
    try {
      for (const unit of [...shape.units].reverse()) {
        const started = await startUnit(shape, unit.name, { ...ports });
        children.push(started.child);
        ports[unit.name] = started.port;
        endpoints.unshift({ unit: unit.name, port: started.port, pid: started.child.pid as number });
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
    return { call, endpoints, close };
  },
};
