import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** An external link and the built pages it appears on. */
export interface ExternalLink {
  readonly url: string;
  readonly pages: readonly string[];
}

/**
 * Every external link (`href` to another origin) in the built HTML, with the pages that carry it.
 *
 * @example
 * ```ts
 * externalLinks('build'); // [{ url: 'https://martinfowler.com/...', pages: ['/docs/nanoservices/chaining'] }, ...]
 * ```
 */
export function externalLinks(buildDir: string): ExternalLink[] {
  const byUrl = new Map<string, Set<string>>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.html')) {
        const page = `/${path.relative(buildDir, file).replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '')}`;
        for (const match of readFileSync(file, 'utf8').matchAll(/href=["']?((?:https?:)?\/\/[^"'\s>]+)/g)) {
          const url = (match[1] as string).replaceAll('&amp;', '&');
          byUrl.set(url, (byUrl.get(url) ?? new Set()).add(page));
        }
      }
    }
  };
  visit(buildDir);
  return [...byUrl].map(([url, pages]) => ({ url, pages: [...pages].sort() })).sort((a, b) => a.url.localeCompare(b.url));
}

/**
 * Why a link is not a well-formed https URL to a public host, or null when it is.
 *
 * @example
 * ```ts
 * linkProblem('http://example.com'); // 'not https'
 * ```
 */
export function linkProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:') return 'not https';
  if (!parsed.hostname.includes('.') || /^(localhost|127\.|0\.0\.0\.0)/.test(parsed.hostname)) return 'not a public host';
  if (/[<>{}\s]/.test(url)) return 'contains characters a URL cannot hold (a template left unfilled?)';
  return null;
}
