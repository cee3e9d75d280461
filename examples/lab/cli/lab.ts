/**
 * `npm run lab -- <command>`: the lab's systems from the command line. `systems` lists the
 * reference systems, `check <file>` checks a system file and describes it. Exit 2 with a message on
 * an unknown command or a file the lab cannot use.
 */
import { labCommand } from './lab-command.ts';

const outcome = labCommand(process.argv.slice(2));
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.code;
