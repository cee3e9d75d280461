import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/**
 * The text of a robots.txt that lets every crawler read everything and names the sitemap by its
 * absolute URL (`Sitemap:` must be absolute), the one the sitemap plugin writes at `${baseUrl}sitemap.xml`.
 *
 * @example
 * ```ts
 * robotsTxt('https://lab.example.org', '/');
 * // 'User-agent: *\nAllow: /\n\nSitemap: https://lab.example.org/sitemap.xml\n'
 * ```
 */
export function robotsTxt(url: string, baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${url}${baseUrl}sitemap.xml\n`;
}

/**
 * Writes `robots.txt` into the build from the site's own `url` and `baseUrl`, so that it names the
 * sitemap where the build is served. Crawlers read robots.txt only at the root of a host: under a
 * GitHub project page (`https://<owner>.github.io/<repo>/robots.txt`) it is never read, and it takes
 * effect only when the site is served at a host's root, on a custom domain (SITE_URL).
 *
 * @example
 * ```ts
 * plugins: [robots]
 * ```
 */
export default function robots(context: LoadContext): Plugin {
  return {
    name: 'robots',
    async postBuild({ outDir }) {
      await writeFile(path.join(outDir, 'robots.txt'), robotsTxt(context.siteConfig.url, context.siteConfig.baseUrl));
    },
  };
}
