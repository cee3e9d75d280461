/** `npm run new:comparison -- <slug> "<Title>" [<first-claim-id> "<the claim>"]`: scaffolds a comparison with a first pending claim. */
import { nextSteps, planComparison, ScaffoldError, writePlan } from '../scaffold/scaffold.ts';
import { repoRoot } from '../files/evidence.ts';

const [slug, title, firstId, firstSays, ...rest] = process.argv.slice(2);
try {
  if (rest.length > 0) throw new ScaffoldError(`unexpected arguments: ${rest.join(' ')}. Quote the title and the claim: npm run new:comparison -- ${slug ?? '<slug>'} "<Title>" [<first-claim-id> "<the claim>"]`);
  const written = writePlan(repoRoot, planComparison(repoRoot, slug, title, { id: firstId, says: firstSays }));
  const claim = firstId ?? `${slug}-first-claim`;
  console.log(
    `created the comparison "${slug}":\n${written.map((file) => `  ${file}`).join('\n')}\n\n` +
      `docs/${slug}/index.mdx is its overview: replace its TODO. Add more claims with npm run new:claim -- ${slug} <claim-id> "<the claim>".\n\n` +
      `For its first claim, ${claim}:\n${nextSteps(slug as string, claim)}`,
  );
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  console.error(`new:comparison: ${error.message}`);
  process.exit(2);
}
