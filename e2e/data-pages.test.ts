import { describe, expect, it } from 'vitest';
import { useSiteInChromium } from './site-in-chromium.ts';

const site = useSiteInChromium();

// The two claims about data ownership run on PostgreSQL (and the events on NATS JetStream): their
// pages show the database's own refusal and name the servers the figures come from.
describe.each([
  ['/docs/microservices/no-shared-data', 'permission denied for schema payments', /on PostgreSQL \d+\.\d+ and NATS [\d.]+ \(JetStream\) \(compared with embedded broker/],
  ['/docs/modular-monolith/data-ownership', 'permission denied for schema orders', /on PostgreSQL \d+\.\d+;/],
])('the page %s', (url, refusal, servers) => {
  it('shows PostgreSQL refusing the read across owners, and the servers in its evidence stamp', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${site.root}${url}`, { waitUntil: 'networkidle' });
      expect(await page.locator('article').getByText(refusal, { exact: false }).count()).toBeGreaterThan(0);
      expect(await page.locator('article').textContent()).toMatch(servers);
    } finally {
      await context.close();
    }
  });
});
