import { describe, expect, it } from 'vitest';
import { runInPanel } from './run-panel.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const lab = useSiteInChromium();

describe('running micro-third-party in the page', () => {
  it('runs the outage against the in-memory provider with the reader’s policies, failure rate and timeout, and shows tables and plots', async () => {
    await runInPanel(lab, '/docs/microservices/third-party', { 'placements': 'in-process, service', 'policies': 'plain, timeout+retry+breaker', 'error rate': '0.1', 'timeout (ms)': '120', 'duration (ms)': '1200', 'outage answer (ms)': '300' }, async ({ results, seconds }) => {
      // The run used the values typed, not the defaults: two placements, two policies, in the outage table.
      const outage = results.locator('table').first();
      // The adapter service runs its default two replicas.
      expect(await outage.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['in-process', 'in-process', 'service ×2', 'service ×2']);
      expect(await outage.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['plain', 'timeout+retry+breaker', 'plain', 'timeout+retry+breaker']);
      const text = await results.textContent();
      expect(text).toContain('"errorRate":0.1');
      expect(text).toContain('"timeoutMs":120');
      expect(text).toContain('(240–960 ms of 1200 ms)');
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      expect(text).toMatch(/During the outage the breaker fast-failed \d+ of \d+ checkouts/);
      console.log(`in-page micro-third-party run, 2 placements × 2 policies × 1.2 s: ${seconds.toFixed(1)} s`);
    });
  });
});
