import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import serveHandler from 'serve-handler';

/** The production build the e2e tests load. */
export const buildDir = path.resolve(fileURLToPath(new URL('..', import.meta.url)), 'build');

/**
 * Every page path of the production build, from its sitemap. Throws with the command to run when
 * there is no build.
 */
export function builtPagePaths(): string[] {
  const sitemap = path.join(buildDir, 'sitemap.xml');
  if (!existsSync(sitemap)) throw new Error(`no production build at ${buildDir}: run npm run build first`);
  return [...readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] as string).pathname);
}

/**
 * Serves the build on 127.0.0.1 with a port the OS picks, as a static host would (clean URLs; with
 * `compress`, gzip like GitHub Pages, so that byte counts and load times are what readers get).
 */
export async function serveBuild({ compress = false }: { compress?: boolean } = {}): Promise<{ origin: string; close: () => Promise<void> }> {
  const gzip = compression();
  const serve = (request: http.IncomingMessage, response: http.ServerResponse) => void serveHandler(request, response, { public: buildDir, cleanUrls: true });
  const server = http.createServer((request, response) => (compress ? gzip(request as never, response as never, () => serve(request, response)) : serve(request, response)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
