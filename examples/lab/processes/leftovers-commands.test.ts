import { describe, expect, it } from 'vitest';
import { childProcessesFromPs, leftoversFromCommands, listeningPortsFromLsof, lsofArgs, psArgs, type CommandRun, type RunCommand } from './leftovers-commands.ts';
import { findLeftovers } from './leftovers.ts';

// `ps -A -o pid=,ppid=,stat=,command=` on macOS: right-aligned numbers, BSD states (Ss, S+, U, Z),
// a zombie's command in parentheses, command lines with spaces, the ps itself among the children.
const macPs = [
  '    1     0 Ss   /sbin/launchd',
  '  700   650 S+   node /Users/me/lab/node_modules/vitest/dist/workers/forks.js',
  '  812   700 S    /usr/local/bin/node --import file:///Users/me/lab/node_modules/tsx/dist/loader.mjs unit-process-main.ts',
  '  813   700 Z    (node)',
  '  814   700 U    /usr/local/bin/node -e setTimeout(() => {}, 60000)',
  '  900   812 S    sleep 9',
  ' 1700   700 R+   ps -A -o pid=,ppid=,stat=,command=',
  '',
].join('\n');

// The same command with procps on Linux (captured here): no padding once PIDs have five digits,
// Linux states (Sl, R), a zombie shown as <defunct>.
const linuxPs = [
  '    1     0 S<Ll /process_api --firecracker-init',
  '29001 28990 Sl   node lab.js',
  '29008 29001 Sl   /usr/bin/node -e setTimeout(()=>{},5000)',
  '29010 29001 Z    [true] <defunct>',
  '29018 29001 R    ps -A -o pid=,ppid=,stat=,command=',
  '',
].join('\n');

// `lsof -nP -a -p <pid> -iTCP -sTCP:LISTEN -F n` from lsof 4.91 (macOS): an `f` field before each
// name, as lsof 4.88 to 4.93 always print; IPv4 and IPv6, a wildcard address.
const macLsof = 'p700\nf23\nn127.0.0.1:52100\nf24\nn*:3000\nf27\nn[::1]:52101\n';
// The same from lsof 4.95 (Linux, captured here): no `f` fields any more.
const linuxLsof = 'p29001\nn127.0.0.1:44533\nn*:34335\n';

describe('childProcessesFromPs', () => {
  it('finds the live children of a process in macOS ps output, without zombies, grandchildren or the ps itself', () => {
    expect(childProcessesFromPs(macPs, 700, 1700)).toEqual([
      '812 /usr/local/bin/node --import file:///Users/me/lab/node_modules/tsx/dist/loader.mjs unit-process-main.ts',
      '814 /usr/local/bin/node -e setTimeout(() => {}, 60000)',
    ]);
  });

  it('reads procps output on Linux the same way', () => {
    expect(childProcessesFromPs(linuxPs, 29001, 29018)).toEqual(['29008 /usr/bin/node -e setTimeout(()=>{},5000)']);
  });

  it('sees nothing for a process without children', () => {
    expect(childProcessesFromPs(macPs, 900)).toEqual([]);
  });
});

describe('listeningPortsFromLsof', () => {
  it('reads the ports of the n fields, with or without f fields, IPv4 and IPv6', () => {
    expect(listeningPortsFromLsof(macLsof)).toEqual([3000, 52100, 52101]);
    expect(listeningPortsFromLsof(linuxLsof)).toEqual([34335, 44533]);
    expect(listeningPortsFromLsof('')).toEqual([]);
  });
});

describe('leftoversFromCommands', () => {
  const ran = (partial: Partial<CommandRun>): CommandRun => ({ pid: 1700, status: 0, stdout: '', stderr: '', ...partial });
  const fake = (ps: CommandRun, lsof: CommandRun): { run: RunCommand; calls: string[] } => {
    const calls: string[] = [];
    const run: RunCommand = (command, args) => {
      calls.push(`${command} ${args.join(' ')}`);
      return command === 'ps' ? ps : lsof;
    };
    return { run, calls };
  };

  it('runs exactly ps -A -o pid=,ppid=,stat=,command= and lsof -nP -a -p <pid> -iTCP -sTCP:LISTEN -F n', () => {
    const { run, calls } = fake(ran({ stdout: macPs }), ran({ stdout: macLsof }));
    expect(leftoversFromCommands(700, run)).toEqual({
      childProcesses: [
        '812 /usr/local/bin/node --import file:///Users/me/lab/node_modules/tsx/dist/loader.mjs unit-process-main.ts',
        '814 /usr/local/bin/node -e setTimeout(() => {}, 60000)',
      ],
      listeningPorts: [3000, 52100, 52101],
    });
    expect(calls).toEqual(['ps -A -o pid=,ppid=,stat=,command=', 'lsof -nP -a -p 700 -iTCP -sTCP:LISTEN -F n']);
    expect([...psArgs]).toEqual(['-A', '-o', 'pid=,ppid=,stat=,command=']);
    expect(lsofArgs(700)).toEqual(['-nP', '-a', '-p', '700', '-iTCP', '-sTCP:LISTEN', '-F', 'n']);
  });

  it('takes lsof exiting 1 with no output as no listening port', () => {
    const { run } = fake(ran({ stdout: macPs }), ran({ pid: 1701, status: 1 }));
    expect(leftoversFromCommands(900, run)).toEqual({ childProcesses: [], listeningPorts: [] });
  });

  it('fails, saying which command and why, when lsof fails or ps is not installed', () => {
    const lsofFails = fake(ran({ stdout: macPs }), ran({ status: 1, stderr: 'lsof: illegal option character: -' }));
    expect(() => leftoversFromCommands(700, lsofFails.run)).toThrow('the leak check ran lsof, which exited 1: lsof: illegal option character: -');
    const noPs = fake(ran({ pid: undefined, status: null, error: new Error('spawnSync ps ENOENT') }), ran({}));
    expect(() => leftoversFromCommands(700, noPs.run)).toThrow('the leak check runs ps, which could not start: spawnSync ps ENOENT');
  });
});

describe('findLeftovers on a platform it cannot read', () => {
  it('says which platforms it knows instead of answering nothing', () => {
    expect(() => findLeftovers(process.pid, 'win32')).toThrow('the leak check reads /proc on Linux and asks ps and lsof on macOS; it cannot look on win32');
  });
});
