/**
 * The watchdog of one guarded run (run-guard.ts starts it): it removes the run's temporary folders,
 * and the databases, roles and streams it created on the servers, when the run's process ends without
 * having done so itself, that is when it was killed with SIGKILL. tsx does that: it relays a SIGINT
 * or SIGTERM it receives to the command, and SIGKILLs the command if the command has not acknowledged
 * it within 30 ms (tsx/dist/cli.mjs, relaySignalToChild), which a command busy measuring does not
 * always manage. Units stop by themselves when their parent dies (processes/serve.ts); temporary
 * folders and what is on the servers do not.
 *
 * Plain JavaScript, so that it starts in a few milliseconds without a TypeScript loader. It waits on
 * its IPC channel and uses no CPU until the run ends.
 *
 * Messages from the run: `{ folder }` for each temporary folder it makes, `{ servers: true }` once it
 * has created something on a server, `{ clean: true }` when it exits having cleaned up (a normal end,
 * or an interrupt run-guard.ts handled). What is on the servers is removed by
 * remove-server-leftovers.ts, in TypeScript, so it is started with tsx's loader: only when needed.
 */
/* global process, setTimeout */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const run = process.argv[2] ?? '?';
const folders = new Set();
let clean = false;
let servers = false;

// Ctrl-C, or a signal to the run's process group, reaches this process too: it must outlive the run
// to clean up after it, and ends when the run does.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => undefined);

process.on('message', (message) => {
  if (typeof message?.folder === 'string') folders.add(message.folder);
  if (message?.servers === true) servers = true;
  if (message?.clean === true) clean = true;
});

/** Removes what the run created on the servers, and says what (remove-server-leftovers.ts). */
function removeServerLeftovers() {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const remover = fileURLToPath(new globalThis.URL('./remove-server-leftovers.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', tsx, remover, run, '--say'], { encoding: 'utf8', timeout: 15_000 });
  // The remover says what it removed, or why it could not; only a remover that did not run says nothing.
  return child.stdout?.trim() || `could not run remove-server-leftovers.ts (${child.stderr?.trim() || child.error?.message || child.signal})`;
}

// A unit the run was starting as it was killed may not have loaded its file from the folder yet:
// a moment's wait spares it a "Cannot find module" on its way out.
const settleMs = 300;

process.on('disconnect', () => {
  setTimeout(() => {
    const left = [...folders].filter((folder) => existsSync(folder));
    for (const folder of left) rmSync(folder, { recursive: true, force: true });
    if (!clean) process.stderr.write(`\nthe run (process ${run}) was killed before it could stop: removed ${left.length} temporary folder${left.length === 1 ? '' : 's'}${servers ? `, ${removeServerLeftovers()}` : ''}; its units stop as their parent has gone\n`);
    process.exit(0);
  }, clean ? 0 : settleMs);
});
