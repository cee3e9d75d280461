/**
 * `node --import tsx examples/lab/cli/remove-server-leftovers.ts <pid> [--say]`: removes the
 * databases, roles and streams that the run of process `<pid>` created on the servers and could not
 * drop, because it was interrupted (their names carry its process id). run-guard.ts runs it,
 * synchronously, when a run that created any is stopped; the watchdog runs it when a run was killed
 * outright. Prints what it removed, or why it could not (exit status 1), as a `Removal` in JSON, or
 * with `--say` as a sentence for the reader; exit status 2 for arguments that are not one process id.
 */
import { describeRemoval, removalOf } from './server-cleanup.ts';

const [argument, ...rest] = process.argv.slice(2);
const say = rest.length === 1 && rest[0] === '--say';
if (argument === undefined || (rest.length > 0 && !say) || !/^[1-9]\d*$/.test(argument)) {
  process.stderr.write(`usage: remove-server-leftovers.ts <pid> [--say], with the process id of one interrupted run${argument === undefined ? '' : ` (got ${JSON.stringify(process.argv.slice(2).join(' '))})`}\n`);
  process.exit(2);
}
const removal = await removalOf(Number(argument));
process.stdout.write(`${say ? describeRemoval(removal, Number(argument)) : JSON.stringify(removal)}\n`);
process.exitCode = 'failed' in removal ? 1 : 0;
