import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { evidenceFile, evidenceProblem, readEvidence, repoRoot } from '../lab/evidence.ts';
import { ClaimSchema } from './claim-schema.ts';
import type { Claim } from './registry.ts';

/** One thing a claim lacks, said so that a contributor knows what to add. */
export interface ClaimProblem {
  readonly claim: string;
  readonly missing: 'entry' | 'experiment' | 'tests' | 'evidence' | 'page' | 'citations' | 'verdict';
  readonly message: string;
}

// A heading id in MDX comment syntax, the one Docusaurus 4 keeps: "## Title {/* #claim-id */}".
const sectionAnchor = (id: string) => new RegExp(`^#{2,6} .*\\{/\\*\\s*#${id}\\s*\\*/\\}\\s*$`, 'm');

function pageFile(root: string, page: string): string | undefined {
  return ['.mdx', '.md'].map((ext) => path.join(root, 'docs', page + ext)).find((file) => existsSync(file));
}

/**
 * Checks every claim: each needs a verdict (a `pending` claim is refused: it is claimed but not yet
 * tested), a page section (a heading whose MDX comment names the id) and citations; a tested claim
 * (not `not-testable`) also needs its experiment, tests beside it, evidence produced by today's
 * source with the same verdict, and a page that shows that evidence and imports the experiment's
 * source. Returns every problem found, each saying what to do and the command that does it.
 *
 * @example
 * ```ts
 * const problems = await checkClaims(claims, { experimentIds: ['nano-chaining'] });
 * // [{ claim: 'nano-x', missing: 'tests', message: 'nano-x: no test beside the experiment ...' }]
 * ```
 */
export async function checkClaims(
  entries: readonly unknown[],
  context: { readonly experimentIds: readonly string[]; readonly root?: string },
): Promise<ClaimProblem[]> {
  const root = context.root ?? repoRoot;
  const problems: ClaimProblem[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const parsed = ClaimSchema.safeParse(entry);
    const label = (entry as { id?: unknown })?.id ?? `entry ${index}`;
    if (!parsed.success) {
      problems.push({ claim: String(label), missing: 'entry', message: `${String(label)}: invalid registry entry (examples/claims/registry.ts or examples/claims/comparisons/): ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}` });
      continue;
    }
    const claim = parsed.data;
    if (seen.has(claim.id)) problems.push({ claim: claim.id, missing: 'entry', message: `${claim.id}: listed twice in examples/claims/registry.ts` });
    seen.add(claim.id);
    problems.push(...(await checkClaim(claim, root, context.experimentIds)));
  }
  return problems;
}

/** The file that holds a claim's entry: a scaffolded comparison's JSON file, or the article's registry. */
function registryFile(claim: Claim, root: string): string {
  const comparison = `examples/claims/comparisons/${claim.architecture}.json`;
  return existsSync(path.join(root, comparison)) ? comparison : 'examples/claims/registry.ts';
}

async function checkClaim(claim: Claim, root: string, experimentIds: readonly string[]): Promise<ClaimProblem[]> {
  const problems: ClaimProblem[] = [];
  const add = (missing: ClaimProblem['missing'], message: string) => problems.push({ claim: claim.id, missing, message: `${claim.id}: ${message}` });
  const entryFile = registryFile(claim, root);

  // A pending claim is claimed but untested: CI refuses it, listing everything still to do.
  if (claim.verdict === 'pending') {
    add('verdict', `still pending: make examples/${claim.id}/report.ts decide the verdict from the figures, run npm run evidence -- ${claim.id}, and set "verdict" in ${entryFile} to the verdict it reports`);
  }
  if (claim.citations.length === 0) add('citations', `no citations: a verdict needs at least one source; add it to "citations" of ${claim.id} in ${entryFile}`);
  const page = pageFile(root, claim.page);
  const pageText = page ? readFileSync(page, 'utf8') : '';
  if (!page) add('page', `page docs/${claim.page}.mdx does not exist: write it (npm run new:claim scaffolds one for a new claim)`);
  else if (!sectionAnchor(claim.id).test(pageText)) add('page', `docs/${claim.page}.mdx has no section for it: add a heading ending in {/* #${claim.id} */}`);
  if (claim.verdict === 'not-testable') return problems;

  const folder = path.join(root, 'examples', claim.id);
  if (!existsSync(path.join(folder, 'experiment.ts')) || !experimentIds.includes(claim.id)) {
    add('experiment', `no experiment: write examples/${claim.id}/experiment.ts exporting \`experiment\` (npm run new:claim scaffolds one for a new claim)`);
    return problems;
  }
  if (!readdirSync(folder).some((file) => file.endsWith('.test.ts'))) add('tests', `no test beside the experiment: add examples/${claim.id}/experiment.test.ts`);
  // Import lines at the start of a line: the scaffolded page's commented-out imports do not count.
  const imports = (from: string) => new RegExp(`^import\\s.+\\sfrom\\s+['"]${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm').test(pageText);
  if (page && !imports(`!!raw-loader!@site/examples/${claim.id}/`)) add('page', `docs/${claim.page}.mdx does not show the experiment's source (import it with !!raw-loader!@site/examples/${claim.id}/...)`);
  if (page && !imports(`@site/${evidenceFile(claim.id)}`)) add('page', `docs/${claim.page}.mdx does not show the figures of ${evidenceFile(claim.id)}`);

  const stale = await evidenceProblem(claim.id, root);
  if (stale) {
    add('evidence', `${stale}: run npm run evidence -- ${claim.id} and commit the file`);
  } else if (claim.verdict !== 'pending') {
    const found = readEvidence(claim.id, root)?.verdict.verdict;
    if (found !== claim.verdict) add('verdict', `${entryFile} says ${claim.verdict} but ${evidenceFile(claim.id)} supports ${found}: change one of them`);
  }
  return problems;
}
