import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Serves the build on 127.0.0.1 with a port the OS picks, as a static host would (clean URLs). */
export async function serveBuild(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => void serveHandler(request, response, { public: buildDir, cleanUrls: true }));
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
