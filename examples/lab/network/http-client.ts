import http from 'node:http';
import type { UnitAnswer } from '../units/transport.ts';
import { decodeAnswer, networkCallsHeader } from '../units/wire.ts';

/**
 * POSTs JSON to a server on loopback over a keep-alive connection and decodes the unit's answer.
 * node:http with a keep-alive agent costs about half of Node 20's global `fetch` per round trip.
 *
 * @example
 * ```ts
 * const agent = new http.Agent({ keepAlive: true });
 * await postJson(agent, 41234, '/priceCart', validated); // { value, networkCalls }
 * ```
 */
export function postJson(
  agent: http.Agent,
  port: number,
  path: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<UnitAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            const calls = response.headers[networkCallsHeader];
            resolve(decodeAnswer(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), typeof calls === 'string' ? calls : null));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * A keep-alive agent for loopback calls between units: connections are reused, not reopened.
 *
 * @example
 * ```ts
 * const agent = keepAliveAgent();
 * try { await postJson(agent, port, '/priceCart', validated); } finally { agent.destroy(); }
 * ```
 */
export function keepAliveAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 64 });
}
