import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// The SHA-256 of each licence text as the SPDX licence list ships it (spdx-license-list 6.12.0,
// licenses/MIT.json and licenses/CC-BY-4.0.json, field licenseText): the files hold those texts
// verbatim, so an edit to a single character of the legal code fails here.
const spdxMitSha256 = '07c7993a082dd28479b2f48dd4ab9fac71bd97aeeecaa4cd89ef863fb3867c67';
const spdxCcBy40Sha256 = '4c3c0cad4496cdf420b45909eeba725243fb7709878fc1f8dff9e39357773b46';
const ccBy40Start = 'Creative Commons Attribution 4.0 International\n\n Creative Commons Corporation';

describe('the licences', () => {
  it('LICENSE is the MIT licence, copyright the contributors', () => {
    const licence = read('LICENSE');
    expect(licence).toContain('Copyright (c) 2026 The Granularity Lab contributors\n');
    const asSpdxShipsIt = licence.replace('2026 The Granularity Lab contributors', '<year> <copyright holders>').replace(/\n$/, '');
    expect(sha256(asSpdxShipsIt)).toBe(spdxMitSha256);
  });

  it('LICENSE-CONTENT says what it covers and how to attribute, then gives the CC BY 4.0 legal code verbatim', () => {
    const content = read('LICENSE-CONTENT');
    const start = content.indexOf(ccBy40Start);
    expect(start).toBeGreaterThan(0);
    const preamble = content.slice(0, start);
    for (const covered of ['docs/', 'evidence/', 'figures', 'diagrams', 'How to attribute', 'LICENSE']) expect(preamble).toContain(covered);
    expect(sha256(content.slice(start).replace(/\n$/, ''))).toBe(spdxCcBy40Sha256);
  });

  it('package.json and the site footer name both licences and the files that hold them', () => {
    const manifest = JSON.parse(read('package.json')) as { license: string };
    expect(manifest.license).toBe('MIT AND CC-BY-4.0');
    const config = read('docusaurus.config.ts');
    for (const file of ['LICENSE', 'LICENSE-CONTENT']) {
      expect(config).toContain(`/blob/main/${file}"`);
      expect(existsSync(new URL(`../${file}`, import.meta.url))).toBe(true);
    }
  });
});
