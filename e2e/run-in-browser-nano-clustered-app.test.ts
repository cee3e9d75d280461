import { describe, expect, it } from 'vitest';
import { runInPanel } from './run-panel.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const lab = useSiteInChromium();

describe('running nano-clustered-app in the page', () => {
  it('runs the fault run in a worker with the reader’s probabilities and attempts, and shows a table and plots', async () => {
    await runInPanel(lab, '/docs/nanoservices/clustered-app', { 'failure probabilities': '0, 0.1', 'attempts': '1, 2', 'checkouts': '100' }, async ({ results, seconds }) => {
      // The run used the values typed, not the defaults: p = 0 once per shape, p = 0.1 with 1 and 2 attempts per shape.
      const firstTable = results.locator('table').first();
      expect(await firstTable.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['0', '0', '0', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1']);
      // No fault per function run unless the reader asks for one; then the attempts, then the checkouts sent.
      expect(new Set(await firstTable.locator('tbody tr td:nth-child(4)').allTextContents())).toEqual(new Set(['0']));
      expect(await firstTable.locator('tbody tr td:nth-child(5)').allTextContents()).toEqual(['1', '1', '1', '1', '1', '1', '2', '2', '2']);
      // 100 checkouts in each of the five independent runs.
      expect(new Set(await firstTable.locator('tbody tr td:nth-child(6)').allTextContents())).toEqual(new Set(['500']));
      expect(await results.textContent()).toContain('"checkouts":100');
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await results.textContent()).toMatch(/refusing 10% of requests and no retry/);
      console.log(`in-page nano-clustered-app run with p 0,0.1, attempts 1,2 and 100 checkouts: ${seconds.toFixed(1)} s`);
    });
  });
});
