/**
 * Interrupting a run, for real: `npm run example` (units as processes), `npm run evidence` (units,
 * balancers and a temporary folder) and `npm run lab -- run` (a system's cuts deployed), each sent SIGINT or SIGTERM at one process of its chain (npm →
 * sh → tsx → node) once its units listen; and a run that has made a database, roles and a stream on
 * the servers (`micro-no-shared-data`), sent a signal by each way the guard learns of it. Within a few
 * seconds every process of the run must have exited (looked for by PID and by process group), every
 * port it listened on closed, its temporary folders and what it made on the servers gone, and every
 * evidence file as it was.
 *
 * The runs happen in a copy of the project, so that a run that is not stopped cannot rewrite the
 * real evidence, and each gets a temporary folder of its own (TMPDIR), so that what one leaves is
 * told apart from what other runs on the machine make. All cases run at once to keep the file short.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../files/evidence.ts';
import { findServerLeftovers, type ServerLeftovers } from '../infra/server-leftovers.ts';
import { findLeftovers } from '../processes/leftovers.ts';
import { readProcFile } from '../processes/proc.ts';
import { argvOf, descendantsOf, launcherOf, readProcessTable, stillRunning, type ProcessEntry } from './process-table.ts';

type Target = 'npm' | 'sh' | 'tsx' | 'node';
type Signal = 'SIGINT' | 'SIGTERM';
type RunKind = keyof typeof runs;

const runs = {
  // Units as child processes, started one after the other: the first one listening is the moment.
  example: { args: ['run', 'example', '--', 'nano-chaining', '--quick', '--transport', 'process'], makesTemporaryFolder: false },
  // A temporary folder (the bundled unit), then replicas behind balancers; evidence is written at the end.
  evidence: { args: ['run', 'evidence', '--', 'micro-redundancy'], makesTemporaryFolder: true },
  // A database with a role per unit and a stream, made before its units start.
  servers: { args: ['run', 'example', '--', 'micro-no-shared-data', '--quick'], makesTemporaryFolder: true },
  // The system runner, which stops its deployments in its own handlers (lab.ts).
  lab: { args: ['run', 'lab', '--', 'run', '--system', 'examples/systems/shop.json', '--transport', 'process'], makesTemporaryFolder: false },
} as const;

/** How long an interrupted run may take to be gone, signal to last process. */
const stopBoundMs = 10_000;
/** How long a run may take to have a unit listening, on a machine shared with the other cases and another test file. */
const startBoundMs = 90_000;
/** How often a starting run is looked at (a look reads every /proc/<pid>/stat), and a stopping one. */
const startPollMs = 400;
const stopPollMs = 100;
/** Runs at once: starting one is CPU-bound, and a dozen at once on two cores would each take long enough to time out. */
const runsAtOnce = 6;

// Where /bin/sh is bash, it execs a script's one command itself and no shell is left in the chain;
// elsewhere (dash) the shell waits, and a SIGINT to it, or to npm, which relays it there, is seen by
// the run as the shell waking (shell-wake.ts).
const shellWaits = path.basename(realpathSync('/bin/sh')) !== 'bash';

const cases: ReadonlyArray<{ run: RunKind; signal: Signal; target: Target }> = [
  ...(['example', 'evidence', 'lab'] as const).flatMap((run) =>
    (['SIGINT', 'SIGTERM'] as const).flatMap((signal) => (['npm', 'sh', 'tsx', 'node'] as const).filter((target) => target !== 'sh' || shellWaits).map((target) => ({ run, signal, target }))),
  ),
  // The guard's three ways to learn of an interrupt: its own handler, a launcher gone, the shell woken.
  { run: 'servers', signal: 'SIGINT', target: 'node' },
  { run: 'servers', signal: 'SIGTERM', target: 'npm' },
  ...(shellWaits ? [{ run: 'servers', signal: 'SIGINT', target: 'sh' } as const] : []),
];

/** What a case saw. */
interface Outcome {
  readonly output: string;
  readonly listened: readonly number[];
  readonly hadTemporaryFolder: boolean;
  readonly stoppedInMs: number;
  readonly leftProcesses: readonly string[];
  readonly leftInGroup: readonly string[];
  readonly stillListening: readonly number[];
  readonly leftInTemporaryFolder: readonly string[];
  readonly evidenceChanged: readonly string[];
  /** The databases, roles and streams named after the run's node process still on the servers. */
  readonly serverLeftovers: ServerLeftovers;
  readonly hadServerThings: boolean;
}

