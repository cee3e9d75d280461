import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, openSync, closeSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLeftovers } from './leftovers.ts';
import { childProcesses, openFileTargets, parseSmapsRollup, parseStat, processArgv, processStartTicks, procStatFields, readCpuMs, readCpuUs, readMemory } from './proc.ts';
import { stopChild } from './stop-child.ts';

describe('parsing /proc', () => {
  it('counts stat fields from after the last parenthesis, whatever the command name holds', () => {
    expect(procStatFields('42 (my (odd) name) S 7 42 7 0')).toEqual(['S', '7', '42', '7', '0']);
  });

  it('reads ppid, state and utime + stime even when the command name holds spaces and parentheses', () => {
    const fields = ['S', '7', '42', '7', '0', '-1', '0', '0', '0', '0', '0', '150', '30', '0', '0', '20', '0', '11', '0'];
    expect(parseStat(`42 (my (odd) name) ${fields.join(' ')}`)).toEqual({ ppid: 7, state: 'S', cpuTicks: 180 });
    expect(() => parseStat('not a stat line')).toThrow(/not a \/proc/);
  });

  it('reads RSS, PSS and USS (private clean + private dirty) from smaps_rollup, and refuses a file without them', () => {
    const rollup = '55cf0d9d5000-7ffd1d3dd000 ---p 00000000 00:00 0    [rollup]\nRss:    1684 kB\nPss:     262 kB\nPss_Dirty:   108 kB\nShared_Clean:   1536 kB\nPrivate_Clean:    40 kB\nPrivate_Dirty:   108 kB\n';
    expect(parseSmapsRollup(rollup)).toEqual({ rssKiB: 1684, pssKiB: 262, ussKiB: 148 });
    expect(() => parseSmapsRollup('Rss: 1 kB\n')).toThrow(/no Pss/);
  });
});

describe('reading live processes', () => {
  const children: ChildProcess[] = [];
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'proc-test-')));
  afterAll(async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    rmSync(dir, { recursive: true, force: true });
    expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
  });

  it('this process: running or sleeping, with its parent as the parent PID', () => {
    const fields = procStatFields(readFileSync('/proc/self/stat', 'utf8'));
    expect(['R', 'S']).toContain(fields[0]);
    expect(Number(fields[1])).toBe(process.ppid);
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

  it('CPU time from the threads’ schedstat follows what getrusage reports, to well under a clock tick', () => {
    const before = readCpuUs(process.pid);
    const usageBefore = process.cpuUsage();
    let spins = 0;
    while (spins < 1e10) {
      spins += 1;
      if (spins % 10_000 === 0) {
        const used = process.cpuUsage(usageBefore);
        if (used.user + used.system >= 30_000) break;
      }
    }
    const used = process.cpuUsage(usageBefore);
    const counted = readCpuUs(process.pid) - before;
    // 30 ms of spinning: both clocks agree within 3 ms (getrusage itself ticks in µs), far finer than /proc/<pid>/stat's 10 ms.
    expect(Math.abs(counted - (used.user + used.system))).toBeLessThan(3_000);
    expect(() => readCpuUs(2 ** 22 + 1)).toThrow(/is gone/);
  });

  it('start time and command line of a live process, and null for one that does not exist', () => {
    expect(processStartTicks(process.pid)).toBeGreaterThan(0);
    expect(processArgv(process.pid)?.length).toBeGreaterThan(0);
    // Above the kernel's largest pid_max (2^22): no process can have it.
    expect(processStartTicks(2 ** 22 + 1)).toBeNull();
    expect(processArgv(2 ** 22 + 1)).toBeNull();
    expect(() => readMemory(2 ** 22 + 1)).toThrow(/cannot read/);
  });

  it('finds a child with its command line, and the files it holds open', async () => {
    const file = path.join(dir, 'held.txt');
    closeSync(openSync(file, 'w'));
    const child = spawn(process.execPath, ['-e', `require('node:fs').openSync(${JSON.stringify(file)}, 'r'); process.send('open'); setTimeout(() => {}, 30_000)`], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    children.push(child);
    await once(child, 'message');
    const found = childProcesses(process.pid).find((candidate) => candidate.pid === child.pid);
    expect(found?.argv).toEqual([process.execPath, '-e', expect.stringContaining('openSync') as unknown]);
    expect(openFileTargets(child.pid as number)).toContain(file);
    await stopChild(child);
    expect(childProcesses(process.pid).map((candidate) => candidate.pid)).not.toContain(child.pid);
    expect(openFileTargets(child.pid as number)).toEqual([]);
  });
});
