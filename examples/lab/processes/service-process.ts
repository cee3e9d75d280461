/**
 * An experiment's own service processes: bundles each service module with esbuild and starts it as a
 * real child process (`node <bundle>`) that reports its port over IPC (see `serveUntilStopped`).
 */
import { build, stop as stopEsbuild } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../files/evidence.ts';
import { stopChild } from './stop-child.ts';

const startTimeoutMs = 15_000;

/** A service module and the name of the function that runs it. */
export interface ServiceEntry {
  readonly file: string;
  readonly run: string;
}

/**
 * Bundles each service (a module and its run function) into `dir` as one ESM file that plain `node` starts
 * in a fraction of the time a TypeScript loader needs, which matters when a service restarts after
 * every crash.
 *
 * @example
 * ```ts
 * const [ordersBundle] = await bundleServices([{ file: ordersServiceFile, run: 'runOrdersService' }], tmpDir);
 * ```
 */
export async function bundleServices(entries: readonly ServiceEntry[], dir: string): Promise<string[]> {
  const names = entries.map((entry) => path.basename(entry.file, '.ts'));
  const inputs = entries.map((entry, index) => {
    const input = path.join(dir, `${names[index]}.entry.mjs`);
    writeFileSync(input, `import { ${entry.run} } from ${JSON.stringify(entry.file)};\nawait ${entry.run}();\n`);
    return input;
  });
  const outputs = names.map((name) => path.join(dir, `${name}.mjs`));
  await build({
    entryPoints: inputs.map((input, index) => ({ in: input, out: names[index] as string })),
    absWorkingDir: repoRoot,
    // The generated entries live outside the repository; packages resolve from its node_modules.
    nodePaths: [path.join(repoRoot, 'node_modules')],
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // Bundled CommonJS packages call require(); an ESM bundle needs one made for it.
    banner: { js: "import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);" },
    // pg requires its optional native binding (pg-native) only when asked for it: never here.
    external: ['pg-native'],
  }).finally(() => stopEsbuild()); // esbuild's service is a child process: do not leave it running.
  return outputs;
}

/** A service running as its own process. */
export interface RunningService {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** Resolves with the signal (or exit code) once the process has ended, for whatever reason. */
  readonly exited: Promise<string>;
  /** Sends one IPC message and resolves on the first answer that has `replyKey`. */
  request(message: object, replyKey: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the bundle `file` with `env` added to PATH, and resolves once it reports its port over IPC. The caller
 * stops it (`stop()`), also on failure; a process that does not start is stopped here.
 *
 * @example
 * ```ts
 * const orders = await startService(ordersServiceFile, { ORDERS_DB: '/tmp/x/orders.db' });
 * try { orders.port; } finally { await orders.stop(); }
 * ```
 */
export function startService(file: string, env: Readonly<Record<string, string>>): Promise<RunningService> {
  const child = spawn(process.execPath, [file], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  const exited = once(child, 'exit').then(([code, signal]) => String(signal ?? code));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child).then(() => reject(new Error(`${file} did not start: ${why}`)));
    };
    const timer = setTimeout(() => fail(`no port reported within ${startTimeoutMs} ms`), startTimeoutMs);
    child.once('error', (error) => fail(error.message));
    const onExit = (code: number | null, signal: string | null) => fail(`exited with ${signal ?? code}`);
    child.once('exit', onExit);
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      child.off('exit', onExit); // only this listener: `exited` keeps its own
      if (typeof message.port !== 'number' || child.pid === undefined) return fail(`sent ${JSON.stringify(message)} instead of its port`);
      resolve({ child, pid: child.pid, port: message.port, exited, request: (m, key) => request(child, m, key), stop: () => stopChild(child) });
    });
  });
}

function request(child: ChildProcess, message: object, replyKey: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`process ${child.pid} did not answer ${replyKey} within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    const onMessage = (reply: Record<string, unknown>) => {
      if (!(replyKey in reply)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.send(message);
  });
}
