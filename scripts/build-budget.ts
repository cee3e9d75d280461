/**
 * A clean production build, timed: clears every cache, builds, prints the total and the phases
 * Docusaurus reports, and exits 1 over the budget (issue 6: 60 s on a 2-core machine).
 *
 *   npm run build:budget            # BUILD_BUDGET_SECONDS overrides the budget
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { buildPhases, mainPhases } from './build-phases.ts';

const budgetSeconds = Number(process.env.BUILD_BUDGET_SECONDS ?? 60);

function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['docusaurus', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

await run(['clear']);
rmSync('node_modules/.cache', { recursive: true, force: true });
const started = performance.now();
const build = await run(['build'], { ...process.env, DOCUSAURUS_PERF_LOGGER: 'true' });
const seconds = Math.round((performance.now() - started) / 100) / 10;
if (build.code !== 0) {
  console.error(`\nthe build failed (exit ${build.code}); see the log above`);
  process.exit(build.code);
}
console.log('\n| phase | seconds |\n|---|---|');
for (const phase of mainPhases(buildPhases(build.output), 3, 0.5)) console.log(`| ${phase.label} | ${phase.seconds} |`);
console.log(`| **clean build, total** | **${seconds}** |`);
if (seconds > budgetSeconds) {
  console.error(`\nthe clean build took ${seconds} s, over the ${budgetSeconds} s budget: find the phase that grew above`);
  process.exitCode = 1;
} else {
  console.log(`\nwithin the ${budgetSeconds} s budget`);
}
