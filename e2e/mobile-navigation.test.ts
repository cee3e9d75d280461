import { describe, expect, it } from 'vitest';
import { useSiteInChromium } from './site-in-chromium.ts';
import { basePath } from './site-server.ts';

// On a phone the sidebar and the desktop table of contents are hidden by CSS, and the navigation
// menu and its docs sidebar are mounted only when the menu's button is first pressed or focused
// (src/components/useMenuIntent.ts, used by src/theme/DocSidebar and Navbar/MobileSidebar).
const site = useSiteInChromium();

describe('navigation on a phone', () => {
  it('opens the menu from the keyboard, with the docs sidebar in it, and follows a link', async () => {
    const context = await site.browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${site.root}/docs/intro`, { waitUntil: 'networkidle' });
      expect(await page.locator('aside.theme-doc-sidebar-container').isVisible()).toBe(false);
      expect(await page.locator('.theme-doc-toc-desktop').isVisible()).toBe(false);
      expect(await page.locator('.theme-doc-toc-mobile').isVisible()).toBe(true);

      // The menu's button listens for the reader's intent from hydration on (useMenuIntent); on a busy
      // machine the network is idle well before the page has hydrated, and a focus before then is
      // missed. Docusaurus marks the end of hydration on <html>.
      await page.waitForSelector('html[data-has-hydrated="true"]', { state: 'attached' });
      await page.getByRole('button', { name: /toggle navigation/i }).focus();
      // Focusing the button mounts the closed menu and hands it the docs sidebar, over a few renders.
      // A person's Enter comes long after the focus; Playwright's comes within milliseconds. Wait as
      // a person would, for the closed menu to hold the sidebar, then check that it opens on it.
      await page.waitForSelector('.navbar-sidebar__items--show-secondary', { state: 'attached' });
      expect(await page.locator('.navbar.navbar-sidebar--show').count()).toBe(0);
      await page.keyboard.press('Enter');
      // The docs sidebar is in the menu from its first frame: the menu does not show the navbar's
      // links and then slide over to the sidebar.
      const firstFrame = await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => resolve(document.querySelector('.navbar-sidebar__items')?.className)))`);
      expect(firstFrame).toContain('navbar-sidebar__items--show-secondary');
      const menu = page.locator('.navbar-sidebar');
      await expect.poll(() => menu.isVisible()).toBe(true);
      const chaining = menu.locator(`a[href="${basePath}/docs/nanoservices/chaining"]`);
      expect(await chaining.count()).toBe(1);
      await chaining.click();
      await page.waitForURL('**/docs/nanoservices/chaining');
      await expect.poll(() => menu.isVisible()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the sidebar and the table of contents on a desktop-sized window', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${site.root}/docs/intro`, { waitUntil: 'networkidle' });
      expect(await page.locator('aside.theme-doc-sidebar-container').isVisible()).toBe(true);
      expect(await page.locator('.theme-doc-toc-desktop').isVisible()).toBe(true);
      expect(await page.locator('.theme-doc-toc-mobile').isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
