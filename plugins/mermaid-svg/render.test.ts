import { describe, expect, it } from 'vitest';
import { svgSize } from './built-html.ts';
import { mermaidConfig, themeMermaid } from './index.ts';
import { BuildSetupError, chromiumPath, chromiumRenderer, missingChromiumMessage } from './render.ts';

const settings = { themes: { light: 'neutral', dark: 'dark' }, options: {} } as const;
const source = 'flowchart LR\n  accTitle: Client to checkout\n  client(["client"]) ==>|network 1.2345 ms| checkout["checkout()"]';

describe('chromiumPath', () => {
  it('is CHROMIUM_PATH, or Debian’s chromium when it is unset or empty', () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/usr/bin/google-chrome' })).toBe('/usr/bin/google-chrome');
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
    expect(chromiumPath({ CHROMIUM_PATH: '' })).toBe('/usr/bin/chromium');
  });
});

describe('a build without Chromium', () => {
  it('fails with what to do, naming CHROMIUM_PATH and how to install Chromium, and no stack trace', async () => {
    const { script } = await themeMermaid(process.cwd());
    const render = chromiumRenderer({ executablePath: '/nowhere/chromium', mermaidScript: script });
    const failure = await render([{ key: 'k', source, config: mermaidConfig(settings, 'light') }]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BuildSetupError);
    expect((failure as Error).message).toBe(missingChromiumMessage('/nowhere/chromium', 'no file there'));
    expect((failure as Error).message).toMatch(/no Chromium at \/nowhere\/chromium .*apt-get install chromium.*CHROMIUM_PATH=/);
    expect((failure as Error).stack).not.toMatch(/\n\s+at /);
  });

  it('starts nothing when there is nothing to draw', async () => {
    const render = chromiumRenderer({ executablePath: '/nowhere/chromium', mermaidScript: '/nowhere/mermaid.min.js' });
    expect(await render([])).toEqual(new Map());
  });
});

// The system's Chromium (CHROMIUM_PATH), as the build uses it.
describe('drawing in Chromium', () => {
  it('draws each theme as a standalone SVG with a pixel size, SVG text labels and the accessible title', { timeout: 60_000 }, async () => {
    const { script } = await themeMermaid(process.cwd());
    const render = chromiumRenderer({ executablePath: chromiumPath(process.env), mermaidScript: script });
    const svgs = await render([
      { key: 'light', source, config: mermaidConfig(settings, 'light') },
      { key: 'dark', source, config: mermaidConfig(settings, 'dark') },
    ]);
    expect([...svgs.keys()]).toEqual(['light', 'dark']);
    for (const svg of svgs.values()) {
      expect(svg).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      const { width, height } = svgSize(svg);
      expect(width).toBeGreaterThan(100);
      expect(height).toBeGreaterThan(20);
      expect(/<svg [^>]*>/.exec(svg)?.[0]).not.toMatch(/max-width|width="100%"/);
      expect(svg).not.toContain('foreignObject');
      expect(svg).toMatch(/<title[^>]*>Client to checkout<\/title>/);
      expect(svg).toMatch(/<text[^>]*>[\s\S]*network[\s\S]*<\/text>/);
      // Geometry rounded to hundredths, the labels' text untouched.
      expect(svg).not.toMatch(/ (d|transform)="[^"]*\d\.\d{3}/);
      expect(svg).toMatch(/>\s*1\.2345<\/tspan>/);
    }
    // The dark theme's edge labels drawn lighter (mermaidConfig), scoped to the SVG.
    // (Mermaid reads the CSS through the browser's CSSOM, which writes #ececec as rgb(236, 236, 236).)
    expect(svgs.get('dark')).toContain('#diagram-dark .edgeLabel text,#diagram-dark .edgeLabel tspan{fill:rgb(236, 236, 236);}');
    expect(svgs.get('light')).not.toContain('236, 236, 236');
    expect(svgs.get('light')).toContain('<svg id="diagram-light"');
  });

  it('names the diagram Mermaid refuses', { timeout: 60_000 }, async () => {
    const { script } = await themeMermaid(process.cwd());
    const render = chromiumRenderer({ executablePath: chromiumPath(process.env), mermaidScript: script });
    await expect(render([{ key: 'k', source: 'flowchart LR\n  a -->|unclosed b', config: mermaidConfig(settings, 'light') }])).rejects.toThrow(/^Mermaid could not draw this diagram \(.+\):\nflowchart LR\n {2}a -->\|unclosed b$/);
  });
});
