import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { experimentIds } from '../../experiments.ts';

const runExample = fileURLToPath(new URL('./run-example.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

/** Runs `npm run example -- ...args` as a real child process and returns its exit code and output. */
function example(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', tsx, runExample, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run example', () => {
  it('exits 2 for an unknown experiment and lists the known ones', async () => {
    const { code, stderr } = await example('nano-nothing');
    expect(code).toBe(2);
    expect(stderr).toContain(`unknown experiment "nano-nothing". Known experiments: ${experimentIds.join(', ')}`);
    expect(experimentIds).toContain('nano-chaining');
  });

  it('exits 2 for a bad parameter and says what it accepts', async () => {
    const { code, stderr } = await example('nano-chaining', '--chainLengths', '0,9');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--chainLengths\[0\]: Too small.*\n.*--chainLengths\[1\]: Too big/);
  });

  it('exits 2 without an id and prints the usage', async () => {
    const { code, stderr } = await example();
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run example -- <id>');
  });

  it('runs a small experiment: progress on stderr, the result as JSON on stdout', async () => {
    const { code, stdout, stderr } = await example(
      'nano-chaining', '--transport', 'memory', '--chainLengths', '1,2', '--warmup', '0', '--iterations', '10', '--throughputRequests', '10', '--json',
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/\[\d+\/\d+\] memory · 2 functions · 3 shapes/);
    const printed = JSON.parse(stdout) as { claim: string; result: { rows: unknown[]; identicalResults: boolean } };
    expect(printed.claim).toBe('nano-chaining');
    expect(printed.result.rows).toHaveLength(2 * 3);
    expect(printed.result.identicalResults).toBe(true);
  });
});
