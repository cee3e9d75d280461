/**
 * Times the project's loops as a benchmark, not as a test: runs an npm script (by default `test`,
 * the contributor's loop) a number of times, prints each run's seconds with the load average beside
 * it, and the median against the loop's target (3 minutes for `npm test`, 15 minutes for `.ci/run` on
 * the project's 2-core machine). Exits 1 when the median misses the target, 2 on a bad argument.
 *
 *   npm run time:checks                      # npm test, once
 *   npm run time:checks -- test --runs 3     # the median of three
 *   npm run time:checks -- test:site         # the site checks (build, links, browser tests, Lighthouse)
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseTimeChecksArgs, timeChecksVerdict } from './time-checks-args.ts';

let args: ReturnType<typeof parseTimeChecksArgs>;
try {
  args = parseTimeChecksArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');

function runOnce(script: string): Promise<{ code: number; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Its output goes to a log only on failure: the figure is the time, not the test report.
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) process.stderr.write(output);
      resolve({ code: code ?? 1, seconds: Math.round((performance.now() - started) / 100) / 10 });
    });
  });
}

const seconds: number[] = [];
for (let run = 1; run <= args.runs; run += 1) {
  const before = load();
  const { code, seconds: taken } = await runOnce(args.script);
  console.log(`npm run ${args.script}, run ${run} of ${args.runs}: ${taken} s (load average before ${before}, after ${load()})`);
  if (code !== 0) {
    console.error(`npm run ${args.script} failed (exit ${code}): a failed run is not a figure`);
    process.exit(1);
  }
  seconds.push(taken);
}
const verdict = timeChecksVerdict(args.script, seconds);
console.log(verdict.message);
if (!verdict.pass) process.exitCode = 1;
