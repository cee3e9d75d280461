import { describe, expect, it } from 'vitest';
import { builtAddress } from './site-server.ts';

describe('builtAddress', () => {
  it('reads the base from the sitemap: the home page, with every page under it', () => {
    const locations = ['https://a.github.io/lab/docs/intro', 'https://a.github.io/lab/', 'https://a.github.io/lab/search'];
    expect(builtAddress(locations)).toEqual({ url: 'https://a.github.io', baseUrl: '/lab/' });
    expect(builtAddress(['https://lab.example.org/', 'https://lab.example.org/docs/intro'])).toEqual({ url: 'https://lab.example.org', baseUrl: '/' });
  });

  it('refuses a sitemap without a home page, or with a page outside it', () => {
    expect(() => builtAddress(['https://a.github.io/lab/docs/intro'])).toThrow(/no home page/);
    expect(() => builtAddress(['https://a.github.io/lab/', 'https://a.github.io/other/x'])).toThrow(/outside the home page/);
  });
});
