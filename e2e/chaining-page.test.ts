import { describe, expect, it } from 'vitest';
import { waitForFigures } from './figures.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const site = useSiteInChromium();

describe('the nano-chaining page', () => {
  it('shows its diagrams, its plots, its measured figures and its tested source', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${site.root}/docs/nanoservices/chaining`, { waitUntil: 'networkidle' });
      // Figures far below the fold wait for the reader to scroll towards them.
      expect(await page.locator('[data-figure] svg').count()).toBeLessThan(await page.locator('[data-figure]').count());
      expect(await waitForFigures(page)).toEqual([]);
      expect(await page.locator('.docusaurus-mermaid-container svg').count()).toBe(3);
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
