import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { describe, expect, it } from 'vitest';
import { siteAddress } from '../../src/site-address.ts';
import robots, { robotsTxt } from './index.ts';

describe('robotsTxt', () => {
  it('allows everything and names the sitemap under the base by its absolute URL', () => {
    expect(robotsTxt('https://granularity-lab.github.io', '/granularity-lab/')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://granularity-lab.github.io/granularity-lab/sitemap.xml\n',
    );
    expect(robotsTxt('https://lab.example.org', '/')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://lab.example.org/sitemap.xml\n');
  });
});

describe('the robots plugin', () => {
  it('writes robots.txt into the build after it is made, from the same address setting as the site', async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'robots-'));
    try {
      const { url, baseUrl } = siteAddress('https://github.com/granularity-lab/granularity-lab', { SITE_URL: 'https://lab.example.org/docs-site' });
      const plugin: Plugin = robots({ siteConfig: { url, baseUrl } } as LoadContext);
      await plugin.postBuild?.({ outDir } as Parameters<NonNullable<Plugin['postBuild']>>[0]);
      expect(readFileSync(path.join(outDir, 'robots.txt'), 'utf8')).toBe(`User-agent: *\nAllow: /\n\nSitemap: https://lab.example.org/docs-site/sitemap.xml\n`);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
