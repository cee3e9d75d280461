import http from 'node:http';
import { keepAliveAgent } from './http-client.ts';

/** A plain node:http echo server on 127.0.0.1 and a client for it: one call is one raw round trip. */
export interface RawHttpEcho {
  /** One round trip: the body sent, parsed and sent back, parsed again. */
  roundTrip(): Promise<unknown>;
  /** Closes the client's connections and the server. */
  close(): Promise<void>;
}

/**
 * The platform's own cost of one hop, with no lab and no framework: a plain `node:http` server on
 * 127.0.0.1 that parses a JSON body and answers it back, called over a keep-alive agent. Experiments
 * measure it side by side with the lab (in the same rounds of `measureLatencySideBySide`), so the
 * lab's per-hop cost can be read as a ratio to it that drift on the machine does not skew.
 *
 * @example
 * ```ts
 * const raw = await startRawHttpEcho(sampleCart);
 * try {
 *   const byName = await measureLatencySideBySide({ raw: raw.roundTrip, lab: () => deployment.checkout(sampleCart) }, options);
 * } finally {
 *   await raw.close();
 * }
 * ```
 */
export async function startRawHttpEcho(body: unknown): Promise<RawHttpEcho> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const echoed = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(echoed) });
      response.end(echoed);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  const agent = keepAliveAgent();
  const payload = JSON.stringify(body);
  return {
    roundTrip: () =>
      new Promise<unknown>((resolve, reject) => {
        const request = http.request(
          { agent, host: '127.0.0.1', port, path: '/', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(payload);
      }),
    async close() {
      agent.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
