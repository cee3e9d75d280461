import { describe, expect, it } from 'vitest';
import { descendantsOf, launchChain, launcherOf, readProcessTable, type ProcessEntry } from './process-table.ts';

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
