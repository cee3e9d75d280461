/**
 * `npm run social-card`: draws the picture a shared link shows (themeConfig.image) from the HTML
 * template beside this file, in Chromium, and writes static/img/social-card.png (1200 × 630, the size
 * Open Graph and Twitter cards expect). Run it after changing the template or the site's title,
 * tagline or address, and commit the PNG.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from '@docusaurus/types';
import loadedConfig from '../docusaurus.config.ts';
import { launchChromium } from '../e2e/browser.ts';
import { pngSize } from './png-size.ts';

const template = new URL('./social-card.html', import.meta.url);
const output = fileURLToPath(new URL('../static/img/social-card.png', import.meta.url));
const size = { width: 1200, height: 630 };

// The site root is CommonJS (Docusaurus requires its pages), so from this ES module the config's
// default export arrives wrapped once more.
const config = (loadedConfig as Config & { default?: Config }).default ?? loadedConfig;

// The words come from the config, so that the card says what the site says.
const fields = {
  title: config.title,
  tagline: config.tagline ?? '',
  address: `${config.url}${config.baseUrl}`.replace(/^https?:\/\//, '').replace(/\/$/, ''),
};

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: size, deviceScaleFactor: 1 });
  await page.goto(template.href);
  await page.evaluate((values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) {
      const element = document.querySelector(`[data-field="${name}"]`);
      if (!element) throw new Error(`social-card.html has no [data-field="${name}"]`);
      element.textContent = value;
    }
  }, fields);
  // Text laid out in its final font before the picture is taken.
  await page.evaluate(() => document.fonts.ready);
  const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...size } });
  const drawn = pngSize(png);
  if (drawn.width !== size.width || drawn.height !== size.height) throw new Error(`drew ${drawn.width} × ${drawn.height}, not ${size.width} × ${size.height}`);
  writeFileSync(output, png);
  console.log(`wrote ${output} (${size.width} × ${size.height}, ${Math.round(png.length / 1024)} KiB)`);
} finally {
  await browser.close();
}
