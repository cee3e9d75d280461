import http from 'node:http';
import { keepAliveAgent } from './http-client.ts';
import { measureLatency, type LatencyOptions, type LatencySummary } from '../measure/measure.ts';

/**
 * The platform's own cost of one hop, with no lab and no framework: a plain `node:http` server on
 * 127.0.0.1 that parses a JSON body and answers it back, called over a keep-alive agent. Experiments
 * measure it in the same run as the lab, so the lab's per-hop cost can be read as a ratio to it.
 *
 * @example
 * ```ts
 * const raw = await measureRawHttpRoundTrip(sampleCart, { warmup: 200, iterations: 2000, maxSeconds: 10 });
 * raw.p50Us; // about 280 µs on the reference machine
 * ```
 */
export async function measureRawHttpRoundTrip(body: unknown, options: LatencyOptions): Promise<LatencySummary> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const echoed = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(echoed) });
      response.end(echoed);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const agent = keepAliveAgent();
  const payload = JSON.stringify(body);
  const roundTrip = () =>
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
    });
  try {
    return await measureLatency(roundTrip, options);
  } finally {
    agent.destroy();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
}
