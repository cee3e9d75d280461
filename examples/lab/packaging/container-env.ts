import { z } from 'zod';
import { shapes, type Shape } from '../model/shapes.ts';

/**
 * The environment a containerised unit reads, and nothing else: what a container platform passes to
 * an image (twelve-factor config). Names are upper case like any container's environment.
 */
export const containerEnvSchema = z.object({
  /** The port to listen on; 0 asks the system for one (the unit logs the port it got). */
  PORT: z.coerce.number().int().min(0).max(65_535),
  /** Which shape and unit this process serves: one image, configured per unit. */
  LAB_SHAPE: z.enum(['monolith', 'microservices', 'nanoservices']),
  LAB_UNIT: z.string().min(1),
  /** Ports of the units it calls, as JSON: `{"billing": 41234}` (a service address, e.g. a balancer). */
  LAB_PEER_PORTS: z.string().default('{}'),
  /** The version it reports in its logs and the `x-app-version` header. */
  APP_VERSION: z.string().min(1).default('v1'),
  /** Work each business request does before it runs (ms), so that requests are in flight long enough to be caught by a signal. */
  LAB_WORK_MS: z.coerce.number().int().min(0).max(5_000).default(0),
  /** Time after listening before the unit is ready (a warm-up: caches, connections); business routes answer 503 until then. */
  LAB_WARMUP_MS: z.coerce.number().int().min(0).max(30_000).default(0),
  /** After SIGTERM: how long it keeps listening (not ready) so that a balancer can take it out first. */
  LAB_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(30_000).default(100),
  /** After SIGTERM: the longest it waits for in-flight requests before it gives up and exits 1. */
  LAB_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(5_000),
  /** `1`: drain on SIGTERM. `0`: no handler, so SIGTERM kills the process at once (the control). */
  LAB_GRACEFUL: z.enum(['0', '1']).default('1'),
});

/** A unit's parsed container environment. */
export type ContainerEnv = z.output<typeof containerEnvSchema>;
/** What a caller passes to start a containerised unit (strings or numbers, defaults filled in). */
export type ContainerEnvInput = z.input<typeof containerEnvSchema>;

/**
 * Reads and checks a unit's environment; throws naming every bad variable.
 *
 * @example
 * ```ts
 * const env = parseContainerEnv({ PORT: '0', LAB_SHAPE: 'monolith', LAB_UNIT: 'checkout' });
 * env.LAB_DRAIN_DELAY_MS; // 100
 * ```
 */
export function parseContainerEnv(raw: Readonly<Record<string, string | undefined>>): ContainerEnv {
  const parsed = containerEnvSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`bad container environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * The shape a unit's environment names, checked to hold the unit.
 *
 * @example
 * ```ts
 * shapeOfEnv(parseContainerEnv({ PORT: '0', LAB_SHAPE: 'microservices', LAB_UNIT: 'billing' })).units.length; // 3
 * ```
 */
export function shapeOfEnv(env: ContainerEnv): Shape {
  const shape = shapes[env.LAB_SHAPE];
  if (!shape.units.some((unit) => unit.name === env.LAB_UNIT)) throw new Error(`shape ${shape.name} has no unit named ${env.LAB_UNIT}`);
  return shape;
}

/**
 * The environment as strings, the only form a process environment takes.
 *
 * @example
 * ```ts
 * toProcessEnv({ PORT: 0, LAB_SHAPE: 'monolith', LAB_UNIT: 'checkout' }); // { PORT: '0', LAB_SHAPE: 'monolith', ... }
 * ```
 */
export function toProcessEnv(input: ContainerEnvInput): Record<string, string> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]));
}
