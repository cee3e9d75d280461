import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPagePaths, serveBuild } from './site-server.ts';

// Doc pages show when they last changed, from git (showLastUpdateTime in docusaurus.config.ts).
let site: Awaited<ReturnType<typeof serveBuild>>;
beforeAll(async () => {
  site = await serveBuild();
});
afterAll(() => site?.close());

/** The `datetime` of a page's "Last updated" time, if it shows one (the build may drop attribute quotes). */
async function lastUpdated(page: string): Promise<string | undefined> {
  const html = await (await fetch(`${site.root}${page}`)).text();
  return /<time\b[^>]*\bdatetime="?([^"\s>]+)"?[^>]*\bitemprop="?dateModified/.exec(html)?.[1];
}

describe('last-updated dates', () => {
  it('are shown on the written pages, dated from their commits, not all from one', async () => {
    const written = builtPagePaths().filter((page) => page.startsWith('/docs/') && !page.startsWith('/docs/api'));
    const dates = await Promise.all(written.map(lastUpdated));
    expect(dates.filter((date) => date === undefined)).toEqual([]);
    for (const date of dates) expect(Number.isNaN(Date.parse(date as string))).toBe(false);
    // A shallow checkout would date every page from the one commit it has.
    expect(new Set(dates).size).toBeGreaterThan(1);
  });

  it('are not shown on the generated API pages, which git does not track', async () => {
    const api = builtPagePaths().filter((page) => page.startsWith('/docs/api'));
    expect(api.length).toBeGreaterThan(10);
    expect((await Promise.all(api.map(lastUpdated))).filter((date) => date !== undefined)).toEqual([]);
  });
});
