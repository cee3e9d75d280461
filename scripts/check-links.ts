/**
 * Lists the external links of the built site and checks them: always that each is a well-formed
 * https URL to a public host; with `--online` (where a network exists), that each answers below 400.
 *
 *   npm run build && npm run check:links [-- --online]
 */
import { buildDir } from '../e2e/site-server.ts';
import { externalLinks, linkProblem } from './external-links.ts';

const online = process.argv.includes('--online');
const links = externalLinks(buildDir);
const problems: string[] = [];
for (const link of links) {
  const problem = linkProblem(link.url);
  if (problem) problems.push(`${link.url}: ${problem} (on ${link.pages.slice(0, 3).join(', ')}${link.pages.length > 3 ? ', …' : ''})`);
}
if (online) {
  for (const link of links.filter((candidate) => !linkProblem(candidate.url))) {
    const response = await fetch(link.url, { method: 'GET', redirect: 'follow', signal: AbortSignal.timeout(15_000) }).catch((error: Error) => error);
    if (response instanceof Error) problems.push(`${link.url}: ${response.message}`);
    else if (response.status >= 400) problems.push(`${link.url}: HTTP ${response.status}`);
  }
}
console.log(`${links.length} external links on ${new Set(links.flatMap((link) => link.pages)).size} pages:`);
for (const link of links) console.log(`  ${link.url}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} link problem${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`\nall well-formed https URLs${online ? ', and all answered' : ' (run with --online where a network exists to fetch them)'}`);
}
