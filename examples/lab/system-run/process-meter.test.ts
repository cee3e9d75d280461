import { describe, expect, it } from 'vitest';
import { readCpuMs } from '../processes/proc.ts';
import type { RunningSystem } from '../runtime/running-system.ts';
import { processMeter } from './process-meter.ts';

/** Above Linux's largest pid_max (2^22): no process can have it. */
const pidOfNoProcess = 2 ** 22 + 7;

/** A deployment whose units run in the given processes (undefined: in this one), which is all the meter reads. */
const deployedIn = (pids: ReadonlyArray<number | undefined>) => ({ units: pids.map((pid, index) => ({ name: `unit-${index}`, operations: [], pid })) }) as unknown as RunningSystem;

describe('processMeter (the command line’s reading of CPU time and memory)', () => {
  it('adds each unit process’s CPU time to this process’s own', () => {
    const own = process.cpuUsage();
    const unitUs = readCpuMs(process.pid) * 1000;
    expect(unitUs).toBeGreaterThan(0);
    // Both readings only grow, so the meter read later is at least their sum read earlier; without the unit's share it would be short by unitUs.
    expect(processMeter.cpuUs(deployedIn([process.pid]))).toBeGreaterThanOrEqual(own.user + own.system + unitUs);
  });

  it('reads no memory for units that share this process: it is not separable by cut', () => {
    expect(processMeter.memoryMiB(deployedIn([undefined, undefined]))).toBeNull();
    expect(processMeter.cpuUs(deployedIn([undefined]))).toBeGreaterThan(0);
  });

  it('reads the resident memory of unit processes, in whole MiB', () => {
    const mib = processMeter.memoryMiB(deployedIn([process.pid, undefined]));
    expect(Number.isInteger(mib)).toBe(true);
    expect(mib).toBeGreaterThan(0);
  });

  it('says it cannot tell, rather than guessing, when a unit process has gone', () => {
    expect(processMeter.cpuUs(deployedIn([pidOfNoProcess]))).toBeNull();
    expect(processMeter.memoryMiB(deployedIn([pidOfNoProcess]))).toBeNull();
  });
});
