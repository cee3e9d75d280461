import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { diagramHash } from './diagram-files.ts';

/** One diagram to draw in one Mermaid theme. */
export interface RenderJob {
  /** What the result is filed under (the cache key: ./index.ts). */
  readonly key: string;
  readonly source: string;
  /** The Mermaid configuration to draw it with (`mermaid.initialize`), its theme included. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** Draws diagrams and returns each one's SVG file, by job key. */
export type Renderer = (jobs: readonly RenderJob[]) => Promise<Map<string, string>>;

/** The flags the repository's other Chromium runs use (e2e/browser.ts, scripts/lighthouse-audit.ts); Playwright adds --headless. */
const chromiumFlags = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The Chromium the build draws with: `CHROMIUM_PATH`, or Debian's `/usr/bin/chromium`.
 *
 * @example
 * ```ts
 * chromiumPath({ CHROMIUM_PATH: '/usr/bin/google-chrome' }); // '/usr/bin/google-chrome'
 * chromiumPath({}); // '/usr/bin/chromium'
 * ```
 */
export function chromiumPath(env: NodeJS.ProcessEnv): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * An error whose whole text is what to do: the build prints errors with their stack, and a stack
 * here would bury the message under frames of the build's own code.
 */
export class BuildSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildSetupError';
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * What the build says when it cannot start Chromium to draw the diagrams: where it looked, how to
 * install Chromium or point `CHROMIUM_PATH` at one, and that `npm start` does not need it.
 *
 * @example
 * ```ts
 * missingChromiumMessage('/usr/bin/chromium', 'no file there');
 * // 'Cannot draw the Mermaid diagrams into the build: no Chromium at /usr/bin/chromium (no file there). Install it …'
 * ```
 */
export function missingChromiumMessage(path: string, reason: string): string {
  return [
    `Cannot draw the Mermaid diagrams into the build: no Chromium at ${path} (${reason}).`,
    'Install it (Debian or Ubuntu: sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Google Chrome executable, e.g. CHROMIUM_PATH=/usr/bin/google-chrome npm run build.',
    'npm start does not need it: in development, diagrams are drawn in the browser.',
  ].join(' ');
}

async function launch(executablePath: string): Promise<Browser> {
  if (!existsSync(executablePath)) throw new BuildSetupError(missingChromiumMessage(executablePath, 'no file there'));
  try {
    return await chromium.launch({ executablePath, headless: true, args: chromiumFlags });
  } catch (error) {
    throw new BuildSetupError(missingChromiumMessage(executablePath, `it did not start: ${(error as Error).message.split('\n')[0]}`));
  }
}

/** The attributes whose numbers are positions and sizes, rounded in the drawn SVG. */
const geometryAttributes = ['d', 'transform', 'points', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'viewBox'];

/**
 * Runs in the page: draws one diagram and returns it as a standalone SVG file. A string rather than
 * a function: Playwright sends a function's source text, and the TypeScript loaders (tsx, jiti)
 * may add helpers to it that the page does not have.
 */
const drawInPage = `async ({ source, config, id }) => {
  // initialize() replaces the configuration every diagram starts from (the theme among it).
  window.mermaid.initialize({ ...config, startOnLoad: false });
  const { svg } = await window.mermaid.render(id, source);
  const holder = document.createElement('div');
  holder.innerHTML = svg;
  const root = holder.querySelector('svg');
  const viewBox = (root?.getAttribute('viewBox') ?? '').trim().split(/[\\s,]+/).map(Number);
  if (!root || viewBox.length !== 4 || viewBox.some((value) => !Number.isFinite(value))) throw new Error('Mermaid drew an SVG without a viewBox');
  root.setAttribute('width', String(Math.ceil(viewBox[2])));
  root.setAttribute('height', String(Math.ceil(viewBox[3])));
  root.style.removeProperty('max-width');
  if (!root.getAttribute('style')) root.removeAttribute('style');
  // Geometry to a hundredth of a pixel (Mermaid writes fifteen digits, most of the file's weight),
  // in geometry attributes only, never in text; and without the edges' points kept for scripts.
  for (const element of root.querySelectorAll('*')) {
    for (const name of ${JSON.stringify(geometryAttributes)}) {
      const value = element.getAttribute(name);
      if (value) element.setAttribute(name, value.replace(/(\\d*\\.\\d{2})\\d+/g, '$1'));
    }
    element.removeAttribute('data-points');
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\\n' + new XMLSerializer().serializeToString(root) + '\\n';
}`;

/** Changes whenever the way a diagram is drawn in the page changes: part of the cache key (./index.ts). */
export const rendererFingerprint = diagramHash(drawInPage);

/**
 * A renderer that draws with Mermaid itself (`mermaidScript`: its browser bundle,
 * `mermaid/dist/mermaid.min.js`) in one blank page of a headless Chromium, started only when
 * there is something to draw. Each SVG is made to stand alone in an `<img>`: written as XML, with a
 * `width` and a `height` in pixels from its viewBox (Mermaid writes `width="100%"` and a
 * max-width, which an image cannot size itself by). Labels must be SVG text (`htmlLabels: false`
 * in the config): an SVG in an `<img>` does not draw HTML. Throws a {@link BuildSetupError} when
 * Chromium is missing, and names the diagram when Mermaid refuses one.
 *
 * @example
 * ```ts
 * const render = chromiumRenderer({ executablePath: chromiumPath(process.env), mermaidScript: require.resolve('mermaid/dist/mermaid.min.js') });
 * const svgs = await render([{ key: 'k', source: 'flowchart LR\n  a --> b', config: { theme: 'neutral', htmlLabels: false } }]);
 * ```
 */
export function chromiumRenderer({ executablePath, mermaidScript }: { executablePath: string; mermaidScript: string }): Renderer {
  return async (jobs) => {
    const svgs = new Map<string, string>();
    if (jobs.length === 0) return svgs;
    const browser = await launch(executablePath);
    try {
      // One page for all: loading Mermaid's bundle takes longer than drawing most diagrams.
      const page = await browser.newPage();
      await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>');
      await page.addScriptTag({ path: mermaidScript });
      for (const job of jobs) {
        try {
          // The SVG's id (its CSS is scoped to it) from the key, so a diagram is drawn the same every time.
          const argument = { source: job.source, config: job.config, id: `diagram-${job.key}` };
          svgs.set(job.key, (await page.evaluate(`(${drawInPage})(${JSON.stringify(argument)})`)) as string);
        } catch (error) {
          const message = (error as Error).message.replace(/^page\.evaluate: /, '').split('\n')[0];
          throw new Error(`Mermaid could not draw this diagram (${message}):\n${job.source}`);
        }
      }
    } finally {
      await browser.close();
    }
    return svgs;
  };
}
