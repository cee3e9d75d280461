/**
 * Every bad command line of issue 19, through the real commands (`tsx`, as `npm run` starts them):
 * exit 2, a message naming the argument and what to do, no stack trace, nothing run. And output
 * that is safe to pipe: no colour codes on stdout when it is not a terminal or NO_COLOR is set.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = path.join(root, 'node_modules/.bin/tsx');
const stackTrace = /\n\s+at /;

/** The environment of a child, with no colour setting unless one is given: vitest's own would leak in. */
function environment(colour: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...colour };
  if (!('FORCE_COLOR' in colour)) delete env.FORCE_COLOR;
  if (!('NO_COLOR' in colour)) delete env.NO_COLOR;
  return env;
}

/** Runs a command of examples/lab/cli from the repository root, stdout and stderr piped. */
function command(script: string, args: readonly string[], colour?: Readonly<Record<string, string>>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tsx, [`examples/lab/cli/${script}`, ...args], { cwd: root, env: environment(colour), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Expects a refusal: exit 2, the message, no stack trace and nothing on stdout. */
async function expectRefused(run: Promise<{ code: number; stdout: string; stderr: string }>, message: string | RegExp): Promise<void> {
  const { code, stdout, stderr } = await run;
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(stackTrace);
  expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
}

describe('bad command lines, through the real commands', () => {
  it('npm run example refuses Object’s own names, repeats, switch values and --help with --json', async () => {
    const example = (...args: string[]) => command('run-example.ts', ['nano-chaining', ...args]);
    await Promise.all([
      expectRefused(example('--constructor', '1'), 'error: unknown parameter --constructor. Parameters: --transports,'),
      expectRefused(example('--toString', 'x'), 'error: unknown parameter --toString.'),
      expectRefused(example('--__proto__', 'x'), 'error: unknown parameter --__proto__.'),
      expectRefused(example('--json=maybe'), 'error: --json takes no value (or =true, =false), got --json=maybe'),
      expectRefused(example('--transports', 'carrier-pigeon', '--transports', 'memory'), 'error: --transports is given twice (first "carrier-pigeon"): give it once'),
      expectRefused(example('--transport', 'carrier-pigeon', '--transports', 'memory'), '--transports: given twice, as transport and as transports: give it once'),
      expectRefused(example('--help', '--json'), 'error: --help prints the usage as text, not JSON: leave out --json'),
    ]);
  }, 30_000);

  it('reads --json=false as false', async () => {
    const { code, stdout } = await command('run-example.ts', ['nano-chaining', '--help', '--json=false']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^nano-chaining: .*\nparameters:\n {2}--transports/);
  });

  it('takes a choice that holds a comma as one choice, and quotes the choices when it refuses one', async () => {
    const example = (...args: string[]) => command('run-example.ts', ['micro-no-shared-data', ...args]);
    // --orders 1 is refused, so that nothing runs: --variants, read whole, is not.
    const accepted = await example('--variants', 'outbox, consumer not idempotent', '--orders', '1');
    expect(accepted.stderr).toMatch(/error: bad parameter:\n {2}--orders: Too small/);
    expect(accepted.stderr).not.toMatch(/--variants/);
    await expectRefused(
      example('--variants', 'transactional outbox,outbox, consumer not idempotnt'),
      /--variants\[1\]: "outbox" is not one of "write then publish", "transactional outbox", "outbox, consumer not idempotent"\n {2}--variants\[2\]: "consumer not idempotnt" is not one of/,
    );
  }, 30_000);

  it('npm run evidence takes only experiment ids, and says how to try parameters', async () => {
    await expectRefused(
      command('write-evidence.ts', ['nano-single-endpoint', '--transports', 'x']),
      'error: npm run evidence runs each experiment at its default parameters; it takes only experiment ids. To try parameters, use npm run example -- nano-single-endpoint --transports x',
    );
  });

  it('npm run lab refuses Object’s own names and repeated flags', async () => {
    const lab = (...args: string[]) => command('lab.ts', args);
    await Promise.all([
      expectRefused(lab('constructor'), 'error: unknown command "constructor"'),
      expectRefused(lab('run', '--system', 'examples/systems/shop.json', '--transport', 'udp', '--transport', 'memory'), 'error: --transport is given twice (first "udp"): give it once'),
      expectRefused(lab('run', '--system', 'examples/systems/shop.json', '--faults', 'constructor'), 'error: --faults is cloud, stress, none, got "constructor"'),
      expectRefused(lab('fan-out', '--toString'), 'error: unknown option --toString. Options: --transport,'),
    ]);
  }, 30_000);
});

describe('output safe to pipe', () => {
  const tinyRun = ['nano-chaining', '--transport', 'memory', '--chainLengths', '1', '--warmup', '0', '--iterations', '10', '--throughputRequests', '10'];

  it('prints tables without colour codes to a pipe and under NO_COLOR, with them under FORCE_COLOR, and only JSON with --json', async () => {
    const [piped, noColour, forced, json] = await Promise.all([
      command('run-example.ts', tinyRun),
      command('run-example.ts', tinyRun, { NO_COLOR: '1' }),
      command('run-example.ts', tinyRun, { FORCE_COLOR: '1' }),
      command('run-example.ts', [...tinyRun, '--json']),
    ]);
    for (const run of [piped, noColour, forced, json]) expect(run.code, run.stderr).toBe(0);
    expect(piped.stdout).toMatch(/verdict these figures support/);
    expect(piped.stdout).not.toContain('\x1b[');
    expect(noColour.stdout).not.toContain('\x1b[');
    expect(forced.stdout).toContain('\x1b[');
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
  }, 60_000);
});
