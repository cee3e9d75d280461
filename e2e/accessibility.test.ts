import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { waitForFigures } from './figures.ts';
import { builtPagePaths, serveBuild } from './site-server.ts';

const pagePaths = builtPagePaths();
let browser: Browser;
let site: Awaited<ReturnType<typeof serveBuild>>;

beforeAll(async () => {
  site = await serveBuild();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

// The rules whose outcome depends on colours: the only ones the dark theme can change, since it
// swaps colours and leaves the markup (and the redrawn diagrams' structure) as it was.
const colourRules = ['color-contrast', 'link-in-text-block'];

async function violations(page: Page, rules?: readonly string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  if (rules) builder.withRules([...rules]);
  const { violations: found } = await builder.analyze();
  return found.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help}; ${violation.nodes.length} element(s), e.g. ${violation.nodes[0]?.target.join(' ')} — ${violation.nodes[0]?.failureSummary?.replace(/\s+/g, ' ')}`,
  );
}

// axe-core on every URL of the sitemap in light mode, then in dark mode switched with the navbar's
// own toggle (as a reader does; diagrams redraw in the dark theme), after diagrams and plots are
// drawn: every rule in light mode, the colour rules in dark mode. A violation names the rule, the
// elements and how to fix them.
describe.concurrent('every built page has no axe violations, in light and dark mode', () => {
  // Two axe passes over a long page, five pages at a time on two cores: a minute is not always enough.
  it.for(pagePaths)('%s', { timeout: 180_000 }, async (pagePath, { expect }) => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    try {
      await page.goto(`${site.origin}${pagePath}`, { waitUntil: 'networkidle' });
      expect(await page.getAttribute('html', 'data-theme')).toBe('light');
      expect(await waitForFigures(page)).toEqual([]);
      expect(await violations(page), 'light mode').toEqual([]);

      const toggle = page.getByRole('button', { name: /dark mode|light mode|system mode/i }).first();
      for (let i = 0; i < 3 && (await page.getAttribute('html', 'data-theme')) !== 'dark'; i += 1) await toggle.click();
      expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
      await page.waitForTimeout(300);
      expect(await waitForFigures(page)).toEqual([]);
      expect(await violations(page, colourRules), 'dark mode').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
