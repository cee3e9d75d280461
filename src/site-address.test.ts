import { describe, expect, it } from 'vitest';
import { githubRepository, siteAddress } from './site-address.ts';

const repository = 'https://github.com/granularity-lab/granularity-lab';

describe('siteAddress', () => {
  it('defaults to the GitHub Pages address of a project repository, served under its name', () => {
    expect(siteAddress(repository, {})).toMatchObject({ url: 'https://granularity-lab.github.io', baseUrl: '/granularity-lab/' });
  });

  it('serves a user or organisation site (<owner>.github.io) at the root', () => {
    expect(siteAddress('https://github.com/Someone/someone.github.io', {})).toMatchObject({ url: 'https://someone.github.io', baseUrl: '/' });
  });

  it('takes a custom domain from SITE_URL, at its root or under its path', () => {
    expect(siteAddress(repository, { SITE_URL: 'https://lab.example.org' })).toMatchObject({ url: 'https://lab.example.org', baseUrl: '/' });
    expect(siteAddress(repository, { SITE_URL: 'https://example.org/lab' })).toMatchObject({ url: 'https://example.org', baseUrl: '/lab/' });
  });

  it('lets BASE_URL set the path, with or without a trailing slash', () => {
    expect(siteAddress(repository, { BASE_URL: '/' }).baseUrl).toBe('/');
    expect(siteAddress(repository, { BASE_URL: '/docs-preview' }).baseUrl).toBe('/docs-preview/');
    expect(siteAddress(repository, { SITE_URL: 'https://example.org/a/', BASE_URL: '/b/' })).toMatchObject({ url: 'https://example.org', baseUrl: '/b/' });
  });

  it('treats empty settings as unset, as an undefined CI variable arrives', () => {
    expect(siteAddress(repository, { SITE_URL: '', BASE_URL: ' ' })).toMatchObject({ url: 'https://granularity-lab.github.io', baseUrl: '/granularity-lab/' });
  });

  it('refuses a setting it cannot use, naming the setting and what it accepts', () => {
    expect(() => siteAddress(repository, { SITE_URL: 'lab.example.org' })).toThrow(/SITE_URL must be an absolute URL/);
    expect(() => siteAddress(repository, { SITE_URL: 'ftp://lab.example.org' })).toThrow(/SITE_URL must start with https/);
    expect(() => siteAddress(repository, { SITE_URL: 'https://lab.example.org/?x=1' })).toThrow(/without query/);
    expect(() => siteAddress(repository, { BASE_URL: 'lab/' })).toThrow(/BASE_URL must be a path that starts with "\/"/);
    expect(() => siteAddress(repository, { BASE_URL: '/a//b/' })).toThrow(/plain path/);
  });
});

describe('githubRepository', () => {
  it('reads owner and name, with or without .git or a trailing slash', () => {
    expect(githubRepository('https://github.com/a-b/c.d.git')).toEqual({ owner: 'a-b', name: 'c.d' });
    expect(githubRepository('https://github.com/a/b/')).toEqual({ owner: 'a', name: 'b' });
  });

  it('refuses anything that is not a GitHub repository URL', () => {
    expect(() => githubRepository('https://gitlab.com/a/b')).toThrow(/GitHub URL/);
    expect(() => githubRepository('https://github.com/a')).toThrow(/GitHub URL/);
  });
});
