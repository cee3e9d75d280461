/**
 * The API pages typedoc writes into `docs/api` are compiled as MDX by the site's build, so a JSDoc
 * comment that says `<slug>` outside backticks becomes a JSX tag that never closes, and only
 * `docusaurus build`, minutes later, said so. Reading them here, as the build does, right after they
 * are generated (`npm run typedoc`, which `npm test` runs first) says so at once, naming the source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readMdxPage } from '../examples/lab/scaffold/scaffold-file-checks.ts';

/**
 * Every Markdown page under `folder`, as paths relative to it.
 *
 * @example
 * ```ts
 * markdownPages('docs/api'); // ['index.md', 'measure/index.md', ...]
 * ```
 */
export function markdownPages(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.mdx?$/.test(name))
    .sort();
}

/**
 * The problems of one generated API page read as the build reads it (front matter, then MDX with GFM
 * and directives); each names the page and, where the page says, the source file its text comes from.
 *
 * @example
 * ```ts
 * await apiPageProblems('docs/api/measure/index.md', 'Splits a `<slug>`.'); // []
 * await apiPageProblems('docs/api/measure/index.md', 'Splits a <slug>.'); // ['docs/api/measure/index.md: MDX: ... (write it in backticks in the JSDoc)']
 * ```
 */
export async function apiPageProblems(file: string, text: string): Promise<string[]> {
  const { problems } = await readMdxPage(file, text);
  if (problems.length === 0) return [];
  // typedoc-plugin-markdown links each declaration to its source: `Defined in: [examples/lab/…](…)`.
  const sources = [...new Set([...text.matchAll(/Defined in: \[([^\]:]+)/g)].map((match) => match[1]))];
  const where = sources.length ? ` (its text comes from the JSDoc in ${sources.slice(0, 3).join(', ')}${sources.length > 3 ? ', …' : ''})` : '';
  return problems.map((problem) => `${problem}${where}: write a word in angle brackets or braces in backticks`);
}

/**
 * Checks every page under `folder`.
 *
 * @example
 * ```ts
 * await checkApiPages('docs/api'); // { pages: 102, problems: [] }
 * ```
 */
export async function checkApiPages(folder: string): Promise<{ pages: number; problems: string[] }> {
  const pages = markdownPages(folder);
  const problems: string[] = [];
  for (const page of pages) {
    const file = path.join(folder, page);
    problems.push(...(await apiPageProblems(file, readFileSync(file, 'utf8'))));
  }
  return { pages: pages.length, problems };
}
