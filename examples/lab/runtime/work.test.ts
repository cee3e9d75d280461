import { describe, expect, it } from 'vitest';
import { normaliseSystem } from '../model/system.ts';
import { drawWork, InFlightWaits, WorkAbandonedError } from './work.ts';

const system = normaliseSystem({
  name: 'pair',
  entry: 'a',
  operations: { a: { work: { cpuUs: { median: 300, p99: 3000 }, waitUs: 2000 }, calls: [{ sync: 'b' }] }, b: { work: { cpuUs: 50 } } },
});

describe('drawWork', () => {
  it('draws the same work for the same seed, operation and request, and other work for another request', () => {
    const operation = system.operations.a as NonNullable<(typeof system.operations)['a']>;
    expect(drawWork(operation, 7, 42)).toEqual(drawWork(operation, 7, 42));
    expect(drawWork(operation, 7, 43).cpuUs).not.toBe(drawWork(operation, 7, 42).cpuUs);
    expect(drawWork(operation, 7, 42).waitUs).toBe(2000);
    expect(drawWork(system.operations.b as typeof operation, 7, 42)).toEqual({ cpuUs: 50, waitUs: 0 });
  });
});

describe('InFlightWaits', () => {
  it('ends every wait at once when abandoned, leaving no timer behind', async () => {
    const inFlight = new InFlightWaits();
    const started = performance.now();
    const waits = [inFlight.sleep(60_000), inFlight.sleep(60_000)].map((wait) => wait.then(() => 'ended', (error: unknown) => error));
    inFlight.abandonAll();
    const outcomes = await Promise.all(waits);
    expect(outcomes.every((outcome) => outcome instanceof WorkAbandonedError)).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect(inFlight.sleep(1)).resolves.toBeUndefined();
  });
});
