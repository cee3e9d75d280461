/**
 * The adapter's two HTTP edges on the command line (Node only): its calls to the provider stand-in,
 * and the checkout's calls to the adapter when it runs as its own service.
 */
import http from 'node:http';
import { outcomeOfStatus, type ChargeOutcome, type ProviderCall } from './payment-adapter.ts';

/**
 * `POST /charges` to the provider on loopback `port` over `agent`: resolves on 200, rejects on any
 * other status, on a socket error or when the signal aborts the call.
 *
 * @example
 * ```ts
 * const adapter = createPaymentAdapter(httpProviderCall(new http.Agent({ keepAlive: true }), api.port), 'plain', settings);
 * ```
 */
export function httpProviderCall(agent: http.Agent, port: number): ProviderCall {
  return (amountCents, signal) => {
    const payload = JSON.stringify({ amount: amountCents, currency: 'EUR' });
    return new Promise((resolve, reject) => {
      const request = http.request(
        { agent, host: '127.0.0.1', port, path: '/charges', method: 'POST', signal, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (response) => {
          response.resume();
          response.on('error', reject);
          response.on('end', () => ((response.statusCode ?? 0) === 200 ? resolve() : reject(new Error(`payment provider answered ${response.statusCode}`))));
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  };
}

/**
 * Charges through the adapter service and maps its status back to the outcome.
 *
 * @example
 * ```ts
 * await chargeThroughService(agent, service.port, 12_345); // 'charged'
 * ```
 */
export function chargeThroughService(agent: http.Agent, port: number, amountCents: number): Promise<ChargeOutcome> {
  const payload = JSON.stringify({ amountCents });
  return new Promise((resolve) => {
    const request = http.request(
      { agent, host: '127.0.0.1', port, path: '/charge', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(outcomeOfStatus(response.statusCode ?? 0)));
        response.on('error', () => resolve('failed'));
      },
    );
    request.on('error', () => resolve('failed'));
    request.end(payload);
  });
}