let copy: string;
let evidenceBefore: Map<string, string>;
const children: ChildProcess[] = [];
const seenProcesses: ProcessEntry[] = [];
const outcomes = new Map<string, Promise<Outcome>>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nameOf = (c: { run: string; signal: string; target: string }) => `${c.run}: ${c.signal} to ${c.target}`;

/** Each evidence file's bytes and modification time, by name (a temporary file left there shows as a new name). */
function evidenceState(): Map<string, string> {
  const folder = path.join(copy, 'evidence');
  return new Map(readdirSync(folder).map((name) => [name, `${createHash('sha256').update(readFileSync(path.join(folder, name))).digest('hex')} ${statSync(path.join(folder, name)).mtimeMs}`]));
}

/** The ports some process of the machine listens on (TCP, IPv4 and IPv6). */
function listeningPorts(): Set<number> {
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (readProcFile(table) ?? '').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A') ports.add(Number.parseInt(fields[1]?.split(':')[1] ?? '0', 16));
    }
  }
  return ports;
}

/** The run's chain below npm, and its units: the node process's descendants other than esbuild's service. */
function chainOf(npm: number, table: readonly ProcessEntry[]) {
  const childOf = (pid: number | undefined) => table.find((entry) => entry.ppid === pid);
  const first = childOf(npm);
  const sh = first && launcherOf(argvOf(first.pid)) === 'shell' ? first : undefined;
  const tsx = sh ? childOf(sh.pid) : first;
  const node = tsx ? childOf(tsx.pid) : undefined;
  const units = node ? descendantsOf(node.pid, table).filter((entry) => !argvOf(entry.pid).some((arg) => arg.includes('esbuild'))) : [];
  return { npm, sh: sh?.pid, tsx: tsx?.pid, node: node?.pid, units };
}

