import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childProcesses } from '../processes/proc.ts';
import type { RunningSystem } from '../runtime/running-system.ts';
import { runCommand } from './run-command.ts';

const tinySystem = { name: 'tiny', entry: 'a', operations: { a: { work: { cpuUs: 20 }, calls: [{ sync: ['b', 'c'] }, { async: 'c' }] }, b: { work: { cpuUs: 20 } }, c: { work: { cpuUs: 20 }, state: ['cs'] } } };

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (text: string) => (out.stdout += text), stderr: (text: string) => (out.stderr += text), deployments: new Set<RunningSystem>() } };
}

describe('npm run lab -- run', () => {
  it('runs a system file written by hand on every cut and reports each side by side, leaving nothing deployed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lab-run-'));
    try {
      const file = path.join(dir, 'tiny.json');
      writeFileSync(file, JSON.stringify(tinySystem));
      const { out, io } = capture();
      expect(await runCommand(['--system', file, '--transport', 'memory', '--quick', '--json'], io)).toBe(0);
      const report = JSON.parse(out.stdout) as { cuts: Array<{ cut: string; transportCallsPerRequest: number; latency: { iterations: number }; faults: { sent: number; succeeded: number } }> };
      expect(report.cuts.map((cut) => cut.cut)).toEqual(['monolith', 'nanoservices']);
      expect(report.cuts.map((cut) => cut.transportCallsPerRequest)).toEqual([1, 4]);
      for (const cut of report.cuts) {
        expect(cut.latency.iterations).toBeGreaterThan(0);
        expect(cut.faults.sent).toBeGreaterThan(0);
      }
      expect(io.deployments.size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits 2 with the usage on a bad flag, deploying nothing', async () => {
    const { out, io } = capture();
    expect(await runCommand(['--system', 'examples/systems/shop.json', '--cuts', 'serverless'], io)).toBe(2);
    expect(out.stderr).toMatch(/error: shop has no cut named "serverless"/);
    expect(out.stderr).toMatch(/usage: npm run lab -- run/);
    expect(io.deployments.size).toBe(0);
  });

  it('stops every unit process on Ctrl-C (SIGINT) and exits 130', async () => {
    const lab = spawn(process.execPath, ['--import', 'tsx', 'examples/lab/cli/lab.ts', 'run', '--system', 'examples/systems/shop.json', '--transport', 'process'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    lab.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(lab, 'exit');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no latency phase within 60 s: ${stderr}`)), 60_000);
      lab.stderr.on('data', () => {
        if (stderr.includes('… latency')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // tsx keeps an esbuild service as a child too: count the units by their entry file.
    const units = childProcesses(lab.pid as number).filter((child) => child.argv.some((arg) => arg.endsWith('system-unit-main.ts')));
    lab.kill('SIGINT');
    const [code] = await exited;
    expect(units.length).toBe(9);
    expect(code).toBe(130);
    expect(stderr).toMatch(/SIGINT: stopping 3 deployments/);
    for (const unit of units) expect(() => process.kill(unit.pid, 0)).toThrow();
  }, 90_000);
});
