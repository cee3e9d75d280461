import { describe, expect, it } from 'vitest';
import { idlePrefetch } from './idle-prefetch.ts';

function harness() {
  const prefetched: string[] = [];
  const idle: Array<() => void> = [];
  const prefetch = idlePrefetch((path) => (prefetched.push(path), false), (work) => idle.push(work));
  const runIdlePeriod = () => idle.shift()?.();
  return { prefetch, prefetched, idle, runIdlePeriod };
}

describe('idlePrefetch', () => {
  it('prefetches nothing until the browser is idle, then one path per idle period, in the order seen', () => {
    const { prefetch, prefetched, idle, runIdlePeriod } = harness();
    for (const path of ['/a', '/b', '/c']) prefetch(path);
    expect(prefetched).toEqual([]);
    expect(idle).toHaveLength(1);
    runIdlePeriod();
    expect(prefetched).toEqual(['/a']);
    runIdlePeriod();
    runIdlePeriod();
    expect(prefetched).toEqual(['/a', '/b', '/c']);
    // Nothing left: no idle callback is requested.
    expect(idle).toHaveLength(0);
  });

  it('starts again when a path is seen after the queue ran dry', () => {
    const { prefetch, prefetched, idle, runIdlePeriod } = harness();
    prefetch('/a');
    runIdlePeriod();
    prefetch('/b');
    expect(idle).toHaveLength(1);
    runIdlePeriod();
    expect(prefetched).toEqual(['/a', '/b']);
  });

  it('prefetches a path once however often its links are seen', () => {
    const { prefetch, prefetched, runIdlePeriod } = harness();
    prefetch('/a');
    prefetch('/a');
    runIdlePeriod();
    prefetch('/a');
    runIdlePeriod();
    expect(prefetched).toEqual(['/a']);
  });
});
