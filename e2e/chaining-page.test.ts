import { describe, expect, it } from 'vitest';
import { figureCounts, waitForFigures } from './figures.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const site = useSiteInChromium();

describe('the nano-chaining page', () => {
  it('shows its diagrams, its plots, its measured figures and its tested source', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${site.root}/docs/nanoservices/chaining`, { waitUntil: 'networkidle' });
      // Figures far below the fold wait for the reader to scroll towards them.
      const unscrolled = await figureCounts(page);
      expect(unscrolled.drawn).toBeLessThan(unscrolled.figures);
      expect(await waitForFigures(page)).toEqual([]);
      // The three shapes, drawn when the site was built: an image each in light mode, named by its accTitle, its source folded beneath.
      const diagrams = page.locator('[data-figure="diagram"] img[data-colour-mode="light"]');
      expect(await diagrams.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).alt))).toEqual([
        'The checkout cut as monolith: 1 deploy unit',
        'The checkout cut as microservices: 3 deploy units',
        'The checkout cut as nanoservices: 6 deploy units',
      ]);
      const shapeSource = page.locator('[data-figure="diagram"] details').first();
      await shapeSource.locator('summary', { hasText: 'Mermaid source' }).click();
      expect(await shapeSource.locator('pre').textContent()).toMatch(/^flowchart LR\n {2}accTitle: The checkout cut as monolith/);
      expect(await page.locator('figure > div[role="img"] svg').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('#nano-chaining').count()).toBe(1);
      const tables = await page.locator('table caption').allTextContents();
      expect(tables).toEqual(expect.arrayContaining(['What one added hop costs, next to the raw platform', 'Latency and throughput per shape and chain length']));
      expect(await page.getByText('Measured on', { exact: false }).count()).toBeGreaterThan(0);
      const source = page.locator('details', { has: page.locator('summary', { hasText: 'examples/nano-chaining/experiment.ts' }) });
      await source.locator('summary').click();
      expect(await source.locator('pre').textContent()).toContain('export const experiment = defineExperiment(');
    } finally {
      await context.close();
    }
  });
});
