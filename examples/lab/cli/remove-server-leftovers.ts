/**
 * `node --import tsx examples/lab/cli/remove-server-leftovers.ts <pid> [--say]`: removes the databases, roles
 * and streams that the run of process `<pid>` created on the servers and could not drop, because it
 * was interrupted (their names carry its process id). run-guard.ts runs it, synchronously, when a run
 * that created any is stopped; the watchdog runs it when a run was killed outright. Prints what it
 * removed as JSON on stdout, or with `--say` as a sentence for the reader; exit status 2 for an argument that is not a process id, 1 when a server
 * refused a drop.
 */
import { removeServerLeftovers } from '../infra/server-leftovers.ts';
import { describeRemoval } from './server-cleanup.ts';

const [argument, ...rest] = process.argv.slice(2);
const say = rest.length === 1 && rest[0] === '--say';
if (argument === undefined || (rest.length > 0 && !say) || !/^[1-9]\d*$/.test(argument)) {
  process.stderr.write(`usage: remove-server-leftovers.ts <pid> [--say], with the process id of one interrupted run${argument === undefined ? '' : ` (got ${JSON.stringify(process.argv.slice(2).join(' '))})`}\n`);
  process.exit(2);
}
try {
  const removed = await removeServerLeftovers(Number(argument));
  process.stdout.write(`${say ? describeRemoval({ removed }, Number(argument)) : JSON.stringify(removed)}\n`);
} catch (error) {
  process.stderr.write(`could not remove what run ${argument} left on the servers: ${(error as Error).message}\n`);
  process.exit(1);
}
