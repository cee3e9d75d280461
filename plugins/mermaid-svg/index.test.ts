import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagramHash } from './diagram-files.ts';
import { drawDiagramsIntoBuild, mermaidConfig, mermaidSettings, themeMermaid, type MermaidSettings } from './index.ts';
import type { RenderJob } from './render.ts';

const settings: MermaidSettings = { themes: { light: 'neutral', dark: 'dark' }, options: {} };
const named = 'flowchart LR\n  accTitle: Two steps\n  a --> b';
const other = 'flowchart TD\n  x --> y';

/** The markup src/theme/Mermaid writes in production, as React escapes it. */
function diagramMarkup(source: string, alt: string): string {
  const hash = diagramHash(source);
  const text = source.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return `<div data-figure="diagram"><img class="image light" src="/base/diagrams/${hash}.light.svg" alt="${alt}" loading="lazy"><img class="image dark" src="/base/diagrams/${hash}.dark.svg" alt="${alt}" loading="lazy"><details><summary>Mermaid source</summary><pre data-mermaid-source="${hash}"><code>${text}</code></pre></details></div>`;
}

/** A renderer that records what it was asked for and draws a box sized by the theme. */
function fakeRenderer() {
  const asked: RenderJob[][] = [];
  const render = async (jobs: readonly RenderJob[]) => {
    asked.push([...jobs]);
    return new Map(jobs.map((job) => [job.key, `<svg xmlns="http://www.w3.org/2000/svg" width="${job.config.theme === 'dark' ? 201 : 200}" height="80"><!-- ${job.config.theme} --></svg>`]));
  };
  return { asked, render };
}

