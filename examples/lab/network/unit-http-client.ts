import http from 'node:http';
import type { UnitClient } from '../runtime/running-system.ts';
import { CallFailedError } from '../runtime/unit-protocol.ts';

/**
 * A {@link UnitClient} over HTTP/1.1 keep-alive connections to units on 127.0.0.1: `portOf` gives a
 * unit's port. A connection dropped before the answer (the unit crashed) is a `lost` call; a unit with
 * no port is a `failed` one. `close` destroys the pooled connections.
 *
 * @example
 * ```ts
 * const { client, close } = httpUnitClient((unit) => ports.get(unit));
 * await client('cart', 'GET', '/_lab/stats', {});
 * close();
 * ```
 */
export function httpUnitClient(portOf: (unit: string) => number | undefined): { client: UnitClient; close: () => void } {
  // Enough sockets for a wide fan-out from one unit: 100 parallel calls should not queue for a socket.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const client: UnitClient = (unit, method, path, headers, body) => {
    const port = portOf(unit);
    if (port === undefined) return Promise.reject(new CallFailedError('failed', `no unit named ${unit} is running`));
    return new Promise((resolve, reject) => {
      const request = http.request(
        { agent, host: '127.0.0.1', port, path, method, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => reject(new CallFailedError('lost', `${unit}: ${error.message}`)));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      request.on('error', (error) => reject(new CallFailedError('lost', `${unit} dropped the connection (${error.message})`)));
      request.end(body);
    });
  };
  return { client, close: () => agent.destroy() };
}
