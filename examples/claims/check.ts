import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { evidenceFile, evidenceProblem, readEvidence, repoRoot } from '../lab/files/evidence.ts';
import { findScaffoldText } from '../lab/scaffold/scaffold-markers.ts';
import { ClaimSchema } from './claim-schema.ts';
import { claimsWithKeyFigure, keyFigure } from './key-figures.ts';
import type { Claim } from './registry.ts';

/** One thing a claim lacks, said so that a contributor knows what to add. */
export interface ClaimProblem {
  readonly claim: string;
  readonly missing: 'entry' | 'experiment' | 'tests' | 'evidence' | 'page' | 'citations' | 'verdict' | 'key-figure' | 'scaffold';
  readonly message: string;
}

/** Where the claims check reads key figures: examples/claims/key-figures.ts, or a stand-in in tests. */
export interface KeyFigures {
  /** The claims that have a key-figure function. */
  readonly ids: readonly string[];
  /** The figure of a claim for an evidence result; may throw for a result it cannot read. */
  figure(claimId: string, result: unknown): string | null;
}

const keyFiguresOfTheRegistry: KeyFigures = { ids: claimsWithKeyFigure, figure: keyFigure };

/** A copy of a value with every array emptied: what a run that measured nothing would leave. */
function emptied(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, emptied(inner)]));
  return value;
}

/**
 * What is wrong with a claim's key figure for its evidence result, or undefined when it is a figure
 * the comparison page can show: a string of more than ten characters with a number in it, and null
 * (not an exception) for a run that measured nothing. The same rules as key-figures.test.ts.
 *
 * @example
 * ```ts
 * keyFigureProblem('nano-chaining', evidence.result); // undefined
 * keyFigureProblem('demo-claim', { rows: [] }, figures); // 'gives null for evidence/demo-claim.json ...'
 * ```
 */
export function keyFigureProblem(claimId: string, result: unknown, figures: KeyFigures = keyFiguresOfTheRegistry): string | undefined {
  let figure: string | null;
  try {
    figure = figures.figure(claimId, result);
  } catch (error) {
    return `throws for ${evidenceFile(claimId)} (${(error as Error).message})`;
  }
  if (typeof figure !== 'string' || figure.trim().length <= 10 || !/\d/.test(figure)) {
    return `gives ${JSON.stringify(figure)} for ${evidenceFile(claimId)}: it must return the figure the verdict rests on, with a number and its unit`;
  }
  try {
    const none = figures.figure(claimId, emptied(result));
    if (none !== null) return `gives ${JSON.stringify(none)} for a run that measured nothing (every list of the result empty): return null when the rows it reads are missing`;
  } catch (error) {
    return `throws for a run that measured nothing (${(error as Error).message}): return null when the rows it reads are missing`;
  }
  return undefined;
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
 * source with the same verdict, a key figure the comparison page can show, and a page that shows
 * that evidence and imports the experiment's source. No scaffold text may be left (a `TODO`, a
 * skeleton sentence) in its words, its folder under examples/, its page or its comparison's overview.
 * Returns every problem found, each saying what to do and the command that does it.
 *
 * @example
 * ```ts
 * const problems = await checkClaims(claims, { experimentIds: ['nano-chaining'] });
 * // [{ claim: 'nano-x', missing: 'tests', message: 'nano-x: no test beside the experiment ...' }]
 * ```
 */
export async function checkClaims(
  entries: readonly unknown[],
  context: { readonly experimentIds: readonly string[]; readonly root?: string; readonly keyFigures?: KeyFigures },
): Promise<ClaimProblem[]> {
  const root = context.root ?? repoRoot;
  const figures = context.keyFigures ?? keyFiguresOfTheRegistry;
  const overviewsSeen = new Set<string>();
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
    problems.push(...(await checkClaim(claim, root, context.experimentIds, figures)));
    problems.push(...overviewScaffoldText(claim, root, overviewsSeen));
  }
  return problems;
}

/** The file that holds a claim's entry: a scaffolded comparison's JSON file, or the article's registry. */
function registryFile(claim: Claim, root: string): string {
  const comparison = `examples/claims/comparisons/${claim.architecture}.json`;
  return existsSync(path.join(root, comparison)) ? comparison : 'examples/claims/registry.ts';
}

/** Each line of scaffold text in a file, as one message naming the file, the line and what to do. */
function scaffoldTextIn(root: string, file: string): string[] {
  const found = findScaffoldText(readFileSync(path.join(root, file), 'utf8'));
  const advice = (text: string) => (/\bTODO\b/.test(text) ? 'do what it asks, then delete it' : 'replace the scaffold’s placeholder with your own words');
  return found.map(({ line, text }) => `scaffold text left in ${file}:${line}: "${text.length > 110 ? `${text.slice(0, 107)}...` : text}": ${advice(text)}`);
}

