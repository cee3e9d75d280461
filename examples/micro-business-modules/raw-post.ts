import http from 'node:http';

/**
 * POSTs a raw body (which need not be JSON) to a server on loopback and resolves with the status:
 * what a careless or hostile client can send, unlike the lab's `postJson`, which always sends JSON.
 *
 * @example
 * ```ts
 * await postRaw(port, '/priceCart', '{"cartId":'); // 400 behind a contract, 500 without one
 * ```
 */
export function postRaw(port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.setTimeout(5_000, () => request.destroy(new Error(`no answer from ${path} within 5 s`)));
    request.on('error', reject);
    request.end(body);
  });
}
