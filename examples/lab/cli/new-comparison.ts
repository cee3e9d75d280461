/** `npm run new:comparison -- <slug> "<Title>" [<first-claim-id> "<the claim>"]`: scaffolds a comparison with a first pending claim. */
import { nextSteps, planComparison, ScaffoldError, writePlan } from '../scaffold/scaffold.ts';
import { runScaffoldCommand } from '../scaffold/scaffold-command.ts';
import { repoRoot } from '../files/evidence.ts';

const [slug, title, firstId, firstSays, ...rest] = process.argv.slice(2);
runScaffoldCommand(
  'new:comparison',
  () => {
    if (rest.length > 0) throw new ScaffoldError(`unexpected arguments: ${rest.join(' ')}. Quote the title and the claim: npm run new:comparison -- ${slug ?? '<slug>'} "<Title>" [<first-claim-id> "<the claim>"]`);
    return writePlan(repoRoot, planComparison(repoRoot, slug, title, { id: firstId, says: firstSays }));
  },
  (written) => {
    const claim = firstId ?? `${slug}-first-claim`;
    return (
      `created the comparison "${slug}":\n${written.map((file) => `  ${file}`).join('\n')}\n\n` +
      `docs/${slug}/index.mdx is its overview: replace its TODO. Add more claims with npm run new:claim -- ${slug} <claim-id> "<the claim>".\n\n` +
      `For its first claim, ${claim}:\n${nextSteps(slug as string, claim)}`
    );
  },
);
