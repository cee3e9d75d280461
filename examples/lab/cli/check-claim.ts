/**
 * `npm run check -- <claim-id>`: everything CI checks for one claim, step by step, each with ✓ or ✗
 * and what to do. Exits 0 when every step passes, 1 when one fails, 2 for an unknown claim or bad
 * arguments (writing nothing).
 */
import { claims } from '../../claims/registry.ts';
import { experimentIds } from '../../experiments.ts';
import { repoRoot } from '../files/evidence.ts';
import { parseCheckArgs, usage } from './check-claim-args.ts';
import { claimCheckSteps } from './check-claim-steps.ts';
import { guardRun } from './run-guard.ts';

const request = parseCheckArgs(
  process.argv.slice(2),
  claims.map((claim) => claim.id),
);
if (request.kind === 'help') {
  console.log(usage);
  process.exit(0);
}
if (request.kind === 'refused') {
  console.error(`check: ${request.message}\n${usage}`);
  process.exit(2);
}

// Ctrl-C, or a signal to npm, its shell, tsx or this process, stops the claim's tests (and any unit
// they started) and exits, as it does for a run of an experiment.
guardRun();
const claim = claims.find((candidate) => candidate.id === request.id);
if (!claim) throw new Error(`the registry lost ${request.id}`);
console.log(`check ${claim.id}: what CI checks for this claim\n`);
let failures = 0;
for (const step of claimCheckSteps({ claim, root: repoRoot, experimentIds })) {
  const result = await step.run();
  if (!result.ok) failures += 1;
  const [first, ...rest] = result.lines;
  console.log(`${result.ok ? '✓' : '✗'} ${result.name}${result.ok && first ? `: ${first}` : ''}`);
  for (const line of result.ok ? rest : result.lines) console.log(`    ${result.ok ? '' : '→ '}${line}`);
}
const total = claimCheckSteps({ claim, root: repoRoot, experimentIds }).length;
console.log(
  failures
    ? `\n${failures} of ${total} checks failed for ${claim.id}: do what each ✗ says, then run npm run check -- ${claim.id} again.`
    : `\nevery check passed for ${claim.id}. npm test runs these checks for every claim; CI then builds the site and loads every page in Chromium (npm run test:site).`,
);
process.exit(failures ? 1 : 0);
