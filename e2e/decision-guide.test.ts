import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSiteInChromium } from './site-in-chromium.ts';
import { basePath } from './site-server.ts';

const site = useSiteInChromium();

const answer = (page: Page) => page.getByTestId('decision-guide-answer');
const recommendation = (page: Page) => answer(page).locator('p[data-granularity]').textContent();

/** Replaces a number field's value from the keyboard: focus, select all, type. */
async function typeInto(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
}

/** The claim sections the answer links to, e.g. `/docs/nanoservices/chaining#nano-chaining` (its published sources link to other sites). */
async function reasonLinks(page: Page): Promise<string[]> {
  return answer(page)
    .locator('li a[href^="/"]')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname + new URL((link as HTMLAnchorElement).href).hash))
    .then((links) => links.map((link) => link.slice(basePath.length)));
}

describe('the decision guide page', () => {
  it('server-renders the default answer in the space it keeps after the page comes alive', async () => {
    const staticContext = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const liveContext = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const staticPage = await staticContext.newPage();
      await staticPage.goto(`${site.root}/docs/decision-guide`);
      expect(await recommendation(staticPage)).toBe('Modular monolith');
      const staticBox = await answer(staticPage).boundingBox();

      const livePage = await liveContext.newPage();
      await livePage.goto(`${site.root}/docs/decision-guide`, { waitUntil: 'networkidle' });
      expect(await recommendation(livePage)).toBe('Modular monolith');
      const liveBox = await answer(livePage).boundingBox();
      expect(liveBox?.y).toBe(staticBox?.y);
      expect(liveBox?.height).toBe(staticBox?.height);
      // On a phone the page does not scroll sideways.
      expect(await livePage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    } finally {
      await staticContext.close();
      await liveContext.close();
    }
  });

  it('answers two different situations differently, each with reasons that link to existing claim sections', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${site.root}/docs/decision-guide`, { waitUntil: 'networkidle' });
      const url = page.url();
      expect(await answer(page).getAttribute('aria-live')).toBe('polite');

      // One team, a 50 ms budget, eight functions deep.
      await typeInto(page, 'Teams', '1');
      await typeInto(page, 'Latency budget (ms)', '50');
      await typeInto(page, 'Call depth', '8');
      await page.keyboard.press('Enter');
      await expect.poll(() => recommendation(page)).toBe('Monolith');
      expect(page.url(), 'Enter does not submit the form').toBe(url);
      const monolithLinks = await reasonLinks(page);
      expect(monolithLinks.length).toBeGreaterThan(0);
      expect(await answer(page).textContent()).toContain('evidence/nano-chaining.json');

      // Twelve teams deploying daily, a 2 s budget, three functions deep, spiky traffic.
      await typeInto(page, 'Teams', '12');
      await page.getByLabel('Deploy frequency', { exact: true }).selectOption('daily');
      await typeInto(page, 'Latency budget (ms)', '2000');
      await typeInto(page, 'Call depth', '3');
      await page.getByLabel('spiky bursts').focus();
      await page.keyboard.press('Space');
      expect(await page.getByLabel('spiky bursts').isChecked()).toBe(true);
      await expect.poll(() => recommendation(page)).toBe('Microservices');
      const microLinks = await reasonLinks(page);
      expect(microLinks.some((link) => link === '/docs/microservices/lockstep#micro-lockstep')).toBe(true);
      for (const link of [...monolithLinks, ...microLinks]) expect(link).toMatch(/^\/docs\/[a-z-]+\/[a-z-]+#(nano|micro|modular-monolith)-[a-z-]+$/);

      // A field left empty is named, and the answer comes back once it is filled in.
      await typeInto(page, 'Teams', '');
      await page.keyboard.press('Backspace');
      await expect.poll(() => answer(page).textContent()).toContain('Teams must be a number');
      expect(await page.getByLabel('Teams', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await typeInto(page, 'Teams', '12');
      await expect.poll(() => recommendation(page)).toBe('Microservices');

      // Follow a reason to its claim section: the anchor exists there.
      await answer(page).locator('a[href$="#micro-lockstep"]').first().click();
      await page.waitForURL('**/docs/microservices/lockstep#micro-lockstep');
      // The link navigates on the client: wait for the new page to render before counting.
      await expect.poll(() => page.locator('#micro-lockstep').count(), { timeout: 10_000 }).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says so, instead of answering, when its checks cannot be loaded; and answers once they can', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${site.root}/docs/decision-guide`, { waitUntil: 'networkidle' });
      // The network goes down after the page has loaded: the form's checks (loaded on first focus) cannot come.
      await page.route('**/*.js', (route) => route.abort('internetdisconnected'));
      await typeInto(page, 'Teams', '12');
      await expect.poll(() => answer(page).textContent()).toContain('could not be loaded');
      expect(await answer(page).locator('p[data-granularity]').count()).toBe(0);

      await page.unroute('**/*.js');
      await typeInto(page, 'Call depth', '3');
      await expect.poll(() => recommendation(page)).toBe('Microservices');
    } finally {
      await context.close();
    }
  });

  it('every claim section the guide can link to exists on its page', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${site.root}/docs/decision-guide`, { waitUntil: 'networkidle' });
      const links = [...new Set(await page.locator('article a[href*="/docs/"][href*="#"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? '')))];
      expect(links.length).toBeGreaterThanOrEqual(7);
      for (const link of links) {
        const [pathname, anchor] = link.split('#');
        // The page's links carry the site's base already.
        await page.goto(`${site.origin}${pathname}`, { waitUntil: 'domcontentloaded' });
        expect(await page.locator(`[id="${anchor}"]`).count(), link).toBe(1);
      }
    } finally {
      await context.close();
    }
  });
});
