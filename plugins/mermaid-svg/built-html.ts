import { diagramFileOf, diagramHash, type ColourMode } from './diagram-files.ts';

// The built pages are read and patched as text: the markup is the theme's own (src/theme/Mermaid),
// the HTML minifier may leave attribute values unquoted, and a source read back wrongly is caught by
// its hash rather than trusted.

/** A diagram's Mermaid source as a built page carries it, folded under the diagram. */
export interface DiagramSource {
  /** The hash the page wrote beside the source (`data-mermaid-source`), which the source must hash to. */
  readonly hash: string;
  readonly source: string;
}

/** A diagram's image in a built page: which diagram, in which colour mode, named how. */
export interface DiagramImage {
  readonly hash: string;
  readonly mode: ColourMode;
  /** The image's `alt`, decoded: its accessible name ('' when it has none). */
  readonly alt: string;
  /** Whether the image already has both a `width` and a `height`. */
  readonly sized: boolean;
}

/** An SVG's width and height in CSS pixels. */
export interface SvgSize {
  readonly width: number;
  readonly height: number;
}

const namedCharacters: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The text of an HTML fragment: tags and comments dropped, character references decoded (the
 * numeric ones and those React and the minifier write: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
 * `&nbsp;`). Another named reference is left as it is, and the hash check then fails loudly.
 *
 * @example
 * ```ts
 * htmlText('<code>a --&gt;|&quot;1 · async&quot;| b &amp;&#x27;c&#39;</code>'); // 'a -->|"1 · async"| b &\'c\''
 * ```
 */
export function htmlText(fragment: string): string {
  return fragment
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (reference, body: string) => {
      if (body.startsWith('#')) {
        const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : reference;
      }
      return namedCharacters[body] ?? reference;
    });
}

/** Every attribute of a start tag (`<img src=a alt="b">`), values decoded; a bare attribute has the value ''. */
function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const inside = tag.replace(/^<[a-zA-Z0-9-]+/, '').replace(/\/?>$/, '');
  for (const match of inside.matchAll(/([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attributes.set((match[1] as string).toLowerCase(), htmlText(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

/**
 * The Mermaid sources a built page carries (`<pre data-mermaid-source="<hash>">`), each checked
 * against the hash the page wrote beside it, in the order of the page. Throws when a source read
 * back does not hash to it: the page and the build would then name different files.
 *
 * @example
 * ```ts
 * diagramSources('<pre data-mermaid-source=af63dc4c8601ec8c><code>a</code></pre>'); // [{ hash: 'af63dc4c8601ec8c', source: 'a' }]
 * ```
 */
export function diagramSources(html: string): DiagramSource[] {
  const found: DiagramSource[] = [];
  for (const match of html.matchAll(/(<pre\b[^>]*>)([\s\S]*?)<\/pre>/g)) {
    const hash = attributesOf(match[1] as string).get('data-mermaid-source');
    if (hash === undefined) continue;
    const source = htmlText(match[2] as string);
    const actual = diagramHash(source);
    if (actual !== hash) {
      throw new Error(`a Mermaid source was read back from the page as text that hashes to ${actual}, not to the ${hash} the page wrote beside it (the page's markup is not what plugins/mermaid-svg reads): ${JSON.stringify(source.slice(0, 80))}`);
    }
    found.push({ hash, source });
  }
  return found;
}

/**
 * The diagram images of a built page: every `<img>` whose `src` is a diagram's SVG file
 * (`diagrams/<hash>.<mode>.svg`), in the order of the page.
 *
 * @example
 * ```ts
 * diagramImages('<img src="/diagrams/af63dc4c8601ec8c.dark.svg" alt="Two steps">');
 * // [{ hash: 'af63dc4c8601ec8c', mode: 'dark', alt: 'Two steps', sized: false }]
 * ```
 */
export function diagramImages(html: string): DiagramImage[] {
  const images: DiagramImage[] = [];
  for (const [tag] of html.matchAll(/<img\b[^>]*>/g)) {
    const attributes = attributesOf(tag);
    const file = diagramFileOf(attributes.get('src') ?? '');
    if (file) images.push({ ...file, alt: attributes.get('alt') ?? '', sized: attributes.has('width') && attributes.has('height') });
  }
  return images;
}

/**
 * The page with a `width` and a `height` on every diagram image that lacks them, from its SVG, so
 * that the browser keeps the image's room before the file arrives and nothing below it moves
 * (the page's CSS scales it down to the column with `height: auto`). Throws for an image whose
 * size is unknown (its SVG was not drawn).
 *
 * @example
 * ```ts
 * withImageSizes('<img src="/diagrams/af63dc4c8601ec8c.light.svg" alt="x">', () => ({ width: 320, height: 90 }));
 * // '<img width="320" height="90" src="/diagrams/af63dc4c8601ec8c.light.svg" alt="x">'
 * ```
 */
export function withImageSizes(html: string, sizeOf: (hash: string, mode: ColourMode) => SvgSize | undefined): string {
  return html.replace(/<img\b[^>]*>/g, (tag) => {
    const attributes = attributesOf(tag);
    const file = diagramFileOf(attributes.get('src') ?? '');
    if (!file || (attributes.has('width') && attributes.has('height'))) return tag;
    const size = sizeOf(file.hash, file.mode);
    if (!size) throw new Error(`no SVG was drawn for the diagram image ${attributes.get('src')}`);
    return `<img width="${size.width}" height="${size.height}"${tag.slice('<img'.length)}`;
  });
}

/**
 * The width and height an SVG file declares on its root element, in CSS pixels (the renderer
 * writes them from the viewBox: ./render.ts). Throws when it declares no plain number for either.
 *
 * @example
 * ```ts
 * svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="90" viewBox="0 0 320 90"></svg>'); // { width: 320, height: 90 }
 * ```
 */
export function svgSize(svg: string): SvgSize {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  const attributes = root ? attributesOf(root) : new Map<string, string>();
  const [width, height] = ['width', 'height'].map((name) => (/^\d+(\.\d+)?$/.test(attributes.get(name) ?? '') ? Number(attributes.get(name)) : Number.NaN));
  if (!root || !Number.isFinite(width) || !Number.isFinite(height)) {
    throw new Error(`the SVG does not declare its width and height in pixels on its root element: ${(root ?? svg).slice(0, 200)}`);
  }
  return { width: width as number, height: height as number };
}
