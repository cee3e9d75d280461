/** `npm run new:claim -- <comparison> <claim-id> "<the claim>"`: scaffolds one more pending claim. */
import { nextSteps, planClaim, ScaffoldError, writePlan } from '../scaffold/scaffold.ts';
import { repoRoot } from '../files/evidence.ts';

const [comparison, id, says, ...rest] = process.argv.slice(2);
try {
  if (rest.length > 0) throw new ScaffoldError(`unexpected arguments: ${rest.join(' ')}. Quote the claim: npm run new:claim -- ${comparison ?? '<comparison>'} ${id ?? '<claim-id>'} "<the claim>"`);
  const written = writePlan(repoRoot, planClaim(repoRoot, comparison, id, says));
  console.log(`created the claim "${id}":\n${written.map((file) => `  ${file}`).join('\n')}\n\n${nextSteps(comparison as string, id as string)}`);
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  console.error(`new:claim: ${error.message}`);
  process.exit(2);
}
