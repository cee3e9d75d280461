import { describe, expect, it } from 'vitest';
import { useSiteInChromium } from './site-in-chromium.ts';

// Work a page must not do while it loads, checked by counting rather than timing (timings on these
// machines are too noisy for a test). The first `localeCompare` or `Intl.Collator` in a page loads the
// browser's collation data: 11 to 28 ms of main thread here, before any CPU slowdown. The theme
// reached it through its code blocks' word-wrap hook and the phone menu's sidebar
// (src/code-highlighting/useCodeWordWrap.ts, src/theme/DocSidebar).
const site = useSiteInChromium();

const countCollation = `(() => {
  window.__collations = 0;
  const localeCompare = String.prototype.localeCompare;
  String.prototype.localeCompare = function (...args) { window.__collations += 1; return localeCompare.apply(this, args); };
  const Collator = Intl.Collator;
  Intl.Collator = function (...args) { window.__collations += 1; return new Collator(...args); };
})()`;

describe('loading a page', () => {
  for (const [device, options] of [
    ['a phone', { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true }],
    ['a desktop', { viewport: { width: 1280, height: 800 } }],
  ] as const) {
    it(`collates no text on ${device} (a doc page with code blocks and a sidebar)`, async () => {
      const context = await site.browser.newContext(options);
      try {
        const page = await context.newPage();
        await page.addInitScript(countCollation);
        await page.goto(`${site.origin}/docs/api/measure`, { waitUntil: 'networkidle' });
        expect(await page.locator('.theme-code-block').count()).toBeGreaterThan(0);
        expect(await page.evaluate('window.__collations')).toBe(0);
        // The count is live: the phone menu's sidebar, mounted when the menu is reached for, does collate.
        if (device === 'a phone') {
          await page.getByRole('button', { name: /toggle navigation/i }).focus();
          await expect.poll(() => page.evaluate('window.__collations')).toBeGreaterThan(0);
        }
      } finally {
        await context.close();
      }
    });
  }
});
