import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { labCommand } from './lab-command.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'lab-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const shop = fileURLToPath(new URL('../../systems/shop.json', import.meta.url));

describe('npm run lab', () => {
  it('checks a system file and describes its graph and cuts', () => {
    const { code, stdout } = labCommand(['check', shop]);
    expect(code).toBe(0);
    expect(stdout).toContain('entry: checkout; 5 operations; depth 1; fan-out max 4, median 4; 25 % of calls asynchronous');
    expect(stdout).toContain('cuts: monolith (1 unit), nanoservices (5 units), microservices (3 units)');
  });

  it('lists the reference systems with their files', () => {
    const { code, stdout } = labCommand(['systems']);
    expect(code).toBe(0);
    expect(stdout).toContain('  file: examples/systems/shop.json');
  });

  it('exits 2 for a malformed file, naming the field', () => {
    const file = path.join(scratch, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'bad', entry: 'a', operations: { a: { work: { cpuUs: 'fast' } } } }));
    const { code, stderr, stdout } = labCommand(['check', file]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/bad\.json: 1 problem:\n {2}operations\.a\.work\.cpuUs: /);
  });

  it('exits 2 for a missing file, an unknown command or stray arguments, with the usage', () => {
    expect(labCommand(['check', path.join(scratch, 'none.json')])).toMatchObject({ code: 2, stderr: expect.stringContaining('there is no such file') as unknown });
    expect(labCommand(['deploy'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "deploy"\nusage:') as unknown });
    expect(labCommand([])).toMatchObject({ code: 2, stderr: expect.stringContaining('give a command') as unknown });
    expect(labCommand(['check'])).toMatchObject({ code: 2, stderr: expect.stringContaining('check takes one system file, got none') as unknown });
    expect(labCommand(['systems', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('systems takes no arguments, got "x"') as unknown });
  });

  it('prints the usage on --help, and refuses an option it does not take', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['check', '--help']]) expect(labCommand(argv), argv.join(' ')).toMatchObject({ code: 0, stdout: expect.stringContaining('usage:') as unknown });
    expect(labCommand(['systems', '--json'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --json: systems takes no arguments') as unknown });
    expect(labCommand(['constructor'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "constructor"') as unknown });
  });

  it('exits with that status as a process', async () => {
    const lab = fileURLToPath(new URL('./lab.ts', import.meta.url));
    const code = await new Promise<number>((resolve) => execFile(process.execPath, ['--import', import.meta.resolve('tsx'), lab, 'deploy'], (error) => resolve(error ? Number(error.code) : 0)));
    expect(code).toBe(2);
  });
});
