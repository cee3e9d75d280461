import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { auditedPages } from '../scripts/audited-pages.ts';
import { scriptsContaining } from './loaded-scripts.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

// Every Mermaid diagram is drawn when the site is built (plugins/mermaid-svg, src/theme/Mermaid):
// a built page loads images and no Mermaid code, which cost a phone seconds of main thread when
// the section index drew its diagram in the browser.
const site = useSiteInChromium();

/** Mermaid's own error for a text it cannot place, in its core (detectType): in every bundle of Mermaid that draws anything. */
const mermaidMarker = 'No diagram type detected matching given configuration';

/** The audited pages, and the section index whose diagram at the top cost it its Lighthouse score. */
const pagePaths = [...new Set([...auditedPages.map(({ path }) => path), '/docs/microservices'])];

/** Pages that must have diagrams, so that the checks below cannot pass on a page without any. */
const pagesWithDiagrams = ['/docs/nanoservices/chaining', '/docs/microservices'];

/** The diagram images the reader sees (the others are hidden by CSS): their mode, name, size and whether they loaded. */
function visibleDiagrams(page: Page) {
  return page.locator('[data-figure="diagram"] img').evaluateAll((images) =>
    (images as HTMLImageElement[])
      .filter((image) => getComputedStyle(image).display !== 'none')
      .map((image) => ({
        mode: image.dataset.colourMode,
        file: new URL(image.currentSrc || image.src).pathname.split('/').pop(),
        name: image.alt,
        sized: image.hasAttribute('width') && image.hasAttribute('height'),
        loaded: image.complete && image.naturalWidth > 0,
      })),
  );
}

/** Scrolls every diagram into view, then back to the top, so that every lazy image has loaded. */
async function scrollThroughDiagrams(page: Page): Promise<void> {
  for (const figure of await page.locator('[data-figure="diagram"]').all()) await figure.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function switchToDark(page: Page): Promise<void> {
  // The navbar's own toggle, as a reader switches (light, dark, then the system's mode).
  const toggle = page.getByRole('button', { name: /dark mode|light mode|system mode/i }).first();
  for (let i = 0; i < 3 && (await page.getAttribute('html', 'data-theme')) !== 'dark'; i += 1) await toggle.click();
  expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
}

describe('the marker of Mermaid’s code', () => {
  it('is in the Mermaid bundle the theme would load, so finding it in no script means something', () => {
    const fromTheme = createRequire(createRequire(import.meta.url).resolve('@docusaurus/theme-mermaid'));
    expect(readFileSync(fromTheme.resolve('mermaid/dist/mermaid.min.js'), 'utf8')).toContain(mermaidMarker);
  });
});

describe('diagrams drawn when the site is built', () => {
  for (const path of pagePaths) {
    it(`${path}: loads no Mermaid code; its diagrams are named images that load and follow the colour mode`, async () => {
      const context = await site.browser.newContext({ colorScheme: 'light' });
      try {
        const page = await context.newPage();
        const mermaid = scriptsContaining(page, mermaidMarker);
        await page.goto(`${site.root}${path}`, { waitUntil: 'networkidle' });
        const count = await page.locator('[data-figure="diagram"]').count();
        if (pagesWithDiagrams.includes(path)) expect(count).toBeGreaterThan(0);

        await scrollThroughDiagrams(page);
        await expect.poll(async () => (await visibleDiagrams(page)).filter((image) => image.loaded).length, { timeout: 15_000 }).toBe(count);
        const light = await visibleDiagrams(page);
        expect(light).toHaveLength(count);
        for (const image of light) {
          expect(image).toMatchObject({ mode: 'light', file: expect.stringMatching(/^[0-9a-f]{16}\.light\.svg$/), sized: true, loaded: true });
          expect(image.name.trim().length, `the name of ${image.file}`).toBeGreaterThan(10);
        }
        // One image per diagram in the accessibility tree: the other colour mode's is hidden.
        for (const { name } of light) expect(await page.getByRole('img', { name, exact: true }).count()).toBe(light.filter((image) => image.name === name).length);

        await switchToDark(page);
        await scrollThroughDiagrams(page);
        await expect.poll(async () => (await visibleDiagrams(page)).filter((image) => image.mode === 'dark' && image.loaded).length, { timeout: 15_000 }).toBe(count);
        const dark = await visibleDiagrams(page);
        expect(dark.map((image) => image.file)).toEqual(light.map((image) => image.file?.replace('.light.svg', '.dark.svg')));
        expect(dark.map((image) => image.name)).toEqual(light.map((image) => image.name));

        expect(mermaid()).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('keeps each diagram’s Mermaid source, folded beneath it', async () => {
    const context = await site.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${site.root}/docs/microservices`, { waitUntil: 'networkidle' });
      const source = page.locator('[data-figure="diagram"] details').first();
      expect(await source.locator('pre').isVisible()).toBe(false);
      await source.locator('summary', { hasText: 'Mermaid source' }).click();
      expect(await source.locator('pre').textContent()).toMatch(/^flowchart LR\n {2}accTitle: The checkout cut as microservices: 3 deploy units\n/);
    } finally {
      await context.close();
    }
  });
});
