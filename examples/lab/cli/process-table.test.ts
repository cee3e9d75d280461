import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { argvOf, descendantsOf, isAlive, launchChain, launcherOf, readProcessTable, type ProcessEntry } from './process-table.ts';

const entry = (pid: number, ppid: number): ProcessEntry => ({ pid, ppid, pgid: 10, startTicks: pid * 100 });

describe('launcherOf', () => {
  it('knows npm by its title or its script, the shell npm runs a script in, and the tsx CLI', () => {
    expect(launcherOf(['npm run evidence'])).toBe('npm');
    expect(launcherOf(['node', '/usr/lib/node_modules/npm/bin/npm-cli.js', 'run', 'example'])).toBe('npm');
    expect(launcherOf(['sh', '-c', 'tsx examples/lab/cli/write-evidence.ts nano-chaining'])).toBe('shell');
    expect(launcherOf(['/bin/sh', '-c', 'tsx examples/lab/cli/run-example.ts'])).toBe('shell');
    expect(launcherOf(['node', '/repo/node_modules/.bin/tsx', 'examples/lab/cli/run-example.ts'])).toBe('tsx');
    expect(launcherOf(['/usr/bin/node', '/usr/lib/node_modules/tsx/dist/cli.mjs', 'x.ts'])).toBe('tsx');
  });

  it('does not take a terminal, a test runner or an interactive shell for a launcher', () => {
    expect(launcherOf(['bash'])).toBeUndefined();
    expect(launcherOf(['-bash'])).toBeUndefined();
    expect(launcherOf(['node', '/repo/node_modules/vitest/dist/workers/forks.js'])).toBeUndefined();
    expect(launcherOf(['node', '--import', 'tsx', 'examples/lab/cli/run-example.ts'])).toBeUndefined();
    expect(launcherOf([])).toBeUndefined();
  });
});

describe('launchChain', () => {
  // terminal bash (2) → npm (3) → sh (4) → tsx (5) → node (6)
  const table = [entry(2, 1), entry(3, 2), entry(4, 3), entry(5, 4), entry(6, 5)];
  const argv: Record<number, string[]> = {
    2: ['bash'],
    3: ['npm run example'],
    4: ['sh', '-c', 'tsx examples/lab/cli/run-example.ts nano-chaining'],
    5: ['node', '/repo/node_modules/.bin/tsx', 'examples/lab/cli/run-example.ts', 'nano-chaining'],
    6: ['/usr/bin/node', '--require', '/repo/node_modules/tsx/dist/preflight.cjs', 'examples/lab/cli/run-example.ts'],
  };

  it('goes up through tsx, the shell and npm, and stops at npm', () => {
    expect(launchChain(6, table, (pid) => argv[pid] ?? []).map((found) => found.pid)).toEqual([5, 4, 3]);
  });

  it('stops at the first process that is not a launcher: a run started by a test or a terminal has none', () => {
    expect(launchChain(6, table, (pid) => (pid === 5 ? ['node', '/repo/node_modules/vitest/dist/workers/forks.js'] : (argv[pid] ?? []))).map((found) => found.pid)).toEqual([]);
  });

  it('does not count a `sh -c` that npm did not start: the script that started it may end and leave the run going', () => {
    const withoutNpm = (pid: number) => (pid === 3 ? ['bash', 'ci-step.sh'] : (argv[pid] ?? []));
    expect(launchChain(6, table, withoutNpm).map((found) => found.pid)).toEqual([5]);
  });
});

describe('descendantsOf', () => {
  it('finds children and grandchildren, not the process itself or its siblings', () => {
    const table = [entry(10, 1), entry(11, 10), entry(12, 11), entry(13, 1), entry(14, 12)];
    expect(descendantsOf(10, table).map((found) => found.pid).sort()).toEqual([11, 12, 14]);
  });

  it('finds this process in the live table, with its parent', () => {
    expect(readProcessTable().find((found) => found.pid === process.pid)?.ppid).toBe(process.ppid);
  });
});

// The path taken elsewhere than Linux (macOS) asks `ps`, with options POSIX gives it, so Linux's ps
// answers them too: the same processes as /proc, as far as both can tell.
const hasPs = spawnSync('ps', ['-p', String(process.pid)]).status === 0;

describe.skipIf(process.platform !== 'linux' || !hasPs)('the `ps` path, checked against /proc', () => {
  it('finds this process with its parent and process group, and no start time', () => {
    const fromPs = readProcessTable('darwin').find((found) => found.pid === process.pid);
    const fromProc = readProcessTable('linux').find((found) => found.pid === process.pid);
    expect(fromPs).toEqual({ pid: process.pid, ppid: process.ppid, pgid: fromProc?.pgid, startTicks: null });
  });

  it('leaves out a zombie, and finds a child and its child, as /proc does', async () => {
    // sh starts `sleep 0` and then becomes `sleep 1`, which never waits for it: a zombie under a live child.
    const child = spawn('sh', ['-c', 'sleep 0 & exec sleep 1'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const zombie = spawnSync('ps', ['-o', 'pid=,stat=', '--ppid', String(child.pid)], { encoding: 'utf8' }).stdout.trim().split(/\s+/);
      expect(zombie[1]).toMatch(/^Z/);
      const below = (platform: string) => descendantsOf(process.pid, readProcessTable(platform)).map((found) => found.pid);
      expect(below('darwin')).toContain(child.pid);
      expect(below('darwin')).not.toContain(Number(zombie[0]));
      expect(below('darwin').sort()).toEqual(below('linux').sort());
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('reads the command line and tells a live process from one that has gone', () => {
    expect(argvOf(process.pid, 'darwin')[0]).toMatch(/node/);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    expect(isAlive({ pid: process.pid, ppid: process.ppid, pgid: 0, startTicks: null }, 'darwin')).toBe(true);
    expect(isAlive({ pid: gone, ppid: process.pid, pgid: 0, startTicks: null }, 'darwin')).toBe(false);
    expect(argvOf(gone, 'darwin')).toEqual([]);
  });
});
