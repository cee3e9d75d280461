import { describe, expect, it } from 'vitest';
import { claims } from '../examples/claims/registry.ts';
import { experimentIds } from '../examples/experiments.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const site = useSiteInChromium();

// Every measured claim's verdict box names the step of the one verdict rule that decided it and links
// to the page that states the rule; that page shows the rule's source, imported from the lab.
describe('the verdict rule on the pages', () => {
  it('states the rule with its thresholds and shows the code it is', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${site.root}/docs/how-verdicts-are-decided`, { waitUntil: 'networkidle' });
      const text = (await page.locator('article').textContent()) ?? '';
      expect(text).toMatch(/1\.1×/);
      expect(text).toContain('export function decideVerdict');
    } finally {
      await context.close();
    }
  });

  it.each(claims.filter((claim) => experimentIds.includes(claim.id)).map((claim) => [claim.id, claim.page] as const))('%s names the rule step that decided its verdict', async (id, pagePath) => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${site.root}/docs/${pagePath}`, { waitUntil: 'domcontentloaded' });
      const box = page.getByRole('note', { name: `Claim ${id}` });
      // The site's base path comes first where the site is served under one.
      expect(await box.getByRole('link', { name: 'the verdict rule' }).getAttribute('href')).toMatch(/\/docs\/how-verdicts-are-decided$/);
      expect(await box.textContent()).toMatch(/Decided by the verdict rule: .+\./);
    } finally {
      await context.close();
    }
  });
});
