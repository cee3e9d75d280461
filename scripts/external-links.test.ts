import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { externalLinks, linkProblem } from './external-links.ts';

const build = mkdtempSync(path.join(tmpdir(), 'links-'));
afterAll(() => rmSync(build, { recursive: true, force: true }));
mkdirSync(path.join(build, 'docs', 'intro'), { recursive: true });
writeFileSync(path.join(build, 'index.html'), '<a href="https://martinfowler.com/x">a</a><a href="/docs/intro">in</a><a href="http://example.com/?a=1&amp;b=2">b</a>');
writeFileSync(path.join(build, 'docs', 'intro', 'index.html'), '<a href="https://martinfowler.com/x">again</a>');

describe('externalLinks', () => {
  it('lists each external link once, with every page that carries it, and skips internal links', () => {
    expect(externalLinks(build)).toEqual([
      { url: 'http://example.com/?a=1&b=2', pages: ['/'] },
      { url: 'https://martinfowler.com/x', pages: ['/', '/docs/intro'] },
    ]);
  });
});

describe('linkProblem', () => {
  it('accepts a well-formed https URL to a public host', () => expect(linkProblem('https://doi.org/10.1145/2749469.2750392')).toBeNull());
  it('says what is wrong with the others', () => {
    expect(linkProblem('http://example.com')).toBe('not https');
    expect(linkProblem('https://localhost:3000/x')).toBe('not a public host');
    expect(linkProblem('https//broken')).toBe('not a URL');
    expect(linkProblem('https://github.com/{owner}/x')).toMatch(/template/);
  });
});
