import { describe, expect, it } from 'vitest';
import { openRunPanel, runInPanel } from './run-panel.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const lab = useSiteInChromium();

describe('running an experiment in the page', () => {
  it('runs nano-chaining in a worker with the reader’s parameters and shows a table and a plot', async () => {
    await runInPanel(lab, '/docs/nanoservices/chaining', { 'chain lengths': '1, 4', 'iterations': '60', 'throughput requests': '60' }, async ({ results, seconds }) => {
      // The run used the values typed, not the defaults: chains of 1 and 4 functions, three shapes each.
      const firstTable = results.locator('table').first();
      const lengths = await firstTable.locator('tbody tr td:nth-child(3)').allTextContents();
      expect(lengths).toEqual(['1', '1', '1', '4', '4', '4']);
      expect(await results.textContent()).toContain('"iterations":60');
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await results.textContent()).toMatch(/same receipt/);
      console.log(`in-page nano-chaining run with chains 1,4 and 60 iterations: ${seconds.toFixed(1)} s`);
    });
  });

  it('refuses a bad parameter with a message beside the field, and runs nothing', async () => {
    const context = await lab.browser.newContext();
    const page = await context.newPage();
    try {
      const panel = await openRunPanel(page, lab.root + '/docs/nanoservices/chaining');
      await panel.getByLabel('chain lengths').fill('1, 9');
      await panel.getByRole('button', { name: 'Run in this tab' }).click();
      await expect.poll(() => panel.getByText(/item 2: Too big/).count(), { timeout: 10_000 }).toBe(1);
      expect(await panel.getByLabel('chain lengths').getAttribute('aria-invalid')).toBe('true');
      expect(await panel.getByRole('region', { name: 'Results of your run' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('cancels a long run, and the page stays responsive while it runs', async () => {
    const context = await lab.browser.newContext();
    const page = await context.newPage();
    try {
      const panel = await openRunPanel(page, lab.root + '/docs/nanoservices/chaining');
      await panel.getByLabel('iterations', { exact: true }).fill('20000');
      await panel.getByLabel('max seconds per measurement').fill('60');
      await panel.getByRole('button', { name: 'Run in this tab' }).click();
      await expect.poll(() => panel.getByRole('status').last().textContent(), { timeout: 15_000 }).toMatch(/of \d+:/);
      // The main thread answers while the worker measures.
      expect(await page.evaluate(() => new Promise<number>((resolve) => setTimeout(() => resolve(1), 10)))).toBe(1);
      await panel.getByRole('button', { name: 'Cancel' }).click();
      expect(await panel.getByRole('status').last().textContent()).toBe('Cancelled.');
      expect(await panel.getByRole('button', { name: 'Run in this tab' }).isEnabled()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
