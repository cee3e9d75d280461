import { describe, expect, it } from 'vitest';
import { auditedPages } from '../scripts/audited-pages.ts';
import { scriptsContaining } from './loaded-scripts.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

// Work a page must not do while it loads, checked by counting calls rather than by timing (timings on
// these machines are too noisy for a test).
//
// The first use in a page of each of the browser's locale services (collation, number and date
// formatting, plural rules) loads its locale data: 30 to 65 ms of main thread each on this machine,
// before any CPU slowdown. The theme reached collation through its code blocks' word-wrap hook and the
// phone menu's sidebar (src/code-highlighting/useCodeWordWrap.ts, src/theme/DocSidebar).
//
// Nor does a page load zod (about 90 KB, and its setup on the main thread) at load: a claim page that
// needs the checkout's step names imports `examples/checkout/step-names.ts`, and the decision guide
// loads its validation when the reader first reaches for the form.
const site = useSiteInChromium();

/** zod's own global registry: in zod's core, which every zod entry point loads. */
const zodMarker = '__zod_globalRegistry';

/** Counts, in `window.__localeCalls`, every call that would load locale data. */
const countLocaleCalls = `(() => {
  window.__localeCalls = [];
  const count = (owner, name, label) => {
    const original = owner[name];
    owner[name] = function (...args) {
      window.__localeCalls.push(label);
      return new.target ? new original(...args) : original.apply(this, args);
    };
  };
  count(String.prototype, 'localeCompare', 'String.prototype.localeCompare');
  count(Number.prototype, 'toLocaleString', 'Number.prototype.toLocaleString');
  for (const name of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) count(Date.prototype, name, 'Date.prototype.' + name);
  for (const name of ['Collator', 'NumberFormat', 'DateTimeFormat', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter']) count(Intl, name, 'Intl.' + name);
})()`;

const phone = { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true };

describe('loading an audited page on a phone', () => {
  for (const { path } of auditedPages) {
    it(`uses no locale service and loads no zod: ${path}`, async () => {
      const context = await site.browser.newContext(phone);
      try {
        const page = await context.newPage();
        await page.addInitScript(countLocaleCalls);
        const zod = scriptsContaining(page, zodMarker);
        await page.goto(`${site.root}${path}`, { waitUntil: 'networkidle' });
        expect(await page.evaluate('window.__localeCalls')).toEqual([]);
        expect(zod()).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('counts live: the phone menu’s sidebar, mounted when the menu’s button is reached for, does collate', async () => {
    const context = await site.browser.newContext(phone);
    try {
      const page = await context.newPage();
      await page.addInitScript(countLocaleCalls);
      await page.goto(`${site.root}/docs/api/measure`, { waitUntil: 'networkidle' });
      expect(await page.evaluate('window.__localeCalls')).toEqual([]);
      await page.getByRole('button', { name: /toggle navigation/i }).focus();
      await expect.poll(() => page.evaluate('window.__localeCalls')).toContain('String.prototype.localeCompare');
    } finally {
      await context.close();
    }
  });
});

describe('the decision guide', () => {
  it('loads its validation, and zod with it, when the reader first reaches for the form', async () => {
    const context = await site.browser.newContext(phone);
    try {
      const page = await context.newPage();
      const zod = scriptsContaining(page, zodMarker);
      await page.goto(`${site.root}/docs/decision-guide`, { waitUntil: 'networkidle' });
      expect(zod()).toEqual([]);
      await page.getByLabel('Teams', { exact: true }).focus();
      await expect.poll(() => zod().length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});

describe('loading a doc page on a desktop', () => {
  it('uses no locale service (the code blocks’ word-wrap hook runs there too)', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(countLocaleCalls);
      await page.goto(`${site.root}/docs/api/measure`, { waitUntil: 'networkidle' });
      expect(await page.locator('.theme-code-block').count()).toBeGreaterThan(0);
      expect(await page.evaluate('window.__localeCalls')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
