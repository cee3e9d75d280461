import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveBuild } from './site-server.ts';

/** The built site served on 127.0.0.1 and a Chromium to load it, for one test file. */
export interface SiteInChromium {
  /** Scheme, host and port of the local server. */
  readonly origin: string;
  /** The site's address under its base, without the trailing slash: `${root}/docs/intro` is a page. */
  readonly root: string;
  readonly browser: Browser;
}

/**
 * Serves the build and launches Chromium before the file's tests, and stops both after them.
 * The returned object is filled in by `beforeAll`: read it inside tests only.
 */
export function useSiteInChromium(): SiteInChromium {
  const lab = {} as { origin: string; root: string; browser: Browser };
  let site: Awaited<ReturnType<typeof serveBuild>> | undefined;
  beforeAll(async () => {
    site = await serveBuild();
    lab.origin = site.origin;
    lab.root = site.root;
    lab.browser = await launchChromium();
  });
  afterAll(async () => {
    await lab.browser?.close();
    await site?.close();
  });
  return lab;
}
