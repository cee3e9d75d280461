import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../scripts/png-size.ts';
import { builtFor, builtPagePaths, serveBuild } from './site-server.ts';

// A shared link shows the picture a page names in og:image and twitter:image. Crawlers read it from
// the HTML without running scripts, by an absolute URL: it must be under the site's address and be
// served there.
let site: Awaited<ReturnType<typeof serveBuild>>;
beforeAll(async () => {
  site = await serveBuild();
});
afterAll(() => site?.close());

const siteAddress = `${builtFor.url}${builtFor.baseUrl}`;

/** The value of an attribute in one tag, quoted or not (the build minifies HTML and drops quotes it can). */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`).exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The content of `<meta property|name="…">` in a page's HTML. */
function metaContent(html: string, key: string): string | undefined {
  const tag = [...html.matchAll(/<meta\b[^>]*>/g)].map((match) => match[0]).find((candidate) => (attribute(candidate, 'property') ?? attribute(candidate, 'name')) === key);
  return tag ? attribute(tag, 'content') : undefined;
}

describe('the social card', () => {
  it('is named by every built page, in og:image and twitter:image, by one absolute URL under the site address', async () => {
    const paths = builtPagePaths();
    expect(paths.length).toBeGreaterThan(20);
    const images = new Set<string>();
    for (const pagePath of paths) {
      const html = await (await fetch(`${site.root}${pagePath}`)).text();
      const og = metaContent(html, 'og:image');
      const twitter = metaContent(html, 'twitter:image');
      expect(og, `${pagePath}: og:image`).toBeDefined();
      expect(twitter, `${pagePath}: twitter:image`).toBe(og);
      images.add(og as string);
    }
    expect([...images]).toEqual([`${siteAddress}img/social-card.png`]);
  });

  it('is served at that URL as a 1200 × 630 PNG', async () => {
    const image = metaContent(await (await fetch(`${site.root}/docs/intro`)).text(), 'og:image') ?? '';
    expect(image.startsWith(siteAddress)).toBe(true);
    // The same path on the local server that stands in for the site's host.
    const response = await fetch(`${site.root}/${image.slice(siteAddress.length)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  });
});
