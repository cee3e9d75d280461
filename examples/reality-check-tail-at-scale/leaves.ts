import { Hono } from 'hono';
import { seededRandom, seedFor } from '../lab/faults/fault-injection.ts';
import { sampler } from '../lab/model/distribution.ts';
import type { Distribution } from '../lab/model/system.ts';

/**
 * Where a slow leaf call's slowness comes from. `transient`: the server's passing state (a queue, a
 * collection, a daemon), so a second request to another replica draws its own time — Dean and
 * Barroso's premise. `persistent`: the query itself (a hot shard, an expensive key), so every
 * replica takes as long for it and a second request cannot be faster.
 */
export const slownessKinds = ['transient', 'persistent'] as const;
/** One of {@link slownessKinds}. */
export type SlownessKind = (typeof slownessKinds)[number];

/** How long a leaf takes to answer one call: typical, or slow with some probability. */
export interface LeafLatency {
  /** A typical call's time, in ms. */
  readonly typicalMs: Distribution;
  /** The probability that a call is slow. */
  readonly slowShare: number;
  /** A slow call's time, in ms. */
  readonly slowMs: number;
  readonly slowness: SlownessKind;
  readonly seed: number;
}

/**
 * The time one leaf call waits, drawn from a seed made of the request, the leaf and — for transient
 * slowness only — the attempt, so that a hedge to another replica draws again only where the
 * slowness belongs to the server, not to the query.
 *
 * @example
 * ```ts
 * leafWaitMs({ typicalMs: 10, slowShare: 0.01, slowMs: 1000, slowness: 'transient', seed: 1 }, 7, 42, 0); // 10, or 1000 once in a hundred
 * ```
 */
export function leafWaitMs(latency: LeafLatency, request: number, leaf: number, attempt: number): number {
  const key = latency.slowness === 'transient' ? `${request}|${leaf}|${attempt}` : `${request}|${leaf}`;
  const random = seededRandom(seedFor(latency.seed, key));
  const slow = random() < latency.slowShare;
  const typical = sampler(latency.typicalMs, random)();
  return slow ? latency.slowMs : typical;
}

/**
 * A leaf server: `GET /leaf/<leaf>?request=<id>&attempt=<n>` waits the leaf's time for that call
 * (a timer: a leaf waits on its index shard, it does not burn the CPU the root needs) and answers
 * with the leaf's number.
 *
 * @example
 * ```ts
 * const app = leafApp(latency);
 * await app.request('/leaf/3?request=1&attempt=0'); // answers '3' after 10 ms, or after 1 s
 * ```
 */
export function leafApp(latency: LeafLatency): Hono {
  const app = new Hono();
  app.get('/leaf/:leaf', async (c) => {
    const leaf = Number(c.req.param('leaf'));
    const request = Number(c.req.query('request'));
    const attempt = Number(c.req.query('attempt') ?? '0');
    if (!Number.isInteger(leaf) || !Number.isInteger(request) || !Number.isInteger(attempt)) return c.text('leaf, request and attempt must be integers', 400);
    await new Promise((resolve) => setTimeout(resolve, leafWaitMs(latency, request, leaf, attempt)));
    return c.text(String(leaf));
  });
  return app;
}
