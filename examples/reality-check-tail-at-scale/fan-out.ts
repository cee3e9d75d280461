import http from 'node:http';

/** How a root reaches a leaf: the port of the server holding it. */
export type LeafPorts = readonly number[];

/** What one request to the root cost: its time, and the leaf calls it sent. */
export interface RequestOutcome {
  readonly ms: number;
  /** Leaf calls sent, hedges included. */
  readonly callsSent: number;
  /** The time each leaf's first answer took, in ms (for the percentile a hedge waits for). */
  readonly leafMs: readonly number[];
}

/**
 * Sends one GET and resolves when the answer has been read; rejects on an error status or a dropped
 * connection. A GET reset on a reused keep-alive socket is sent once more on a fresh one: the server
 * may close an idle socket just as the agent hands it out (the race Node's documentation describes
 * under `request.reusedSocket`), which says nothing about the leaf.
 */
function get(agent: http.Agent, port: number, path: string, retried = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get({ agent, host: '127.0.0.1', port, path }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`leaf answered ${response.statusCode} to ${path}`))));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && request.reusedSocket && error.code === 'ECONNRESET') get(agent, port, path, true).then(resolve, reject);
      else reject(error);
    });
  });
}

/**
 * One request to the root: every leaf called at once over HTTP, the request done when the last leaf
 * has answered. With `hedgeAfterMs`, a leaf that has not answered by then is sent a second request
 * (Dean and Barroso's hedged request: to another replica, whose slowness is its own) and the first
 * answer counts. Every call sent is waited for before the outcome is returned, so nothing is left in
 * flight; the request's time is taken when its last leaf answered, not when its losers did.
 *
 * @example
 * ```ts
 * const outcome = await fanOut(agent, ports, 100, 7, 15);
 * outcome.ms; // ~15 ms typically, ~1 s when a leaf was slow and not hedged
 * ```
 */
export async function fanOut(agent: http.Agent, ports: LeafPorts, leaves: number, request: number, hedgeAfterMs?: number): Promise<RequestOutcome> {
  const started = performance.now();
  const sent: Array<Promise<void>> = [];
  const call = (leaf: number, attempt: number) => {
    const port = ports[leaf % ports.length] as number;
    const answered = get(agent, port, `/leaf/${leaf}?request=${request}&attempt=${attempt}`);
    sent.push(answered);
    return answered;
  };
  const leafMs = await Promise.all(
    Array.from({ length: leaves }, async (_, leaf) => {
      const first = call(leaf, 0);
      if (hedgeAfterMs === undefined) {
        await first;
        return performance.now() - started;
      }
      let timer: NodeJS.Timeout | undefined;
      const hedge = new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => call(leaf, 1).then(resolve, reject), hedgeAfterMs);
      });
      await Promise.race([first, hedge]);
      clearTimeout(timer);
      return performance.now() - started;
    }),
  );
  const ms = performance.now() - started;
  await Promise.allSettled(sent);
  return { ms, callsSent: sent.length, leafMs };
}
