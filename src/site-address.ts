/**
 * Where the site is served, worked out in one place for the build, the deploy workflow, the browser
 * tests and Lighthouse: by default the GitHub Pages address of the repository
 * (`https://<owner>.github.io/<repo>/`, or the root for a repository named `<owner>.github.io`);
 * `SITE_URL` and `BASE_URL` override it for a custom domain or another host. This module runs in
 * Node only (the config and the test tools); the site's pages read the result from `siteConfig`.
 */

/**
 * The repository the site is built from: the one setting every link to the source, every edit link
 * and the default address are made from (the config publishes it as `customFields.repository`).
 */
export const repository = 'https://github.com/granularity-lab/granularity-lab';

/** The site's address as Docusaurus wants it: `url` is the origin, `baseUrl` the path under it. */
export interface SiteAddress {
  /** Scheme and host, no path and no trailing slash: `https://granularity-lab.github.io`. */
  readonly url: string;
  /** The path every page and asset is served under, with a slash at each end: `/granularity-lab/`. */
  readonly baseUrl: string;
  /** The GitHub owner and repository name the default address was made from. */
  readonly owner: string;
  readonly name: string;
}

/** An address the settings cannot make; the message says which setting and what it accepts. */
export class SiteAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteAddressError';
  }
}

/**
 * The owner and name of a GitHub repository URL.
 *
 * @example
 * ```ts
 * githubRepository('https://github.com/granularity-lab/granularity-lab'); // { owner: 'granularity-lab', name: 'granularity-lab' }
 * ```
 */
export function githubRepository(repository: string): { owner: string; name: string } {
  const match = /^https:\/\/github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(repository);
  if (!match) throw new SiteAddressError(`the repository must be a GitHub URL such as https://github.com/<owner>/<repo>, got "${repository}"`);
  return { owner: match[1] as string, name: match[2] as string };
}

function normalisedBase(baseUrl: string): string {
  if (!baseUrl.startsWith('/')) throw new SiteAddressError(`BASE_URL must be a path that starts with "/" (for example /lab/ or /), got "${baseUrl}"`);
  if (/[?#\s]/.test(baseUrl) || baseUrl.includes('//')) throw new SiteAddressError(`BASE_URL must be a plain path such as /lab/, got "${baseUrl}"`);
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

/**
 * The site's `url` and `baseUrl`: the GitHub Pages address of `repository` unless `SITE_URL` (an
 * https origin, optionally with a path) or `BASE_URL` (a path) say otherwise. Empty settings count as
 * unset, so that a CI variable that is not defined changes nothing.
 *
 * @example
 * ```ts
 * siteAddress('https://github.com/granularity-lab/granularity-lab', {});
 * // { url: 'https://granularity-lab.github.io', baseUrl: '/granularity-lab/', ... }
 * siteAddress('https://github.com/granularity-lab/granularity-lab', { SITE_URL: 'https://lab.example.org' });
 * // { url: 'https://lab.example.org', baseUrl: '/', ... }
 * ```
 */
export function siteAddress(repository: string, env: Readonly<Record<string, string | undefined>>): SiteAddress {
  const { owner, name } = githubRepository(repository);
  const siteUrl = env.SITE_URL?.trim() || undefined;
  const baseOverride = env.BASE_URL?.trim() || undefined;
  let url = `https://${owner.toLowerCase()}.github.io`;
  let baseUrl = name.toLowerCase() === `${owner.toLowerCase()}.github.io` ? '/' : `/${name}/`;
  if (siteUrl) {
    let parsed: URL;
    try {
      parsed = new URL(siteUrl);
    } catch {
      throw new SiteAddressError(`SITE_URL must be an absolute URL such as https://lab.example.org, got "${siteUrl}"`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new SiteAddressError(`SITE_URL must start with https:// (or http://), got "${siteUrl}"`);
    if (parsed.search || parsed.hash || parsed.username) throw new SiteAddressError(`SITE_URL must be an origin with an optional path, without query, fragment or credentials, got "${siteUrl}"`);
    url = parsed.origin;
    baseUrl = normalisedBase(parsed.pathname);
  }
  if (baseOverride) baseUrl = normalisedBase(baseOverride);
  return { url, baseUrl, owner, name };
}
