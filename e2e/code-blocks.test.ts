import { describe, expect, it } from 'vitest';
import { scriptsContaining } from './loaded-scripts.ts';
import { useSiteInChromium } from './site-in-chromium.ts';
import { basePath } from './site-server.ts';

// Code is highlighted on the server only (plugins/code-highlighting): a page that loads keeps the
// server's highlighted HTML, never loads Prism, and takes its colours from the colour mode's CSS.
const site = useSiteInChromium();

/** Prism's grammars: `clike` is the one every C-like grammar extends. */
const prismMarker = 'clike';

const keyword = 'pre code .token.keyword';

describe('code blocks', () => {
  it('keep the server’s highlighting through hydration without loading Prism, and highlight after a client-side navigation', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const prism = scriptsContaining(page, prismMarker);
    try {
      await page.goto(`${site.root}/docs/api/measure`, { waitUntil: 'networkidle' });
      expect(await page.locator('pre code .token').count()).toBeGreaterThan(100);
      expect(await page.locator(keyword).count()).toBeGreaterThan(0);
      // Colours come from classes, not from inline styles that only suit one colour mode.
      expect(await page.locator('pre code .token[style]').count()).toBe(0);
      expect(prism()).toEqual([]);

      // The footer's link is a client-side navigation: that page's block is rendered by the browser.
      await page.locator(`footer a[href="${basePath}/docs/intro"]`).click();
      await page.waitForURL('**/docs/intro');
      await expect.poll(() => page.locator('pre code .token.function').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(prism()).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('offer word wrap on a phone, where a long line scrolls sideways, and wrap when asked', async () => {
    const context = await site.browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await page.goto(`${site.root}/docs/api/measure`, { waitUntil: 'networkidle' });
      const block = page.locator('.theme-code-block').filter({ has: page.getByRole('button', { name: /word wrap/i }) }).first();
      const code = block.locator('pre code');
      const scrolls = () => block.locator('pre').evaluate((pre) => pre.scrollWidth > pre.clientWidth);
      expect(await scrolls()).toBe(true);
      await block.hover();
      await block.getByRole('button', { name: /word wrap/i }).click();
      expect(await code.evaluate((element) => getComputedStyle(element).whiteSpace)).toBe('pre-wrap');
      expect(await scrolls()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('take the colour mode’s token colours', async () => {
    const colour = async (colorScheme: 'light' | 'dark') => {
      const context = await site.browser.newContext({ colorScheme });
      try {
        const page = await context.newPage();
        await page.goto(`${site.root}/docs/api/measure`, { waitUntil: 'networkidle' });
        expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(colorScheme);
        return await page.locator(keyword).first().evaluate((token) => getComputedStyle(token).color);
      } finally {
        await context.close();
      }
    };
    const [light, dark] = [await colour('light'), await colour('dark')];
    // github's keyword blue and dracula's keyword purple (docusaurus.config.ts, themeConfig.prism).
    expect(light).toBe('rgb(0, 0, 159)');
    expect(dark).toBe('rgb(189, 147, 249)');
  });
});
