import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { basePath, buildDir } from './site-server.ts';

/**
 * Records the scripts a page loads from now on, and returns a function that lists (as paths in the
 * build, without the site's base) those whose code contains `marker`: a library's own identifier tells whether it was loaded.
 *
 * @example
 * ```ts
 * const prism = scriptsContaining(page, 'clike');
 * await page.goto(url);
 * expect(prism()).toEqual([]);
 * ```
 */
export function scriptsContaining(page: Page, marker: string): () => string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.slice(basePath.length));
  });
  return () => scripts.filter((script) => readFileSync(path.join(buildDir, script), 'utf8').includes(marker));
}
