import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import serveHandler from 'serve-handler';
import { repository, siteAddress } from '../src/site-address.ts';

/** The production build the e2e tests load. */
export const buildDir = path.resolve(fileURLToPath(new URL('..', import.meta.url)), 'build');

/**
 * The address the build was made for, from the same settings as docusaurus.config.ts (`SITE_URL`,
 * `BASE_URL`, or the repository's GitHub Pages address): the tests serve the build under its
 * `baseUrl`, as GitHub Pages does, so that a path that ignores the base fails.
 */
export const builtFor = siteAddress(repository, process.env);

/** The base without its trailing slash, as links in the built pages start: `/granularity-lab` (or `` at the root). */
export const basePath = builtFor.baseUrl.replace(/\/$/, '');

/**
 * Every page path of the production build, from its sitemap, relative to the base (`/docs/intro`,
 * not `/granularity-lab/docs/intro`). Throws with the command to run when there is no build, or when
 * the build was made for another address than the one the tests expect.
 */
export function builtPagePaths(): string[] {
  const sitemap = path.join(buildDir, 'sitemap.xml');
  if (!existsSync(sitemap)) throw new Error(`no production build at ${buildDir}: run npm run build first`);
  const prefix = `${builtFor.url}${builtFor.baseUrl}`;
  const locations = [...readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
  const elsewhere = locations.find((location) => !location.startsWith(prefix));
  if (elsewhere) throw new Error(`the build in ${buildDir} was made for another address (${elsewhere}) than ${prefix}: build again with the same SITE_URL and BASE_URL as the tests`);
  return locations.map((location) => `/${location.slice(prefix.length)}`);
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
