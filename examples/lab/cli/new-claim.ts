/** `npm run new:claim -- <comparison> <claim-id> "<the claim>"`: scaffolds one more pending claim. */
import { nextSteps, planClaim, ScaffoldError, writePlan } from '../scaffold/scaffold.ts';
import { runScaffoldCommand } from '../scaffold/scaffold-command.ts';
import { repoRoot } from '../files/evidence.ts';

const [comparison, id, says, ...rest] = process.argv.slice(2);
runScaffoldCommand(
  'new:claim',
  () => {
    if (rest.length > 0) throw new ScaffoldError(`unexpected arguments: ${rest.join(' ')}. Quote the claim: npm run new:claim -- ${comparison ?? '<comparison>'} ${id ?? '<claim-id>'} "<the claim>"`);
    return writePlan(repoRoot, planClaim(repoRoot, comparison, id, says));
  },
  (written) => `created the claim "${id}":\n${written.map((file) => `  ${file}`).join('\n')}\n\n${nextSteps(comparison as string, id as string)}`,
);