let root: string;
let outDir: string;
let cacheDir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mermaid-svg-'));
  outDir = path.join(root, 'build');
  cacheDir = path.join(root, 'cache');
  mkdirSync(path.join(outDir, 'docs'), { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('drawDiagramsIntoBuild', () => {
  it('draws each distinct diagram once per colour mode, writes the files and sizes every image in the pages', async () => {
    writeFileSync(path.join(outDir, 'docs', 'a.html'), `<main>${diagramMarkup(named, 'Two steps')}${diagramMarkup(other, 'Other')}</main>`);
    writeFileSync(path.join(outDir, 'docs', 'b.html'), `<main>${diagramMarkup(named, 'Two steps')}</main>`);
    writeFileSync(path.join(outDir, 'index.html'), '<main><img src="/base/img/logo.svg" alt="logo"></main>');
    const { asked, render } = fakeRenderer();

    const report = await drawDiagramsIntoBuild({ outDir, cacheDir, settings, mermaidVersion: '11.0.0', render });

    expect(report).toEqual({ diagrams: 2, pages: 2, drawn: 4, cached: 0 });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.map((job) => [job.source, job.config.theme])).toEqual([
      [named, 'neutral'],
      [named, 'dark'],
      [other, 'neutral'],
      [other, 'dark'],
    ]);
    expect(readdirSync(path.join(outDir, 'diagrams')).sort()).toEqual(
      [`${diagramHash(named)}.dark.svg`, `${diagramHash(named)}.light.svg`, `${diagramHash(other)}.dark.svg`, `${diagramHash(other)}.light.svg`].sort(),
    );
    expect(readFileSync(path.join(outDir, 'diagrams', `${diagramHash(named)}.dark.svg`), 'utf8')).toContain('<!-- dark -->');
    const page = readFileSync(path.join(outDir, 'docs', 'b.html'), 'utf8');
    expect(page).toContain(`<img width="200" height="80" class="image light" src="/base/diagrams/${diagramHash(named)}.light.svg"`);
    expect(page).toContain(`<img width="201" height="80" class="image dark" src="/base/diagrams/${diagramHash(named)}.dark.svg"`);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('<main><img src="/base/img/logo.svg" alt="logo"></main>');
    expect(readdirSync(path.join(outDir, 'docs')).sort()).toEqual(['a.html', 'b.html']);
  });

  it('takes unchanged diagrams from the cache on the next build, and draws again what the settings change', async () => {
    const page = `<main>${diagramMarkup(named, 'Two steps')}</main>`;
    writeFileSync(path.join(outDir, 'docs', 'a.html'), page);
    await drawDiagramsIntoBuild({ outDir, cacheDir, settings, mermaidVersion: '11.0.0', render: fakeRenderer().render });

    rmSync(outDir, { recursive: true });
    mkdirSync(path.join(outDir, 'docs'), { recursive: true });
    writeFileSync(path.join(outDir, 'docs', 'a.html'), page);
    const again = fakeRenderer();
    expect(await drawDiagramsIntoBuild({ outDir, cacheDir, settings, mermaidVersion: '11.0.0', render: again.render })).toEqual({ diagrams: 1, pages: 1, drawn: 0, cached: 2 });
    expect(again.asked).toEqual([]);
    expect(readFileSync(path.join(outDir, 'docs', 'a.html'), 'utf8')).toContain('<img width="201" height="80"');

    const upgraded = fakeRenderer();
    expect(await drawDiagramsIntoBuild({ outDir, cacheDir, settings, mermaidVersion: '11.1.0', render: upgraded.render })).toMatchObject({ drawn: 2, cached: 0 });
    const rethemed = fakeRenderer();
    const forest: MermaidSettings = { ...settings, themes: { ...settings.themes, light: 'forest' } };
    expect(await drawDiagramsIntoBuild({ outDir, cacheDir, settings: forest, mermaidVersion: '11.1.0', render: rethemed.render })).toMatchObject({ drawn: 1, cached: 1 });
  });

  it('refuses a diagram without an accessible name, naming the page and the source', async () => {
    writeFileSync(path.join(outDir, 'docs', 'a.html'), `<main>${diagramMarkup(other, '')}</main>`);
    const { asked, render } = fakeRenderer();
    await expect(drawDiagramsIntoBuild({ outDir, cacheDir, settings, mermaidVersion: '11.0.0', render })).rejects.toThrow(
      /docs\/a\.html: a diagram has no accessible name: give its Mermaid source an "accTitle: …" line, or give <Mermaid> a title\. Its source begins "flowchart TD/,
    );
    expect(asked).toEqual([]);
  });

  it('refuses a diagram image without its source, and a source that does not match its hash', async () => {
    const hash = diagramHash(named);
    writeFileSync(path.join(outDir, 'docs', 'a.html'), `<img src="/diagrams/${hash}.light.svg" alt="Two steps">`);
    writeFileSync(path.join(outDir, 'docs', 'b.html'), `<pre data-mermaid-source="${hash}"><code>flowchart LR</code></pre>`);
    await expect(drawDiagramsIntoBuild({ outDir, cacheDir, settings, mermaidVersion: '11.0.0', render: fakeRenderer().render })).rejects.toThrow(
      new RegExp(`docs/a\\.html: the diagram image diagrams/${hash}\\.light\\.svg has no Mermaid source beside it[\\s\\S]*docs/b\\.html: a Mermaid source was read back`),
    );
  });

  it('draws nothing and writes no folder for a build without diagrams', async () => {
    writeFileSync(path.join(outDir, 'index.html'), '<main>no diagram</main>');
    const { asked, render } = fakeRenderer();
    expect(await drawDiagramsIntoBuild({ outDir, cacheDir, settings, mermaidVersion: '11.0.0', render })).toEqual({ diagrams: 0, pages: 0, drawn: 0, cached: 0 });
    expect(asked).toEqual([]);
    expect(readdirSync(outDir).sort()).toEqual(['docs', 'index.html']);
  });
});

describe('the Mermaid settings', () => {
  it('reads the themes of the site, with theme-mermaid’s defaults', () => {
    expect(mermaidSettings({ mermaid: { theme: { light: 'neutral', dark: 'dark' } } })).toEqual(settings);
    expect(mermaidSettings({})).toEqual({ themes: { light: 'default', dark: 'dark' }, options: {} });
  });

  it('draws labels as SVG text in both modes, and the dark theme’s edge labels lighter', () => {
    const withOptions: MermaidSettings = { ...settings, options: { flowchart: { curve: 'basis', htmlLabels: true }, htmlLabels: true } };
    expect(mermaidConfig(withOptions, 'light')).toEqual({ theme: 'neutral', htmlLabels: false, flowchart: { curve: 'basis', htmlLabels: false } });
    expect(mermaidConfig(settings, 'dark')).toMatchObject({ theme: 'dark', htmlLabels: false, themeCSS: expect.stringContaining('.edgeLabel text') });
  });
});

describe('themeMermaid', () => {
  it('finds the Mermaid the theme loads: its version and its browser bundle', async () => {
    const { version, script } = await themeMermaid(process.cwd());
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(script).toMatch(/mermaid[\\/]dist[\\/]mermaid\.min\.js$/);
    expect(existsSync(script)).toBe(true);
  });
});
