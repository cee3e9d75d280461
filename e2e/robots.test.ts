import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFor, serveBuild } from './site-server.ts';

// plugins/robots writes robots.txt at build time from the same address setting as the site.
let site: Awaited<ReturnType<typeof serveBuild>>;
beforeAll(async () => {
  site = await serveBuild();
});
afterAll(() => site?.close());

describe('robots.txt', () => {
  it('is in the build, allows every crawler, and names a sitemap under the site address that the server answers', async () => {
    const response = await fetch(`${site.root}/robots.txt`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^User-agent: \*\nAllow: \/\n/);
    const sitemap = /^Sitemap: (\S+)$/m.exec(text)?.[1] ?? '';
    const siteAddress = `${builtFor.url}${builtFor.baseUrl}`;
    expect(sitemap).toBe(`${siteAddress}sitemap.xml`);
    const served = await fetch(`${site.root}/${sitemap.slice(siteAddress.length)}`);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain(`<loc>${siteAddress}docs/intro</loc>`);
  });
});
