import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { waitForFigures } from './figures.ts';
import { recordProblems } from './page-problems.ts';
import { useSiteInChromium } from './site-in-chromium.ts';
import { builtFor, builtPagePaths } from './site-server.ts';

const pagePaths = builtPagePaths();
const site = useSiteInChromium();

// The rules whose outcome depends on colours: the only ones the dark theme can change, since it
// swaps colours and leaves the markup (and the redrawn diagrams' structure) as it was.
const colourRules = ['color-contrast', 'link-in-text-block'];

async function violations(page: Page, rules?: readonly string[]): Promise<string[]> {
  // axe.run in the page itself ("legacy mode"): the default runs axe in every frame and then
  // gathers the results in a new blank page, which doubled the time of each pass here. It skips
  // cross-origin frames only, and the pages have no frame at all (checked below).
  const builder = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
  if (rules) builder.withRules([...rules]);
  const { violations: found } = await builder.analyze();
  return found.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help}; ${violation.nodes.length} element(s), e.g. ${violation.nodes[0]?.target.join(' ')} — ${violation.nodes[0]?.failureSummary?.replace(/\s+/g, ' ')}`,
  );
}

// Every URL of the sitemap, loaded once: it must load cleanly (status 200, no console error, no
// failed request, every diagram and plot drawn), then pass axe-core in light mode and again in dark
// mode switched with the navbar's own toggle (as a reader does; diagrams redraw in the dark theme):
// every rule in light mode, the colour rules in dark mode. A violation names the rule, the elements
// and how to fix them.
describe.concurrent('every built page loads cleanly and has no axe violations, in light and dark mode', () => {
  it('finds the pages in the sitemap, the claim page among them', ({ expect }) => {
    expect(pagePaths).toContain('/docs/nanoservices/chaining');
    expect(pagePaths).toContain('/');
  });

  // The build is served under its base only, as GitHub Pages serves a project site under
  // /<repository>/: an asset or a link that ignores the base is a failed request on some page below.
  it('serves the build under its base only', async ({ expect }) => {
    expect((await fetch(`${site.root}/docs/intro`)).status).toBe(200);
    if (builtFor.baseUrl !== '/') expect((await fetch(`${site.origin}/docs/intro`)).status).toBe(404);
  });

  // Two axe passes over a long page, five pages at a time on two cores: a minute is not always enough.
  it.for(pagePaths)('%s', { timeout: 180_000 }, async (pagePath, { expect }) => {
    const context = await site.browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    const problems = recordProblems(page);
    try {
      const response = await page.goto(`${site.root}${pagePath}`, { waitUntil: 'networkidle' });
      expect(response?.status(), 'the page itself').toBe(200);
      expect(await page.getAttribute('html', 'data-theme')).toBe('light');
      expect(await waitForFigures(page)).toEqual([]);
      expect(page.frames().length, 'a frame on the page: axe in legacy mode would not check a cross-origin one').toBe(1);
      expect(await violations(page), 'light mode').toEqual([]);

      const toggle = page.getByRole('button', { name: /dark mode|light mode|system mode/i }).first();
      for (let i = 0; i < 3 && (await page.getAttribute('html', 'data-theme')) !== 'dark'; i += 1) await toggle.click();
      expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
      await page.waitForTimeout(300);
      expect(await waitForFigures(page)).toEqual([]);
      expect(await violations(page, colourRules), 'dark mode').toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
