/**
 * `npm run typedoc` ends with this: every page it wrote into docs/api must compile as the site's
 * build compiles it (scripts/api-pages.ts). Exit 1 with each page's problem and its source.
 */
import { existsSync } from 'node:fs';
import { checkApiPages } from './api-pages.ts';

const folder = 'docs/api';
if (!existsSync(folder)) {
  console.error(`${folder} does not exist: run npm run typedoc, which writes it`);
  process.exit(1);
}
const { pages, problems } = await checkApiPages(folder);
if (problems.length > 0) {
  console.error(`${problems.length} of ${pages} API pages would break the site's build:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`${pages} API pages compile as MDX, as the build reads them`);
}
