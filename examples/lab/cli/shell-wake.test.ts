import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { lookAtShell, shellWasInterrupted, voluntarySleeps } from './shell-wake.ts';

describe('shellWasInterrupted', () => {
  it('is true when the shell woke between two looks on time', () => {
    expect(shellWasInterrupted({ at: 0, sleeps: 2 }, { at: 260, sleeps: 3 }, 250)).toBe(true);
  });

  it('is false when the shell slept on', () => {
    expect(shellWasInterrupted({ at: 0, sleeps: 2 }, { at: 250, sleeps: 2 }, 250)).toBe(false);
  });

  it('concludes nothing from a look that came late: the run may have been stopped and resumed', () => {
    expect(shellWasInterrupted({ at: 0, sleeps: 2 }, { at: 1001, sleeps: 5 }, 250)).toBe(false);
    expect(shellWasInterrupted({ at: 0, sleeps: 2 }, { at: 1000, sleeps: 5 }, 250)).toBe(true);
  });

  it('concludes nothing without counts (elsewhere than Linux, or the shell has gone)', () => {
    expect(shellWasInterrupted({ at: 0, sleeps: null }, { at: 250, sleeps: 3 }, 250)).toBe(false);
    expect(shellWasInterrupted({ at: 0, sleeps: 2 }, { at: 250, sleeps: null }, 250)).toBe(false);
  });
});

describe('voluntarySleeps', () => {
  it('is null elsewhere than Linux, and for a process that has gone', () => {
    expect(voluntarySleeps(process.pid, 'darwin')).toBeNull();
    expect(voluntarySleeps(2 ** 22 + 1, 'linux')).toBeNull();
  });
});

describe.skipIf(process.platform !== 'linux')('a real `sh -c` waiting for its command, as npm runs a script', () => {
  let shell: ChildProcess | undefined;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  afterEach(async () => {
    if (shell && shell.exitCode === null && shell.signalCode === null) {
      const exited = new Promise((resolve) => shell?.once('exit', resolve));
      // The shell and its `sleep` share this process group of their own: kill both.
      process.kill(-(shell.pid as number), 'SIGKILL');
      await exited;
    }
  });

  it('sleeps on while nothing is sent to it, or a signal it ignores; wakes for SIGINT, which it does not pass on', async () => {
    // Two commands, so that no shell `exec`s the last one and leaves itself out of the chain.
    shell = spawn('sleep 20; exit 0', { shell: '/bin/sh', stdio: 'ignore', detached: true });
    const pid = shell.pid as number;
    await sleep(300);
    const first = lookAtShell(pid);
    expect(first.sleeps).not.toBeNull();
    await sleep(250);
    const quiet = lookAtShell(pid);
    expect(shellWasInterrupted(first, quiet, 250)).toBe(false);
    process.kill(pid, 'SIGWINCH');
    await sleep(250);
    const afterIgnored = lookAtShell(pid);
    expect(shellWasInterrupted(quiet, afterIgnored, 250)).toBe(false);
    process.kill(pid, 'SIGINT');
    await sleep(250);
    const afterInterrupt = lookAtShell(pid);
    expect(shellWasInterrupted(afterIgnored, afterInterrupt, 250)).toBe(true);
    // It did not act on the SIGINT: it is still waiting for its command, which is what the watch is for.
    expect(shell.exitCode).toBeNull();
    expect(shell.signalCode).toBeNull();
  });
});
