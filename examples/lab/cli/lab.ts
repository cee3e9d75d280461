/**
 * `npm run lab -- <command>`: the lab's systems from the command line. `systems` lists the
 * reference systems, `check <file>` checks a system file and describes it, `run --system <file>`
 * deploys its cuts and compares them, `fan-out` measures what N calls at once cost against one. Exit 2 with a message on an unknown command, a bad flag or a
 * file the lab cannot use; on Ctrl-C (or SIGTERM) every unit the run started is stopped before exit.
 */
import type { RunningSystem } from '../runtime/running-system.ts';
import { fanOutCommand } from './fan-out-command.ts';
import { labCommand } from './lab-command.ts';
import { runCommand, type RunIo } from './run-command.ts';
import { ignoreClosedPipes } from './terminal.ts';
import { exitStatusFor, guardRun } from './run-guard.ts';
import { hasCreatedOnServers } from '../infra/used-servers.ts';
import { describeRemoval, removalOf } from './server-cleanup.ts';

/** The commands that deploy units, and so stop them on an interrupt. A map: `npm run lab -- constructor` is no command. */
const deploying: ReadonlyMap<string, (argv: readonly string[], io: RunIo) => Promise<0 | 2>> = new Map([
  ['run', runCommand],
  ['fan-out', fanOutCommand],
]);

ignoreClosedPipes();
const [command, ...rest] = process.argv.slice(2);
const deployingCommand = command === undefined ? undefined : deploying.get(command);
if (deployingCommand) {
  // lab's own signal handlers close its deployments gracefully; the guard only turns the end of npm,
  // sh or tsx into a SIGTERM to this process (a SIGINT to npm's shell into a SIGINT), and removes the
  // run's temp folders.
  guardRun({ handleSignals: false });
  const deployments = new Set<RunningSystem>();
  let stopping: Promise<never> | undefined;
  const interrupt = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping ${deployments.size} deployment${deployments.size === 1 ? '' : 's'}\n`);
    stopping = Promise.allSettled([...deployments].map((running) => running.close()))
      // A deployment still being made is in no set yet: its stream goes with whatever else the run left.
      .then(async () => {
        if (!hasCreatedOnServers()) return;
        const removal = await removalOf(process.pid);
        const removedNothing = 'removed' in removal && Object.values(removal.removed).every((names) => names.length === 0);
        if (!removedNothing) process.stderr.write(`${describeRemoval(removal, process.pid)}\n`);
      })
      .then(() => process.exit(exitStatusFor(signal)));
  };
  process.once('SIGINT', () => interrupt('SIGINT'));
  process.once('SIGTERM', () => interrupt('SIGTERM'));
  try {
    process.exitCode = await deployingCommand(rest, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), deployments });
  } catch (error) {
    // Stopping the deployments under a run makes its requests fail: that is the interrupt, not an error.
    if (stopping) await stopping;
    throw error;
  }
} else {
  const outcome = labCommand(process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
