import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const reference = JSON.parse(readFileSync(new URL('reference-site/package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const installed = (require('@docusaurus/core/package.json') as { version: string }).version;

// The build budget's second opinion (scripts/build-judgement.ts) compares the site with the stock
// site of the same Docusaurus version: after an upgrade, the stock site must be written again.
describe('the reference site of the build budget', () => {
  it('is the stock template of the installed Docusaurus version', () => {
    expect(
      reference.dependencies['@docusaurus/core'],
      `regenerate it: npx create-docusaurus@${installed} reference-site classic --typescript --skip-install, then replace scripts/reference-site (keep no README)`,
    ).toBe(installed);
  });
});