async function interrupt(run: RunKind, signal: Signal, target: Target): Promise<Outcome> {
  const temporaryFolder = mkdtempSync(path.join(copy, 'tmp', `${run}-${signal}-${target}-`));
  // tsx keeps its compile cache in $TMPDIR/tsx-<uid>: shared with the real one, so each run starts warm.
  const tsxCache = `tsx-${process.geteuid?.() ?? 'user'}`;
  mkdirSync(path.join(os.tmpdir(), tsxCache), { recursive: true });
  symlinkSync(path.join(os.tmpdir(), tsxCache), path.join(temporaryFolder, tsxCache));
  const child = spawn('npm', runs[run].args, {
    cwd: copy,
    detached: true, // its own process group, which afterAll can kill whatever happens
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: temporaryFolder, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  children.push(child);
  // 'close': npm has exited and every process that held its output (the command, its units, the
  // watchdog) has closed it, so all they wrote has been read.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const npm = child.pid as number;
  const running = () => child.exitCode === null && child.signalCode === null;

  // Running: a unit listens.
  let listened: number[] = [];
  for (const deadline = Date.now() + startBoundMs; listened.length === 0; await sleep(startPollMs)) {
    if (Date.now() > deadline || !running()) throw new Error(`${nameOf({ run, signal, target })}: no unit listened within ${startBoundMs} ms (npm: ${child.signalCode ?? child.exitCode ?? 'running'}):\n${output}`);
    const table = readProcessTable();
    seenProcesses.push(...descendantsOf(npm, table));
    listened = chainOf(npm, table).units.flatMap((unit) => findLeftovers(unit.pid).listeningPorts);
  }
  const table = readProcessTable();
  const chain = chainOf(npm, table);
  const tree = [...table.filter((entry) => entry.pid === npm), ...descendantsOf(npm, table)];
  seenProcesses.push(...tree);
  const ports = [...new Set(tree.flatMap((entry) => findLeftovers(entry.pid).listeningPorts))];
  const hadTemporaryFolder = readdirSync(temporaryFolder).some((name) => name !== tsxCache);
  const runPid = chain.node;
  const before = runPid === undefined ? undefined : await findServerLeftovers(runPid);
  const hadServerThings = before !== undefined && before.databases.length + before.roles.length + before.streams.length > 0;
  const targetPid = chain[target];
  if (targetPid === undefined) throw new Error(`${nameOf({ run, signal, target })}: no ${target} in the chain ${JSON.stringify(chain)}`);

  process.kill(targetPid, signal);
  const sent = Date.now();
  const gone = () => {
    const table = readProcessTable();
    return {
      leftProcesses: tree.filter((entry) => stillRunning(entry, table)).map((entry) => `${entry.pid} ${argvOf(entry.pid).join(' ')}`),
      leftInGroup: table.filter((entry) => entry.pgid === npm).map((entry) => `${entry.pid} ${argvOf(entry.pid).join(' ')}`),
    };
  };
  let left = gone();
  while ((left.leftProcesses.length || left.leftInGroup.length || running()) && Date.now() - sent < stopBoundMs) {
    await sleep(stopPollMs);
    left = gone();
  }
  const stoppedInMs = Date.now() - sent;
  await Promise.race([closed, sleep(2_000)]);
  const open = listeningPorts();
  const evidenceAfter = evidenceState();
  return {
    output,
    listened,
    hadTemporaryFolder,
    stoppedInMs,
    ...left,
    stillListening: ports.filter((port) => open.has(port)),
    leftInTemporaryFolder: readdirSync(temporaryFolder).filter((name) => name !== tsxCache),
    evidenceChanged: [...new Set([...evidenceBefore.keys(), ...evidenceAfter.keys()])].filter((name) => evidenceBefore.get(name) !== evidenceAfter.get(name)),
    serverLeftovers: runPid === undefined ? { databases: [], roles: [], streams: [] } : await findServerLeftovers(runPid),
    hadServerThings,
  };
}

describe.skipIf(process.platform !== 'linux')('an interrupted run stops everything it started', () => {
  beforeAll(() => {
    copy = mkdtempSync(path.join(os.tmpdir(), 'granularity-interrupt-'));
    for (const entry of ['examples', 'evidence', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(path.join(repoRoot, entry), path.join(copy, entry), { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
    mkdirSync(path.join(copy, 'tmp'));
    evidenceBefore = evidenceState();
    // Started here, a few at a time, and awaited by each test: the cases share the machine, not their time.
    let slots = runsAtOnce;
    const waiting: Array<() => void> = [];
    const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
      if (slots === 0) await new Promise<void>((resolve) => waiting.push(resolve));
      else slots -= 1;
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else slots += 1;
      }
    };
    for (const c of cases) {
      const outcome = inTurn(() => interrupt(c.run, c.signal, c.target));
      outcome.catch(() => undefined); // its test reports the failure; until then it is not unhandled
      outcomes.set(nameOf(c), outcome);
    }
  });

  afterAll(async () => {
    // Whatever failed: kill each run's process group, and any process of a run that left it.
    for (const child of children) {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // The group has already gone.
      }
    }
    const table = readProcessTable();
    for (const entry of seenProcesses.filter((seen) => stillRunning(seen, table))) {
      try {
        process.kill(entry.pid, 'SIGKILL');
      } catch {
        // It ended meanwhile.
      }
    }
    await Promise.all(children.map((child) => (child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)))));
    if (copy) rmSync(copy, { recursive: true, force: true });
  }, 20_000);

  it.each(cases)('$run: $signal to $target stops the run, its units, ports, temporary folders and server objects; evidence stays', async (c) => {
    const outcome = await outcomes.get(nameOf(c));
    if (!outcome) throw new Error(`no outcome for ${nameOf(c)}`);
    expect(outcome.listened.length, 'a unit listened before the signal').toBeGreaterThan(0);
    if (runs[c.run].makesTemporaryFolder) expect(outcome.hadTemporaryFolder, 'the run had made its temporary folder').toBe(true);
    expect({ leftProcesses: outcome.leftProcesses, leftInGroup: outcome.leftInGroup, stillListening: outcome.stillListening }, outcome.output).toEqual({ leftProcesses: [], leftInGroup: [], stillListening: [] });
    expect(outcome.stoppedInMs, outcome.output).toBeLessThan(stopBoundMs);
    expect(outcome.leftInTemporaryFolder, outcome.output).toEqual([]);
    expect(outcome.evidenceChanged, outcome.output).toEqual([]);
    if (c.run === 'servers') expect(outcome.hadServerThings, 'the run had made its database and stream before the signal').toBe(true);
    expect(outcome.serverLeftovers, outcome.output).toEqual({ databases: [], roles: [], streams: [] });
    // The guard stopped the run, or (when tsx SIGKILLed the command for acknowledging its relayed
    // signal too late) the watchdog cleaned up after it: not units ending by chance.
    // (`npm run lab -- run` stops its deployments in its own handler.)
    expect(outcome.output).toMatch(/: stopped \d+ process(es)?( \([^)]*\))?, removed \d+ temporary folders? in \d+ ms|was killed before it could stop: removed \d+ temporary folder|SIG(INT|TERM): stopping \d+ deployments?/);
  }, 2 * (startBoundMs + stopBoundMs));
});
