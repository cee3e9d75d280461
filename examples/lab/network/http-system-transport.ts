import type { System } from '../model/system.ts';
import { listenOnLoopback } from '../processes/serve.ts';
import { asyncCallsOn, createCallStream } from '../messaging/async-calls.ts';
import { cutNamed, operationCaller, runningSystem, type DeployedUnit, type DeployOptions, type SystemTransport } from '../runtime/running-system.ts';
import { createSystemUnitApp } from '../runtime/system-unit.ts';
import { processSpinRate } from '../runtime/work.ts';
import { dropConnection } from './drop-connection.ts';
import { httpUnitClient } from './unit-http-client.ts';

/**
 * Every unit of the cut a real HTTP server on 127.0.0.1 (port 0) in this process; units call each
 * other over keep-alive connections, and a crashed unit drops the connection. The network stack and
 * the event loop are real; the CPU is shared. With a broker, `async` steps go through a stream of the
 * deployment's own (deleted when it closes), each unit a durable consumer of its calls.
 *
 * @example
 * ```ts
 * const running = await httpSystemTransport.deploy(system, 'microservices');
 * try { await running.send({ id: 1, attempt: 0 }); } finally { await running.close(); }
 * ```
 */
export const httpSystemTransport: SystemTransport = {
  name: 'http',
  async deploy(system: System, cutName: string, options: DeployOptions = {}) {
    const cut = cutNamed(system, cutName);
    const spinPerUs = processSpinRate();
    const { broker } = options;
    const stream = broker ? await createCallStream(broker) : undefined;
    const calls = broker && stream ? asyncCallsOn(broker, stream) : undefined;
    const ports = new Map<string, number>();
    const { client, close: closeClient } = httpUnitClient((unit) => ports.get(unit));
    const closers: Array<() => Promise<void>> = [];
    const abandoners: Array<() => void> = [];
    let closed = false;
    const close = async () => {
      for (const abandon of abandoners.splice(0)) abandon();
      await calls?.stop();
      closeClient();
      await Promise.all(closers.splice(0).map((closeOne) => closeOne()));
      if (broker && stream && !closed) await broker.deleteStream(stream);
      closed = true;
    };
    const callOperation = operationCaller(client);
    const units: DeployedUnit[] = [];
    try {
      for (const unit of cut.units) {
        const served = createSystemUnitApp(system, cut, unit.name, callOperation, { spinPerUs, dropAnswer: dropConnection, publish: calls?.publish });
        abandoners.push(served.abandonInFlight);
        await calls?.attach(unit.name, served);
        const server = await listenOnLoopback(served.app);
        ports.set(unit.name, server.port);
        closers.push(server.close);
        units.push({ name: unit.name, operations: unit.operations, port: server.port });
      }
    } catch (error) {
      await close();
      throw error;
    }
    return runningSystem(system, cut, 'http', units, client, close);
  },
};
