import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { diagramImages, diagramSources, svgSize, withImageSizes, type SvgSize } from './built-html.ts';
import { colourModes, diagramFilePath, diagramFolder, diagramHash, type ColourMode } from './diagram-files.ts';
import { BuildSetupError, chromiumPath, chromiumRenderer, rendererFingerprint, type Renderer, type RenderJob } from './render.ts';

/** The site's Mermaid settings (`themeConfig.mermaid`, validated by @docusaurus/theme-mermaid). */
export interface MermaidSettings {
  /** The Mermaid theme of each colour mode: `neutral` and `dark` on this site. */
  readonly themes: Readonly<Record<ColourMode, string>>;
  /** Further `mermaid.initialize` options (`themeConfig.mermaid.options`). */
  readonly options: Readonly<Record<string, unknown>>;
}

/** What {@link drawDiagramsIntoBuild} did. */
export interface DrawReport {
  /** Distinct diagrams (Mermaid sources) in the build. */
  readonly diagrams: number;
  /** Pages with at least one diagram. */
  readonly pages: number;
  /** SVG files drawn in Chromium this time. */
  readonly drawn: number;
  /** SVG files taken from the cache. */
  readonly cached: number;
}

/**
 * The site's Mermaid themes and options from its theme config, with the defaults of
 * @docusaurus/theme-mermaid for what it does not set.
 *
 * @example
 * ```ts
 * mermaidSettings({ mermaid: { theme: { light: 'neutral', dark: 'dark' } } });
 * // { themes: { light: 'neutral', dark: 'dark' }, options: {} }
 * ```
 */
export function mermaidSettings(themeConfig: Readonly<Record<string, unknown>>): MermaidSettings {
  const mermaid = (themeConfig.mermaid ?? {}) as { theme?: Partial<Record<ColourMode, string>>; options?: Record<string, unknown> };
  return { themes: { light: mermaid.theme?.light ?? 'default', dark: mermaid.theme?.dark ?? 'dark' }, options: mermaid.options ?? {} };
}

/**
 * The `mermaid.initialize` configuration a diagram is drawn with in one colour mode: the site's
 * options and theme, and labels as SVG text (`htmlLabels: false`), since an SVG shown in an `<img>`
 * does not draw the HTML labels Mermaid uses by default. The dark theme writes edge labels in #ccc
 * on #585858 (4.43:1), so their text is drawn lighter, as src/css/custom.css does for diagrams drawn
 * in the browser.
 *
 * @example
 * ```ts
 * mermaidConfig({ themes: { light: 'neutral', dark: 'dark' }, options: {} }, 'light');
 * // { theme: 'neutral', htmlLabels: false, flowchart: { htmlLabels: false } }
 * ```
 */
export function mermaidConfig({ themes, options }: MermaidSettings, mode: ColourMode): Record<string, unknown> {
  const flowchart = { ...((options.flowchart as Record<string, unknown> | undefined) ?? {}), htmlLabels: false };
  const config: Record<string, unknown> = { ...options, theme: themes[mode], htmlLabels: false, flowchart };
  if (mode === 'dark') config.themeCSS = `${(options.themeCSS as string | undefined) ?? ''} .edgeLabel text, .edgeLabel tspan { fill: #ececec; }`.trim();
  return config;
}

/**
 * The Mermaid that @docusaurus/theme-mermaid loads (its version, and the path of its browser
 * bundle), so that the build draws with the Mermaid development draws with.
 *
 * @example
 * ```ts
 * await themeMermaid(process.cwd()); // { version: '11.12.0', script: '/…/node_modules/mermaid/dist/mermaid.min.js' }
 * ```
 */
export async function themeMermaid(siteDir: string): Promise<{ version: string; script: string }> {
  const fromTheme = createRequire(createRequire(path.join(siteDir, 'package.json')).resolve('@docusaurus/theme-mermaid'));
  const { version } = JSON.parse(await readFile(fromTheme.resolve('mermaid/package.json'), 'utf8')) as { version: string };
  return { version, script: fromTheme.resolve('mermaid/dist/mermaid.min.js') };
}

/** Every HTML file under a folder, relative to it. */
async function htmlFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.html')).sort();
}

/**
 * Replaces a file in one step (written beside it, then renamed over it): other plugins read the
 * built pages while this one writes them (Docusaurus runs every postBuild at once), and must never
 * read one half-written.
 */
async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/**
 * Draws every Mermaid diagram of a built site into SVG files, one per colour mode
 * (`diagrams/<hash>.<mode>.svg`, named by the hash of the source the page carries), and writes each
 * diagram image's width and height into the pages, so that nothing moves as the images arrive. An
 * SVG already drawn from the same source with the same settings, Mermaid and renderer is taken from
 * `cacheDir`; `render` draws the others (all at once, so Chromium starts at most once). Throws,
 * naming the pages, for a diagram without an accessible name or an image without its source.
 *
 * @example
 * ```ts
 * await drawDiagramsIntoBuild({ outDir: 'build', cacheDir: 'node_modules/.cache/mermaid-svg', settings, mermaidVersion: '11.12.0', render });
 * // { diagrams: 14, pages: 38, drawn: 0, cached: 28 }
 * ```
 */
