import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ScaffoldError } from './scaffold-input.ts';

/** Where a comparison's claims live: one JSON file per comparison, read by the registry through a generated index. */
export const comparisonsDir = 'examples/claims/comparisons';

/** A comparison as its JSON file holds it. */
export interface ComparisonFile {
  readonly slug: string;
  readonly title: string;
  readonly claims: ReadonlyArray<Record<string, unknown>>;
}

const kebab = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The slugs of the comparison files, from their names. Refuses a file whose name is not a slug: the
 * generated index would import it under a name that is not valid code.
 *
 * @example
 * ```ts
 * comparisonSlugs(repoRoot); // ['modular-monolith', 'reality-check']
 * ```
 */
export function comparisonSlugs(root: string): string[] {
  const folder = path.join(root, comparisonsDir);
  const slugs = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)) : [];
  const misnamed = slugs.find((slug) => !kebab.test(slug));
  if (misnamed !== undefined) throw new ScaffoldError(`${comparisonsDir}/${misnamed}.json: a comparison file is named after its slug, lowercase words joined by hyphens: rename it first`);
  return slugs.sort();
}

/**
 * A comparison file, read and checked as far as the scaffolder needs it (a `claims` list), or a
 * {@link ScaffoldError} naming the file and what to fix.
 *
 * @example
 * ```ts
 * readComparisonFile(repoRoot, 'modular-monolith').claims.length; // 4
 * ```
 */
export function readComparisonFile(root: string, slug: string): ComparisonFile {
  const file = `${comparisonsDir}/${slug}.json`;
  let comparison: unknown;
  try {
    comparison = JSON.parse(readFileSync(path.join(root, file), 'utf8'));
  } catch (error) {
    throw new ScaffoldError(`${file} cannot be read as JSON (${(error as Error).message}): fix it first, nothing was written`);
  }
  const claims = (comparison as { claims?: unknown } | null)?.claims;
  if (!Array.isArray(claims) || claims.some((claim) => typeof claim !== 'object' || claim === null)) {
    throw new ScaffoldError(`${file} has no "claims" list of objects: fix it first, nothing was written`);
  }
  return comparison as ComparisonFile;
}

/**
 * The claim ids of every comparison file that can name a folder and a name in code, plus those
 * given: the claims the key-figure index may list. The claims check reports any other id.
 *
 * @example
 * ```ts
 * comparisonClaimIds(repoRoot, ['demo-claim']); // ['modular-monolith-data-ownership', ..., 'demo-claim']
 * ```
 */
export function comparisonClaimIds(root: string, extra: readonly string[]): string[] {
  const ids = comparisonSlugs(root).flatMap((slug) => readComparisonFile(root, slug).claims.map((claim) => claim.id));
  return [...ids.filter((id): id is string => typeof id === 'string' && kebab.test(id)), ...extra];
}

// Routes under /docs/ that Docusaurus or the build makes itself: the tag pages, generated category
// pages, and the API reference generated from the lab's JSDoc (docs/api/, not committed).
const docsRoutesTaken = ['tags', 'category', 'api'];

/**
 * Why a new comparison's folder, `docs/<slug>/`, would clash with a page or route that exists, or
 * undefined when it would not: a page `docs/<slug>.md(x)` has its route, a folder `docs/<slug>/` is
 * another section, and some routes Docusaurus makes itself.
 *
 * @example
 * ```ts
 * docsClash(repoRoot, 'intro'); // 'docs/intro.mdx is a page at the route /docs/intro already'
 * docsClash(repoRoot, 'event-sourcing'); // undefined
 * ```
 */
export function docsClash(root: string, slug: string): string | undefined {
  for (const page of [`docs/${slug}.md`, `docs/${slug}.mdx`]) if (existsSync(path.join(root, page))) return `${page} is a page at the route /docs/${slug} already`;
  if (existsSync(path.join(root, 'docs', slug))) return `docs/${slug}/ exists already`;
  if (docsRoutesTaken.includes(slug)) return `/docs/${slug} is a route the site makes itself`;
  return undefined;
}
