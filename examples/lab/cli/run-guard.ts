/**
 * How a command that runs experiments (`npm run example`, `npm run evidence`, `npm run lab`) ends
 * when it is interrupted: it stops every process it started, removes its temporary folders and what
 * it created on the servers, and exits, whichever process of the chain the signal reached.
 *
 * `npm run x` is a chain of processes: npm → `sh -c` → tsx → node (the command). A signal reaches
 * them differently:
 * - Ctrl-C sends SIGINT to all of them, and to the units, which share their process group.
 * - SIGINT or SIGTERM to the node process: handled here.
 * - SIGINT or SIGTERM to tsx: tsx relays it to the node process (tsx/dist/cli.mjs, relaySignals),
 *   and SIGKILLs it if it has not acknowledged the signal within 30 ms, which a process busy
 *   measuring may not manage. Its units then stop by themselves (their parent has gone, see
 *   processes/serve.ts), and a watchdog process (run-watchdog.mjs) removes its temporary folders
 *   and what it created on the servers.
 * - SIGTERM to npm: npm relays it to the shell, which dies of it without passing it on; npm then
 *   exits too. tsx and this process would go on, orphaned, so this process watches the chain it
 *   was started by and treats the end of any of its members as an interrupt.
 * - SIGTERM or SIGHUP to the shell, SIGHUP or SIGKILL to any of them: the same watch.
 * - SIGINT to npm or to the shell: npm relays it to the shell, and a non-interactive dash (Debian's
 *   sh) defers a SIGINT until the command it waits for ends, and passes nothing on. On Linux this
 *   process sees the shell wake while tsx runs on (shell-wake.ts), and takes that for the SIGINT.
 *
 * Only the commands import this file: no experiment does, so it is not part of any evidence's
 * source hash, and the experiments' own code is left as it was measured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { hasCreatedOnServers } from '../infra/used-servers.ts';
import { onTemporaryFolder, removeTemporaryFolders, recordTemporaryFolders } from './temp-folders.ts';
import { argvOf, isAlive, launchChain, launcherOf, readProcessTable, type ProcessEntry } from './process-table.ts';
import { lookAtShell, shellWasInterrupted } from './shell-wake.ts';
import { describeRemoval, removeServerLeftoversNow } from './server-cleanup.ts';
import { stopDescendants } from './stop-tree.ts';

/** How often the chain is looked at: a dead launcher is noticed within this, at the cost of reading a few /proc files. */
const watchIntervalMs = 250;

type Interrupt = 'SIGHUP' | 'SIGINT' | 'SIGTERM' | 'launcher gone' | 'shell interrupted';

/**
 * The exit status for a run stopped by `signal`: 128 + its number, as a shell reports a process
 * killed by it.
 *
 * @example
 * ```ts
 * exitStatusFor('SIGINT'); // 130
 * ```
 */
export const exitStatusFor = (signal: NodeJS.Signals): number => 128 + os.constants.signals[signal];

const watchdogFile = fileURLToPath(new URL('./run-watchdog.mjs', import.meta.url));

let guarded = false;
let watchdog: ChildProcess | undefined;

/** Sends the watchdog a message, if it is still there to read it. */
function tellWatchdog(message: object): void {
  try {
    if (watchdog?.connected) watchdog.send(message);
  } catch {
    // The watchdog has gone: the run goes on without it.
  }
}

/**
 * Starts the run's watchdog: a plain node process, waiting on its IPC channel, that removes the run's
 * temporary folders, and what it created on the servers, if this process is killed before it can
 * (SIGKILL). Neither it nor its channel keeps a finished run alive.
 */
