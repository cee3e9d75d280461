import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import serveHandler from 'serve-handler';

/** The production build the e2e tests load. */
export const buildDir = path.resolve(fileURLToPath(new URL('..', import.meta.url)), 'build');

function sitemapLocations(): string[] {
  const sitemap = path.join(buildDir, 'sitemap.xml');
  if (!existsSync(sitemap)) throw new Error(`no production build at ${buildDir}: run npm run build first`);
  return [...readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
}

/**
 * The address the build was made for (`SITE_URL`, `BASE_URL` or the repository's GitHub Pages
 * address, see src/site-address.ts), read from the build itself: its sitemap lists the home page at
 * `${url}${baseUrl}` and every other page under it. The tests serve the build under that base only,
 * as GitHub Pages does, so that a path that ignores the base fails. (Read from the build rather than
 * worked out again from the environment: Vite sets BASE_URL to "/" in the tests' own process.)
 */
export function builtAddress(locations: readonly string[] = sitemapLocations()): { url: string; baseUrl: string } {
  const home = locations.filter((location) => location.endsWith('/')).sort((a, b) => a.length - b.length)[0];
  if (!home) throw new Error(`the sitemap of ${buildDir} lists no home page (a location ending in "/"): build the site again`);
  const outside = locations.find((location) => !location.startsWith(home));
  if (outside) throw new Error(`the sitemap of ${buildDir} lists ${outside}, outside the home page ${home}: build the site again`);
  const { origin, pathname } = new URL(home);
  return { url: origin, baseUrl: pathname };
}

/** The address the build in `build/` was made for. */
export const builtFor = builtAddress();

/** The base without its trailing slash, as links in the built pages start: `/granularity-lab` (or `` at the root). */
export const basePath = builtFor.baseUrl.replace(/\/$/, '');

/**
 * Every page path of the production build, from its sitemap, relative to the base (`/docs/intro`,
 * not `/granularity-lab/docs/intro`). Throws with the command to run when there is no build.
 */
export function builtPagePaths(): string[] {
  const prefix = `${builtFor.url}${builtFor.baseUrl}`;
  return sitemapLocations().map((location) => `/${location.slice(prefix.length)}`);
}

/** A request's path under the base, or undefined when it asks for something outside it. */
function underBase(url: string, baseUrl: string): string | undefined {
  if (url.startsWith(baseUrl)) return `/${url.slice(baseUrl.length)}`;
  if (`${url}/` === baseUrl) return '/';
  return undefined;
}

/**
 * Serves the build on 127.0.0.1 with a port the OS picks, as a static host would: under the build's
 * `baseUrl` only (anything else is a 404, as on GitHub Pages), clean URLs, and with `compress` gzip
 * like GitHub Pages, so that byte counts and load times are what readers get. `root` is the site's
 * address without the trailing slash: `${root}/docs/intro` is a page.
 */
export async function serveBuild({ compress = false }: { compress?: boolean } = {}): Promise<{ origin: string; root: string; close: () => Promise<void> }> {
  const { baseUrl } = builtFor;
  const gzip = compression();
  const serve = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const inside = underBase(request.url ?? '/', baseUrl);
    if (inside === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`outside the site's base ${baseUrl}`);
      return;
    }
    request.url = inside;
    // serve-handler's redirects (clean URLs) know nothing of the base: put it back in front.
    const setHeader = response.setHeader.bind(response);
    response.setHeader = (name, value) => setHeader(name, name.toLowerCase() === 'location' && typeof value === 'string' && value.startsWith('/') ? `${baseUrl}${value.slice(1)}` : value);
    void serveHandler(request, response, { public: buildDir, cleanUrls: true });
  };
  const server = http.createServer((request, response) => (compress ? gzip(request as never, response as never, () => serve(request, response)) : serve(request, response)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    root: `${origin}${baseUrl.replace(/\/$/, '')}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
