import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Shape } from '../lab/model/shapes.ts';

/** Who may call a unit: the unit before it in the chain, or the client for the entry unit. */
export const clientName = 'client';

/**
 * How far one unit's policy reaches. `unit`: the allowed caller may call every route of the unit.
 * `route`: only the unit's entry route (its first function) answers over the network; the other
 * routes are reached only in process, so no credential opens them.
 */
export const authPolicies = ['unit', 'route'] as const;
/** One of {@link authPolicies}. */
export type AuthPolicy = (typeof authPolicies)[number];

/** A bearer token one party holds to call one unit. */
export interface IssuedCredential {
  /** The party that holds it: `client` or a unit name. */
  readonly holder: string;
  /** The unit it is for. */
  readonly audience: string;
  readonly token: string;
}

/** Every secret of one deployed shape: a signing key per unit and a token per caller. */
export interface ShapeSecrets {
  readonly keys: ReadonlyMap<string, Buffer>;
  readonly credentials: readonly IssuedCredential[];
  /** The caller each unit accepts. */
  readonly allowedCaller: ReadonlyMap<string, string>;
}

const sign = (key: Buffer, holder: string, audience: string) => createHmac('sha256', key).update(`${holder}|${audience}`).digest('base64url');

/**
 * Issues the secrets of a shape: a random 256-bit HMAC key per unit, and for each unit one token,
 * signed with that unit's key, held by the only party allowed to call it.
 *
 * @example
 * ```ts
 * const secrets = issueShapeSecrets(nanoservices);
 * secrets.keys.size; // 6
 * secrets.credentials[0]; // { holder: 'client', audience: 'validateCart', token: 'client.validateCart.…' }
 * ```
 */
export function issueShapeSecrets(shape: Shape): ShapeSecrets {
  const keys = new Map<string, Buffer>();
  const allowedCaller = new Map<string, string>();
  const credentials: IssuedCredential[] = [];
  shape.units.forEach((unit, index) => {
    const key = randomBytes(32);
    const holder = index === 0 ? clientName : (shape.units[index - 1]?.name ?? clientName);
    keys.set(unit.name, key);
    allowedCaller.set(unit.name, holder);
    credentials.push({ holder, audience: unit.name, token: signedToken(key, holder, unit.name) });
  });
  return { keys, credentials, allowedCaller };
}

/**
 * A token `holder.audience.signature`, signed with the audience's key. Also used by experiments to
 * forge a token with the wrong key.
 *
 * @example
 * ```ts
 * signedToken(randomBytes(32), 'client', 'validateCart'); // 'client.validateCart.Xy…'
 * ```
 */
export function signedToken(key: Buffer, holder: string, audience: string): string {
  return `${holder}.${audience}.${sign(key, holder, audience)}`;
}

/** Counts what a unit's guard decided, so an experiment can prove every check ran. */
export interface GuardCounters {
  verified: number;
  refused: number;
}

/**
 * The Hono middleware that enforces one unit's own policy: a missing token is 401; a token that is
 * not signed with this unit's key, names another audience or another caller than the allowed one,
 * or targets a route the policy closes, is 403. The function behind the route never runs then.
 *
 * @example
 * ```ts
 * const guard = unitGuard(nanoservices, 'priceCart', secrets, 'unit', counters);
 * createUnitApp(nanoservices, 'priceCart', call, { middleware: [guard] });
 * ```
 */
export function unitGuard(shape: Shape, unitName: string, secrets: ShapeSecrets, policy: AuthPolicy, counters: GuardCounters): MiddlewareHandler {
  const key = secrets.keys.get(unitName);
  const caller = secrets.allowedCaller.get(unitName);
  const entryRoute = `/${shape.units.find((unit) => unit.name === unitName)?.functions[0] ?? ''}`;
  if (!key || !caller) throw new Error(`no secrets were issued for unit ${unitName}`);
  const refuse = (status: 401 | 403, message: string) => {
    counters.refused += 1;
    return new Response(JSON.stringify({ error: { code: status === 401 ? 'unauthenticated' : 'forbidden', message } }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header?.startsWith('Bearer ')) return refuse(401, `${unitName} needs a bearer token`);
    const [holder = '', audience = '', signature = ''] = header.slice('Bearer '.length).split('.');
    const expected = Buffer.from(sign(key, holder, audience));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse(403, `${unitName} did not sign this token`);
    if (audience !== unitName || holder !== caller) return refuse(403, `${unitName} accepts only ${caller}`);
    if (policy === 'route' && c.req.path !== entryRoute) return refuse(403, `${unitName} answers only ${entryRoute} over the network`);
    counters.verified += 1;
    await next();
  };
}
