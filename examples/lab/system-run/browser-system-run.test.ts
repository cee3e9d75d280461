import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../cli/run-command.ts';
import type { RunningSystem } from '../runtime/running-system.ts';
import { answerSystemRunRequest, type SystemRunMessage, type SystemRunRequest } from './browser-system-run.ts';

async function ask(request: SystemRunRequest): Promise<SystemRunMessage[]> {
  const messages: SystemRunMessage[] = [];
  await answerSystemRunRequest(request, (message) => messages.push(message));
  return messages;
}

/** What `npm run lab -- run --transport memory` prints on stderr for a file with this text. */
async function commandLineError(text: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'browser-system-run-'));
  try {
    const file = path.join(dir, 'my-system.json');
    writeFileSync(file, text);
    let stderr = '';
    const status = await runCommand(['--system', file, '--transport', 'memory', '--quick'], { stdout: () => {}, stderr: (line) => (stderr += line), deployments: new Set<RunningSystem>() });
    expect(status).toBe(2);
    return stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const shopText = readFileSync(new URL('../../systems/shop.json', import.meta.url), 'utf8');
const shop = JSON.parse(shopText) as { operations: Record<string, { work: object; calls?: object[] }> };

describe('answerSystemRunRequest (the code the page’s worker runs)', () => {
  it('runs a reference system on every cut on the memory transport, quick, posting progress then the table, plots and summary', async () => {
    const messages = await ask({ system: { reference: 'shop' }, cuts: ['monolith', 'nanoservices', 'microservices'] });
    const progress = messages.filter((message) => message.type === 'progress');
    expect(progress.map((message) => message.step)).toEqual(progress.map((_, index) => index + 1));
    expect(progress.map((message) => message.label)).toContain('latency: monolith, nanoservices, microservices');
    const finished = messages.at(-1);
    expect(finished?.type).toBe('finished');
    if (finished?.type !== 'finished') return;
    expect(finished).toMatchObject({ system: 'shop', file: 'examples/systems/shop.json', cuts: ['monolith', 'nanoservices', 'microservices'] });
    expect(finished.heading).toBe('shop on memory · async calls: direct · cuts side by side · quick (few samples) · seed 1');
    expect(finished.table.columns.map((column) => column.label)).toEqual(['figure', 'monolith', 'nanoservices', 'microservices']);
    // Every request crosses the transport once into the entry, then once per call to another unit: in
    // shop's microservices, checkout alone calls all four others, as in nanoservices.
    expect(finished.table.rows.find((row) => row.figure === 'calls through the transport / request')).toMatchObject({ 'cut:monolith': '1', 'cut:nanoservices': '5', 'cut:microservices': '5' });
    expect(finished.plots.map((plot) => plot.y)).toEqual(['latencyMs', 'requestsPerSecond', 'callsPerRequest']);
    expect(finished.plots[0]?.rows.length).toBe(6);
    expect(finished.summary).toMatch(/^shop as monolith: .* against it, nanoservices: .*; microservices: .*\.$/);
    expect(finished.footnotes[0]).toMatch(/^fault model "cloud": /);
    expect(finished.footnotes).toContain('CPU time and memory are not read: the run was given no meter of them (a page in a browser cannot read them)');
  });

  it('runs a pasted file on the cuts chosen, and only those', async () => {
    const messages = await ask({ system: { text: shopText }, cuts: ['nanoservices'] });
    const finished = messages.at(-1);
    expect(finished?.type).toBe('finished');
    if (finished?.type !== 'finished') return;
    expect(finished.file).toBe('pasted file');
    expect(finished.table.columns.map((column) => column.label)).toEqual(['figure', 'nanoservices']);
  });

  it('refuses a malformed file with each field by its path, in the words of the command line, running nothing', async () => {
    const text = JSON.stringify({
      ...shop,
      operations: { ...shop.operations, cart: { work: { cpuUs: { median: 300, p99: 100 } } }, catalog: { work: { cpuUs: -1 } } },
    });
    const messages = await ask({ system: { text }, cuts: ['monolith'] });
    expect(messages).toEqual([
      { type: 'invalid', message: 'pasted file: 2 problems:', problems: ['operations.cart.work.cpuUs.p99: p99 must be at least the median', expect.stringMatching(/^operations\.catalog\.work\.cpuUs: /)] },
    ]);
    const printed = await commandLineError(text);
    for (const problem of (messages[0] as Extract<SystemRunMessage, { type: 'invalid' }>).problems) expect(printed).toContain(`\n  ${problem}`);
  });

  it('refuses a call to an operation the file does not have, naming those it has', async () => {
    const text = JSON.stringify({ ...shop, operations: { ...shop.operations, checkout: { ...shop.operations.checkout, calls: [{ sync: 'payment' }, { async: 'mail' }] } } });
    const [message] = await ask({ system: { text }, cuts: ['monolith'] });
    expect(message).toMatchObject({ type: 'invalid', problems: expect.arrayContaining(['operations.checkout.calls[1]: calls "mail", which is not an operation: the operations are checkout, cart, catalog, payment, email']) });
    expect(await commandLineError(text)).toContain('operations.checkout.calls[1]: calls "mail", which is not an operation');
  });

  it('refuses text that is not JSON, as the command line does', async () => {
    const [message] = await ask({ system: { text: '{ "name": ' }, cuts: ['monolith'] });
    expect(message).toMatchObject({ type: 'invalid', message: 'pasted file: 1 problem:', problems: [expect.stringMatching(/^not JSON: /)] });
  });

  it('refuses a cut the file does not have, naming its cuts, and an empty or repeated choice', async () => {
    expect(await ask({ system: { reference: 'shop' }, cuts: ['monolith', 'serverless'] })).toEqual([
      { type: 'invalid', message: 'shop has no cut named "serverless"; its cuts: monolith, nanoservices, microservices', problems: [] },
    ]);
    expect(await ask({ system: { reference: 'shop' }, cuts: [] })).toEqual([{ type: 'invalid', message: 'choose at least one cut of shop: monolith, nanoservices, microservices', problems: [] }]);
    expect(await ask({ system: { reference: 'shop' }, cuts: ['monolith', 'monolith'] })).toEqual([{ type: 'invalid', message: 'a cut is named twice: monolith, monolith', problems: [] }]);
  });

  it('refuses a reference system that does not exist instead of throwing', async () => {
    expect(await ask({ system: { reference: 'my-shop' }, cuts: ['monolith'] })).toEqual([{ type: 'invalid', message: expect.stringMatching(/^there is no reference system named "my-shop"/), problems: [] }]);
  });

  it('posts a failure, rather than throwing, when the request is not one', async () => {
    expect(await ask({ system: { text: shopText }, cuts: null } as unknown as SystemRunRequest)).toEqual([{ type: 'failed', message: expect.any(String) }]);
  });
});
