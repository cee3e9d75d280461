import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/**
 * Ends a request as a crashed unit would: the connection is destroyed and no answer is written. The
 * caller sees its socket close before any reply.
 *
 * @example
 * ```ts
 * createSystemUnitApp(system, cut, unit, callOperation, { spinPerUs, dropAnswer: dropConnection });
 * ```
 */
export function dropConnection(c: Context): Response {
  (c.env as HttpBindings).incoming.socket.destroy();
  return new Response(null, { status: 500 });
}