export async function drawDiagramsIntoBuild({
  outDir,
  cacheDir,
  settings,
  mermaidVersion,
  render,
}: {
  outDir: string;
  cacheDir: string;
  settings: MermaidSettings;
  mermaidVersion: string;
  render: Renderer;
}): Promise<DrawReport> {
  const pages = new Map<string, string>();
  const sources = new Map<string, string>();
  const problems: string[] = [];
  for (const file of await htmlFiles(outDir)) {
    const html = await readFile(path.join(outDir, file), 'utf8');
    let found;
    try {
      found = diagramSources(html);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    const images = diagramImages(html);
    if (found.length === 0 && images.length === 0) continue;
    pages.set(file, html);
    for (const { hash, source } of found) sources.set(hash, source);
    for (const image of images) {
      const source = found.find((diagram) => diagram.hash === image.hash)?.source;
      if (source === undefined) problems.push(`${file}: the diagram image ${diagramFilePath(image.hash, image.mode)} has no Mermaid source beside it (<pre data-mermaid-source>)`);
      else if (image.alt.trim() === '') problems.push(`${file}: a diagram has no accessible name: give its Mermaid source an "accTitle: …" line, or give <Mermaid> a title. Its source begins ${JSON.stringify(source.slice(0, 120))}`);
    }
  }
  if (problems.length > 0) throw new Error(`plugins/mermaid-svg cannot draw the diagrams of the build:\n- ${[...new Set(problems)].join('\n- ')}`);

  // Each SVG file is filed under a key that changes with anything that changes the drawing.
  const wanted = [...sources].flatMap(([hash, source]) =>
    colourModes.map((mode) => {
      const config = mermaidConfig(settings, mode);
      return { hash, mode, job: { key: diagramHash(JSON.stringify([rendererFingerprint, mermaidVersion, config, source])), source, config } satisfies RenderJob };
    }),
  );
  const missing = wanted.filter(({ job }) => !existsSync(path.join(cacheDir, `${job.key}.svg`))).map(({ job }) => job);
  if (wanted.length === 0) return { diagrams: 0, pages: pages.size, drawn: 0, cached: 0 };
  const drawn = missing.length > 0 ? await render(missing) : new Map<string, string>();
  await mkdir(cacheDir, { recursive: true });
  for (const [key, svg] of drawn) await writeFile(path.join(cacheDir, `${key}.svg`), svg);

  await mkdir(path.join(outDir, diagramFolder), { recursive: true });
  const sizes = new Map<string, SvgSize>();
  for (const { hash, mode, job } of wanted) {
    const svg = drawn.get(job.key) ?? (await readFile(path.join(cacheDir, `${job.key}.svg`), 'utf8'));
    sizes.set(`${hash}.${mode}`, svgSize(svg));
    await writeFile(path.join(outDir, diagramFilePath(hash, mode)), svg);
  }
  for (const [file, html] of pages) {
    const sized = withImageSizes(html, (hash, mode) => sizes.get(`${hash}.${mode}`));
    if (sized !== html) await replaceFile(path.join(outDir, file), sized);
  }
  return { diagrams: sources.size, pages: pages.size, drawn: missing.length, cached: wanted.length - missing.length };
}

/**
 * Draws the site's Mermaid diagrams when it is built (`postBuild`), so that a built page loads no
 * Mermaid code: the theme's Mermaid (src/theme/Mermaid) writes, in production, an image per colour
 * mode and the diagram's source folded beneath; this finds them in the built pages and draws each
 * source with Mermaid in headless Chromium (`CHROMIUM_PATH`, or /usr/bin/chromium), with the site's
 * Mermaid themes. The SVG files are cached in node_modules/.cache/mermaid-svg, so a build whose
 * diagrams did not change does not start Chromium. `npm start` does not run this: in development,
 * the diagrams are drawn in the browser.
 *
 * @example
 * ```ts
 * plugins: [mermaidSvg]
 * ```
 */
export default function mermaidSvg(context: LoadContext): Plugin {
  return {
    name: 'mermaid-svg',
    async postBuild({ outDir, siteConfig }) {
      const started = performance.now();
      const { version: mermaidVersion, script: mermaidScript } = await themeMermaid(context.siteDir);
      let report: DrawReport;
      try {
        report = await drawDiagramsIntoBuild({
          outDir,
          cacheDir: path.join(context.siteDir, 'node_modules', '.cache', 'mermaid-svg'),
          settings: mermaidSettings(siteConfig.themeConfig),
          mermaidVersion,
          render: chromiumRenderer({ executablePath: chromiumPath(process.env), mermaidScript }),
        });
      } catch (error) {
        // Docusaurus prints the error as the cause of its own, under its stack: say it first, on its own.
        if (error instanceof BuildSetupError) console.error(`\n[mermaid-svg] ${error.message}\n`);
        throw error;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`[mermaid-svg] ${report.diagrams} diagrams on ${report.pages} pages: ${report.drawn} SVG files drawn with Mermaid ${mermaidVersion} in Chromium, ${report.cached} from the cache (${seconds} s)`);
    },
  };
}
