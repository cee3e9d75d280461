/**
 * The seeded crash plan every shape meets: which orders end in a SIGKILL, and where. The experiment
 * hands the plan to each process in CRASH_PLAN; a process that reaches a planned point kills itself.
 */
import { seededSample } from '../lab/measure/seeded-sample.ts';
import type { CrashPoint } from './report.ts';

/** An order id, zero-padded so that ids sort in placing order. */
export const orderIdOf = (index: number) => `order-${String(index).padStart(4, '0')}`;

/**
 * Picks `crashes` of `orders` orders with a seeded shuffle and alternates the crash point between them,
 * so that both shapes meet exactly the same crashes at the same orders.
 *
 * @example
 * ```ts
 * crashPlanFor(10, 2, 7); // { 'order-0003': 'after-payment-write', 'order-0008': 'before-order-paid' }
 * ```
 */
export function crashPlanFor(orders: number, crashes: number, seed: number): Record<string, CrashPoint> {
  const chosen = seededSample(orders, crashes, seed);
  return Object.fromEntries(chosen.map((index, n): [string, CrashPoint] => [orderIdOf(index), n % 2 === 0 ? 'after-payment-write' : 'before-order-paid']));
}

/**
 * The plan this process was started with (CRASH_PLAN), empty when none was given.
 *
 * @example
 * ```ts
 * const plan = crashPlanFromEnv(); // { 'order-0003': 'after-payment-write', ... }
 * ```
 */
export function crashPlanFromEnv(): Readonly<Record<string, CrashPoint>> {
  return JSON.parse(process.env.CRASH_PLAN ?? '{}') as Record<string, CrashPoint>;
}

/**
 * A real crash: if the plan puts one of `points` at this order, the process sends itself SIGKILL, which
 * the kernel delivers at once. No handler runs, no transaction is finished or rolled back by the code.
 *
 * @example
 * ```ts
 * crashIfPlanned(plan, orderId, ['after-payment-write']); // returns, or never returns
 * ```
 */
export function crashIfPlanned(plan: Readonly<Record<string, CrashPoint>>, orderId: string, points: readonly CrashPoint[]): void {
  const point = plan[orderId];
  if (point && points.includes(point)) process.kill(process.pid, 'SIGKILL');
}