function startWatchdog(): void {
  try {
    watchdog = spawn(process.execPath, [watchdogFile, String(process.pid)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  } catch (error) {
    process.stderr.write(`warning: no watchdog for this run, so a SIGKILL would leave its temporary folders: ${(error as Error).message}\n`);
    return;
  }
  watchdog.on('error', () => undefined);
  watchdog.unref();
  watchdog.channel?.unref();
  onTemporaryFolder((folder) => tellWatchdog({ folder }));
  // Databases and streams are noted where they are made (infra/used-servers.ts), not announced: look.
  const servers = setInterval(() => {
    if (!hasCreatedOnServers()) return;
    tellWatchdog({ servers: true });
    clearInterval(servers);
  }, watchIntervalMs);
  servers.unref();
  // Any exit that runs JavaScript (the end of the run, an error, an interrupt handled here) has cleaned up.
  process.on('exit', () => tellWatchdog({ clean: true }));
}

/**
 * Stops the run now, synchronously, and exits: every descendant process is stopped (SIGTERM, SIGKILL
 * after 2.5 s), the temporary folders the run made are removed, so are the databases, roles and
 * streams it made on the servers (server-cleanup.ts), and the process exits with 128 + the
 * signal's number (129, as for a hang-up, when the launcher went away). Synchronous so that no code of
 * the experiment runs after the interrupt: it cannot start a unit, or write evidence.
 */
function stopRun(why: Interrupt): never {
  const started = Date.now();
  const { stopped, left } = stopDescendants(process.pid, { spare: watchdog?.pid === undefined ? [] : [watchdog.pid] });
  const removed = removeTemporaryFolders();
  const stoppedInMs = Date.now() - started;
  // After the units, whose sessions the drops would otherwise have to end.
  const servers = hasCreatedOnServers() ? `; ${describeRemoval(removeServerLeftoversNow(process.pid), process.pid)} (${Date.now() - started - stoppedInMs} ms)` : '';
  const what = why === 'launcher gone' ? 'the command that started this run has ended' : why === 'shell interrupted' ? 'SIGINT to npm or to its shell' : why;
  process.stderr.write(
    `\n${what}: stopped ${stopped.length} process${stopped.length === 1 ? '' : 'es'}${left.length ? ` (${left.map((entry) => entry.pid).join(', ')} would not stop)` : ''}` +
      `, removed ${removed.length} temporary folder${removed.length === 1 ? '' : 's'} in ${stoppedInMs} ms${servers}\n`,
  );
  process.exit(exitStatusFor(why === 'launcher gone' ? 'SIGHUP' : why === 'shell interrupted' ? 'SIGINT' : why));
}

/**
 * Polls the launchers: one that has exited (or whose PID now names another process) ends the run, as
 * `end('launcher gone')`; a shell among them that woke while it waited for tsx was sent SIGINT
 * (shell-wake.ts), which ends the run as `end('shell interrupted')`.
 */
function watchLaunchers(chain: readonly ProcessEntry[], end: (why: 'launcher gone' | 'shell interrupted') => void): void {
  if (chain.length === 0) return;
  const shells = chain.filter((launcher) => launcherOf(argvOf(launcher.pid)) === 'shell').map((shell) => ({ pid: shell.pid, look: lookAtShell(shell.pid) }));
  const timer = setInterval(() => {
    if (!chain.every((launcher) => isAlive(launcher))) {
      clearInterval(timer);
      end('launcher gone');
      return;
    }
    let interrupted = false;
    for (const shell of shells) {
      const look = lookAtShell(shell.pid);
      if (shellWasInterrupted(shell.look, look, watchIntervalMs)) interrupted = true;
      shell.look = look;
    }
    if (!interrupted) return;
    clearInterval(timer);
    end('shell interrupted');
  }, watchIntervalMs);
  // The watch must not keep a finished run alive.
  timer.unref();
}

/**
 * Makes an interrupt stop the whole run: on SIGINT, SIGTERM or SIGHUP, when npm, its shell or tsx
 * above this process ends, or when npm's shell is sent SIGINT (Linux), every process the run started
 * is stopped, every temporary folder it made (with `mkdtemp`) is removed, so is every database, role
 * and stream it created on the servers, and the process exits with 128 + the signal's number. If
 * this process is killed outright (SIGKILL), its watchdog removes the folders and what is on the
 * servers. Call it first thing in a command that runs experiments; a second call does nothing.
 *
 * A command that stops what it started on SIGINT and SIGTERM itself, and must (`npm run lab -- run`
 * closes its deployments, all they hold included), passes
 * `{ handleSignals: false }`: the guard then leaves the signals to it, and when a launcher ends it
 * sends this process a SIGTERM (a SIGINT when npm's shell was sent one), so that the command's own
 * handler runs.
 *
 * @example
 * ```ts
 * import { guardRun } from './run-guard.ts';
 *
 * guardRun();
 * const result = await experiment.run(params); // Ctrl-C now stops every unit it started
 * ```
 */
export function guardRun({ handleSignals = true }: { readonly handleSignals?: boolean } = {}): void {
  if (guarded) return;
  guarded = true;
  recordTemporaryFolders();
  startWatchdog();
  if (handleSignals) for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopRun(signal));
  // A launcher that cannot be read (ps missing) leaves the run without the watch, not without a run.
  let chain: ProcessEntry[] = [];
  try {
    chain = launchChain(process.pid, readProcessTable());
  } catch (error) {
    process.stderr.write(`warning: cannot read the processes that started this run, so it will not stop by itself if they end: ${(error as Error).message}\n`);
  }
  watchLaunchers(chain, handleSignals ? stopRun : (why) => process.kill(process.pid, why === 'shell interrupted' ? 'SIGINT' : 'SIGTERM'));
}
