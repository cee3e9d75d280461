import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { figureCounts } from './figures.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

// Plots are drawn, and diagrams' images loaded, as they near the viewport (src/components/useNearViewport.ts,
// lazy images), so a page printed without scrolling would print blank boxes below the fold: printing
// draws and loads them all.
const site = useSiteInChromium();
const page = '/docs/nanoservices/chaining';

async function openUnscrolled(tab: Page): Promise<void> {
  await tab.goto(`${site.root}${page}`, { waitUntil: 'networkidle' });
  const before = await figureCounts(tab);
  // The page has several figures and, unscrolled, draws only those near the top.
  expect(before.figures).toBeGreaterThanOrEqual(5);
  expect(before.drawn).toBeLessThan(before.figures);
}

async function expectAllDrawnWithoutScrolling(tab: Page): Promise<void> {
  await expect.poll(async () => (await figureCounts(tab)).drawn, { timeout: 20_000 }).toBe((await figureCounts(tab)).figures);
  expect(await tab.evaluate(() => window.scrollY)).toBe(0);
}

describe('printing a page', () => {
  it('draws every diagram and plot when Chromium prints it (page.pdf() fires beforeprint), without scrolling', async () => {
    const context = await site.browser.newContext();
    try {
      const tab = await context.newPage();
      await openUnscrolled(tab);
      const events: string[] = [];
      await tab.exposeFunction('recordPrintEvent', (name: string) => events.push(name));
      await tab.evaluate(() => addEventListener('beforeprint', () => (window as unknown as { recordPrintEvent(name: string): void }).recordPrintEvent('beforeprint')));
      await tab.pdf();
      expect(events).toEqual(['beforeprint']);
      await expectAllDrawnWithoutScrolling(tab);
    } finally {
      await context.close();
    }
  });

  it('draws them all as soon as the print media query matches, without a beforeprint event', async () => {
    const context = await site.browser.newContext();
    try {
      const tab = await context.newPage();
      await openUnscrolled(tab);
      await tab.emulateMedia({ media: 'print' });
      await expectAllDrawnWithoutScrolling(tab);
    } finally {
      await context.close();
    }
  });
});
