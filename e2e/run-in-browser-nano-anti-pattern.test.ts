import { describe, expect, it } from 'vitest';
import { runInPanel } from './run-panel.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const lab = useSiteInChromium();

describe('running nano-anti-pattern in the page', () => {
  it('runs the overhead measurement in a worker with the reader’s work and chain lengths, and shows tables and plots', async () => {
    await runInPanel(lab, '/docs/nanoservices/anti-pattern', { 'chain lengths': '2, 5', 'work (µs)': '0, 500', 'seconds per cell': '0.05' }, async ({ results, seconds }) => {
      // The run used the values typed, not the defaults: chains of 2 and 5 functions, 0 and 500 µs of work each.
      const overhead = results.locator('table').first();
      expect(await overhead.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['memory', 'memory', 'memory', 'memory']);
      expect(await overhead.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['CPU', 'CPU', 'CPU', 'CPU']);
      expect(await overhead.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['2', '5', '2', '5']);
      expect(await overhead.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(['0', '0', '500', '500']);
      expect(await results.textContent()).toContain('"secondsPerCell":0.05');
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await results.textContent()).toMatch(/% of a 5-function nanoservice checkout went to overhead/);
      console.log(`in-page nano-anti-pattern run with chains 2,5 and work 0,500 µs: ${seconds.toFixed(1)} s`);
    });
  });
});