/** The overview page of a scaffolded comparison, checked once per comparison (with its first claim). */
function overviewScaffoldText(claim: Claim, root: string, seen: Set<string>): ClaimProblem[] {
  const overview = `docs/${claim.architecture}/index.mdx`;
  if (seen.has(overview) || !existsSync(path.join(root, 'examples/claims/comparisons', `${claim.architecture}.json`)) || !existsSync(path.join(root, overview))) return [];
  seen.add(overview);
  return scaffoldTextIn(root, overview).map((message) => ({ claim: claim.id, missing: 'scaffold', message: `${claim.id}: ${message} (the comparison's overview)` }));
}

async function checkClaim(claim: Claim, root: string, experimentIds: readonly string[], figures: KeyFigures): Promise<ClaimProblem[]> {
  const problems: ClaimProblem[] = [];
  const add = (missing: ClaimProblem['missing'], message: string) => problems.push({ claim: claim.id, missing, message: `${claim.id}: ${message}` });
  const entryFile = registryFile(claim, root);

  // A pending claim is claimed but untested: CI refuses it, listing everything still to do.
  if (claim.verdict === 'pending') {
    add('verdict', `still pending: make findingFor in examples/${claim.id}/report.ts state what the figures found (the verdict rule decides the verdict; see docs/how-verdicts-are-decided.mdx), run npm run evidence -- ${claim.id}, and set "verdict" in ${entryFile} to the verdict it reports`);
  }
  if (claim.citations.length === 0) add('citations', `no citations: a verdict needs at least one source; add it to "citations" of ${claim.id} in ${entryFile} as { "title", "author", "year", "url" } (an https URL; see CONTRIBUTING.md)`);
  if (findScaffoldText(claim.articleSays).length > 0) add('scaffold', `its words in ${entryFile} are the scaffold's placeholder ("${claim.articleSays}"): write the claim as its source states it, in "articleSays"`);
  const page = pageFile(root, claim.page);
  const pageText = page ? readFileSync(page, 'utf8') : '';
  if (!page) add('page', `page docs/${claim.page}.mdx does not exist: write it (npm run new:claim scaffolds one for a new claim)`);
  else if (!sectionAnchor(claim.id).test(pageText)) add('page', `docs/${claim.page}.mdx has no section for it: add a heading ending in {/* #${claim.id} */}`);
  if (page) for (const message of scaffoldTextIn(root, path.relative(root, page))) add('scaffold', message);
  if (claim.verdict === 'not-testable') return problems;

  const folder = path.join(root, 'examples', claim.id);
  if (!existsSync(path.join(folder, 'experiment.ts')) || !experimentIds.includes(claim.id)) {
    add('experiment', `no experiment: write examples/${claim.id}/experiment.ts exporting \`experiment\` (npm run new:claim scaffolds one for a new claim)`);
    return problems;
  }
  const sources = readdirSync(folder).filter((file) => file.endsWith('.ts')).sort();
  if (!sources.some((file) => file.endsWith('.test.ts'))) add('tests', `no test beside the experiment: add examples/${claim.id}/experiment.test.ts`);
  for (const file of sources) for (const message of scaffoldTextIn(root, `examples/${claim.id}/${file}`)) add('scaffold', message);
  if (!figures.ids.includes(claim.id)) {
    add(
      'key-figure',
      `no key figure: export keyFigure(result) from examples/${claim.id}/report.ts, the figure the verdict rests on, which the comparison page shows; ` +
        (entryFile === 'examples/claims/registry.ts' ? 'list it in examples/claims/key-figures.ts' : `list it in examples/claims/comparisons/key-figures.ts, as npm run new:claim does`),
    );
  }
  // Import lines at the start of a line: the scaffolded page's commented-out imports do not count.
  const imports = (from: string) => new RegExp(`^import\\s.+\\sfrom\\s+['"]${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm').test(pageText);
  if (page && !imports(`!!raw-loader!@site/examples/${claim.id}/`)) add('page', `docs/${claim.page}.mdx does not show the experiment's source (import it with !!raw-loader!@site/examples/${claim.id}/...)`);
  if (page && !imports(`@site/${evidenceFile(claim.id)}`)) add('page', `docs/${claim.page}.mdx does not show the figures of ${evidenceFile(claim.id)}`);

  const stale = await evidenceProblem(claim.id, root);
  if (stale) {
    add('evidence', `${stale}: run npm run evidence -- ${claim.id} and commit the file`);
    return problems;
  }
  const evidence = readEvidence(claim.id, root);
  if (claim.verdict !== 'pending' && evidence?.verdict.verdict !== claim.verdict) {
    add('evidence', `${entryFile} says ${claim.verdict} but ${evidenceFile(claim.id)} supports ${evidence?.verdict.verdict}: change one of them`);
  }
  // The comparison page shows no figure for a claim its experiment could not test.
  if (evidence && evidence.verdict.verdict !== 'not-testable' && figures.ids.includes(claim.id)) {
    const wrong = keyFigureProblem(claim.id, evidence.result, figures);
    if (wrong) add('key-figure', `its key figure (keyFigure in examples/${claim.id}/report.ts) ${wrong}`);
  }
  return problems;
}
