import { describe, expect, it } from 'vitest';
import { runInPanel } from './run-panel.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const lab = useSiteInChromium();

describe('running micro-business-modules in the page', () => {
  it('posts the reader’s malformed requests at the units with and without the contract at the door, and shows 4xx, 5xx and functions entered', async () => {
    await runInPanel(lab, '/docs/microservices/business-modules', { 'shapes': 'microservices', 'malformations': 'not JSON, JSON null', 'repeats': '2' }, async ({ results, seconds }) => {
      // Six routes × two kinds × two repeats = 24 malformed requests per mode, on the microservices only.
      const boundary = results.locator('table').first();
      const column = (n: number) => boundary.locator(`tbody tr td:nth-child(${n})`).allTextContents();
      expect(await column(1)).toEqual(['microservices', 'microservices']);
      expect(await column(2)).toEqual(['functions validate', 'contract at boundary']);
      expect(await column(6)).toEqual(['24', '24']);
      // Without the contract: "not JSON" is a 500 and "JSON null" enters a function; with it: all 400, nothing entered.
      expect(await column(7)).toEqual(['12', '24']);
      expect(await column(8)).toEqual(['12', '0']);
      expect(await column(9)).toEqual(['12', '0']);
      const text = await results.textContent();
      expect(text).toContain('"repeats":2');
      expect(text).toMatch(/^With the contract at the door, 24 of 24 malformed requests were refused with 4xx/);
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      console.log(`in-page micro-business-modules run on microservices, 2 kinds × 2 repeats: ${seconds.toFixed(1)} s`);
    });
  });
});
