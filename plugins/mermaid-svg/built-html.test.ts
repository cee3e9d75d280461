import { describe, expect, it } from 'vitest';
import { diagramImages, diagramSources, htmlText, svgSize, withImageSizes } from './built-html.ts';
import { diagramHash } from './diagram-files.ts';

const source = 'flowchart LR\n  accTitle: Quotes & arrows\n  a -->|"1 · async"| b\n  b -.-> c[\'it\'s <b>\']';
const hash = diagramHash(source);

/** The source as React writes it in a `<pre>`: `&`, `<`, `>`, `"` and `'` escaped. */
const reactEscaped = source.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;');

describe('htmlText', () => {
  it('decodes the references React and the minifier write, and drops tags and comments', () => {
    expect(htmlText(`<code>${reactEscaped}</code>`)).toBe(source);
    expect(htmlText('a<!-- -->b &#39;&#x1F642;&apos;&nbsp;')).toBe("ab '🙂'\u00a0");
  });

  it('leaves a reference it does not know as it is', () => {
    expect(htmlText('&hellip; &#x110000;')).toBe('&hellip; &#x110000;');
  });
});

describe('diagramSources', () => {
  it('reads each source with the hash beside it, quoted or not, in the order of the page', () => {
    const other = 'flowchart TD\n  x --> y';
    const html = `<p>text</p><pre class="a" data-mermaid-source="${hash}"><code>${reactEscaped}</code></pre><pre>not a diagram</pre><pre data-mermaid-source=${diagramHash(other)}><code>${other.replaceAll('>', '&gt;')}</code></pre>`;
    expect(diagramSources(html)).toEqual([
      { hash, source },
      { hash: diagramHash(other), source: other },
    ]);
  });

  it('finds none in a page without diagrams', () => {
    expect(diagramSources('<pre><code>npm start</code></pre>')).toEqual([]);
  });

  it('refuses a source that does not hash to the hash beside it', () => {
    expect(() => diagramSources(`<pre data-mermaid-source="${hash}"><code>${reactEscaped} changed</code></pre>`)).toThrow(/hashes to [0-9a-f]{16}, not to the [0-9a-f]{16} the page wrote/);
  });
});

describe('diagramImages', () => {
  it('finds the images of diagram files with their mode, name and whether they are sized, and no other image', () => {
    const html = `<img src="/img/logo.svg" alt="logo"><img class=x src=/granularity-lab/diagrams/${hash}.light.svg alt="Quotes &amp; arrows" loading=lazy><img width="10" height="5" src="/diagrams/${hash}.dark.svg" alt="">`;
    expect(diagramImages(html)).toEqual([
      { hash, mode: 'light', alt: 'Quotes & arrows', sized: false },
      { hash, mode: 'dark', alt: '', sized: true },
    ]);
  });
});

describe('withImageSizes', () => {
  const sizes = { light: { width: 320, height: 90 }, dark: { width: 322, height: 91 } };

  it('writes each diagram image its own SVG’s size, and leaves other images and sized ones as they were', () => {
    const html = `<p><img src="/img/logo.svg" alt="logo"><img src="/diagrams/${hash}.light.svg" alt="a"><img src="/diagrams/${hash}.dark.svg" alt="a" /><img width="1" height="2" src="/diagrams/${hash}.dark.svg"></p>`;
    expect(withImageSizes(html, (_hash, mode) => sizes[mode])).toBe(
      `<p><img src="/img/logo.svg" alt="logo"><img width="320" height="90" src="/diagrams/${hash}.light.svg" alt="a"><img width="322" height="91" src="/diagrams/${hash}.dark.svg" alt="a" /><img width="1" height="2" src="/diagrams/${hash}.dark.svg"></p>`,
    );
  });

  it('refuses an image whose SVG was not drawn', () => {
    expect(() => withImageSizes(`<img src="/diagrams/${hash}.light.svg" alt="a">`, () => undefined)).toThrow(`no SVG was drawn for the diagram image /diagrams/${hash}.light.svg`);
  });
});

describe('svgSize', () => {
  it('reads the width and height of the root element', () => {
    expect(svgSize('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="320" height="90.5" viewBox="0 0 320 90.5"><svg width="1" height="1"/></svg>')).toEqual({ width: 320, height: 90.5 });
  });

  it('refuses an SVG sized in percent or not at all, as Mermaid writes it when it fits the width', () => {
    expect(() => svgSize('<svg width="100%" style="max-width: 320px" viewBox="0 0 320 90"></svg>')).toThrow(/does not declare its width and height/);
    expect(() => svgSize('<p>no svg</p>')).toThrow(/does not declare its width and height/);
  });
});
