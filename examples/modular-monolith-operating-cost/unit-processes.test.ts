import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { findLeftovers } from '../lab/processes/leftovers.ts';
import { stopChild } from '../lab/network/process-transport.ts';
import { findUnitProcesses, parseEnviron, parseSmapsRollup, parseStat, readCpuMs, readMemory } from './unit-processes.ts';

describe('parsing /proc', () => {
  it('reads ppid, state and utime + stime even when the command name holds spaces and parentheses', () => {
    const fields = ['S', '7', '42', '7', '0', '-1', '0', '0', '0', '0', '0', '150', '30', '0', '0', '20', '0', '11', '0'];
    expect(parseStat(`42 (my (odd) name) ${fields.join(' ')}`)).toEqual({ ppid: 7, state: 'S', cpuTicks: 180 });
    expect(() => parseStat('not a stat line')).toThrow(/not a \/proc/);
  });

  it('reads the environment of a process, values with = signs included', () => {
    const environ = parseEnviron('LAB_UNIT=cart\0LAB_SHAPE={"name":"microservices"}\0EQ=a=b\0\0');
    expect(environ.get('LAB_UNIT')).toBe('cart');
    expect(JSON.parse(environ.get('LAB_SHAPE') ?? '')).toEqual({ name: 'microservices' });
    expect(environ.get('EQ')).toBe('a=b');
    expect(environ.size).toBe(3);
  });

  it('reads RSS, PSS and USS (private clean + private dirty) from smaps_rollup, and refuses a file without them', () => {
    const rollup = '55cf0d9d5000-7ffd1d3dd000 ---p 00000000 00:00 0    [rollup]\nRss:    1684 kB\nPss:     262 kB\nPss_Dirty:   108 kB\nShared_Clean:   1536 kB\nPrivate_Clean:    40 kB\nPrivate_Dirty:   108 kB\n';
    expect(parseSmapsRollup(rollup)).toEqual({ rssKiB: 1684, pssKiB: 262, ussKiB: 148 });
    expect(() => parseSmapsRollup('Rss: 1 kB\n')).toThrow(/no Pss/);
  });
});

describe('reading live processes', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
  });

  it('memory of this process: RSS ≥ PSS ≥ USS > 0', () => {
    const memory = readMemory(process.pid);
    expect(memory.ussKiB).toBeGreaterThan(0);
    expect(memory.pssKiB).toBeGreaterThanOrEqual(memory.ussKiB);
    expect(memory.rssKiB).toBeGreaterThanOrEqual(memory.pssKiB);
  });

  it('CPU time from /proc follows what getrusage reports for a busy loop', () => {
    const before = readCpuMs(process.pid);
    const usageBefore = process.cpuUsage();
    let spins = 0;
    // Bounded twice: by the CPU it has used and by a count, so it ends even if the clock misbehaves.
    while (spins < 1e10) {
      spins += 1;
      if (spins % 100_000 === 0) {
        const used = process.cpuUsage(usageBefore);
        if ((used.user + used.system) / 1000 >= 150) break;
      }
    }
    // One clock tick (10 ms) of rounding at each end.
    expect(readCpuMs(process.pid) - before).toBeGreaterThanOrEqual(120);
  });

  it('finds only the children whose environment names the shape, with their unit', async () => {
    const start = (env: Record<string, string>) => {
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], { stdio: 'ignore', env: { PATH: process.env.PATH ?? '', ...env } });
      children.push(child);
      return once(child, 'spawn').then(() => child);
    };
    const unit = await start({ LAB_UNIT: 'billing', LAB_SHAPE: JSON.stringify({ name: 'test-shape', units: [] }) });
    await start({ LAB_UNIT: 'cart', LAB_SHAPE: JSON.stringify({ name: 'another-shape' }) });
    await start({});
    expect(findUnitProcesses('test-shape')).toEqual([{ pid: unit.pid, shape: 'test-shape', unit: 'billing' }]);
    expect(findUnitProcesses('test-shape', 1)).toEqual([]);
    await Promise.all(children.map((child) => stopChild(child)));
    expect(findUnitProcesses('test-shape')).toEqual([]);
  });
});
