/**
 * A clean production build, timed: clears every cache, builds, prints the total and the phases
 * Docusaurus reports, with the load average beside it. Over the budget (60 s on a 2-core machine),
 * it builds the stock Docusaurus site of the same version (scripts/reference-site) right after, on
 * the same machine, and judges the ratio instead (`judgeBuild`): a busy machine does not fail the
 * budget, a site that grew does. Exits 1 over budget, 2 on a bad setting.
 *
 *   npm run build:budget            # BUILD_BUDGET_SECONDS and BUILD_BUDGET_RATIO override the budget
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { budgetFromEnv, judgeBuild, type BuildBudget } from './build-judgement.ts';
import { buildPhases, mainPhases } from './build-phases.ts';

let budget: BuildBudget;
try {
  budget = budgetFromEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const referenceSite = path.join(import.meta.dirname, 'reference-site');
const load = () => `load average ${loadavg().map((value) => value.toFixed(2)).join(', ')}`;

function docusaurus(args: string[], { quiet = false, env = process.env }: { quiet?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['docusaurus', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      if (!quiet) process.stdout.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Builds with every cache cleared first and returns the seconds it took, or exits with the build's status. */
async function cleanBuild(label: string, args: string[], siteDir: string, quiet: boolean): Promise<number> {
  await docusaurus(['clear', siteDir], { quiet: true });
  rmSync('node_modules/.cache', { recursive: true, force: true });
  console.log(`\n${label}: starting, ${load()}`);
  const started = performance.now();
  const build = await docusaurus(['build', ...args], { quiet, env: { ...process.env, DOCUSAURUS_PERF_LOGGER: 'true' } });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if (build.code !== 0) {
    if (quiet) process.stdout.write(build.output);
    console.error(`\n${label} failed (exit ${build.code}); see the log above`);
    process.exit(build.code);
  }
  if (!quiet) {
    console.log('\n| phase | seconds |\n|---|---|');
    for (const phase of mainPhases(buildPhases(build.output), 3, 0.5)) console.log(`| ${phase.label} | ${phase.seconds} |`);
  }
  console.log(`${label}: ${seconds} s, ${load()}`);
  return seconds;
}

const seconds = await cleanBuild('clean build of the site', [], '.', false);
let judgement = judgeBuild(seconds, undefined, budget);
if (judgement.needsReference) {
  console.log(`\n${judgement.message}`);
  const out = mkdtempSync(path.join(tmpdir(), 'reference-site-'));
  try {
    const referenceSeconds = await cleanBuild('clean build of the stock site', [referenceSite, '--out-dir', out], referenceSite, true);
    judgement = judgeBuild(seconds, referenceSeconds, budget);
  } finally {
    rmSync(out, { recursive: true, force: true });
    await docusaurus(['clear', referenceSite], { quiet: true });
  }
}
if (judgement.pass) {
  console.log(`\n${judgement.message}`);
} else {
  console.error(`\n${judgement.message}`);
  process.exitCode = 1;
}
