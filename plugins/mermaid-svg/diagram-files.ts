/**
 * What the page and the build agree on for a Mermaid diagram drawn when the site is built: its
 * hash, the names of its SVG files and its accessible name. Browser-safe (no Node built-ins): the
 * theme's Mermaid wrapper (src/theme/Mermaid) runs it on the server and in the reader's browser,
 * and the build plugin (./index.ts) runs it on the sources it finds in the built pages, so the
 * three must compute the same thing from the same source.
 */

/** The colour modes of the site, each drawn in its own SVG file. */
export const colourModes = ['light', 'dark'] as const;

/** A colour mode of the site (`html[data-theme]`). */
export type ColourMode = (typeof colourModes)[number];

/** The folder of the build the SVG files are written to, under the site's base URL. */
export const diagramFolder = 'diagrams';

// FNV-1a, 64 bits, over the UTF-8 bytes. Not a cryptographic hash: it names a handful of diagrams
// and must be synchronous in the page (crypto.subtle is asynchronous, node:crypto is Node-only).
// BigInt() rather than BigInt literals, which the browsers the build targets may not parse.
const fnvOffsetBasis = BigInt('0xcbf29ce484222325');
const fnvPrime = BigInt('0x100000001b3');
const encoder = new TextEncoder();

/**
 * The hash of a text: 16 lowercase hex digits (FNV-1a, 64 bits, over its UTF-8 bytes), the same in
 * Node and in the browser. Names a diagram's SVG files after its Mermaid source.
 *
 * @example
 * ```ts
 * diagramHash('a'); // 'af63dc4c8601ec8c'
 * ```
 */
export function diagramHash(text: string): string {
  let hash = fnvOffsetBasis;
  for (const byte of encoder.encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * fnvPrime);
  return hash.toString(16).padStart(16, '0');
}

/**
 * The path, under the site's base URL, of a diagram's SVG file in one colour mode.
 *
 * @example
 * ```ts
 * diagramFilePath('af63dc4c8601ec8c', 'dark'); // 'diagrams/af63dc4c8601ec8c.dark.svg'
 * ```
 */
export function diagramFilePath(hash: string, mode: ColourMode): string {
  return `${diagramFolder}/${hash}.${mode}.svg`;
}

/**
 * Reads the hash and colour mode back from the address of a diagram's SVG file (an `<img>`'s
 * `src`, with or without the site's base), or undefined for any other address.
 *
 * @example
 * ```ts
 * diagramFileOf('/granularity-lab/diagrams/af63dc4c8601ec8c.dark.svg'); // { hash: 'af63dc4c8601ec8c', mode: 'dark' }
 * diagramFileOf('/img/logo.svg'); // undefined
 * ```
 */
export function diagramFileOf(address: string): { hash: string; mode: ColourMode } | undefined {
  const match = new RegExp(`(?:^|/)${diagramFolder}/([0-9a-f]{16})\\.(light|dark)\\.svg$`).exec(address);
  return match ? { hash: match[1] as string, mode: match[2] as ColourMode } : undefined;
}

/**
 * The accessible name of a diagram: the `title` its page gives, or else the `accTitle:` line of its
 * Mermaid source (which Mermaid also writes into the SVG's `<title>`); undefined when it has
 * neither, which the build refuses (./index.ts).
 *
 * @example
 * ```ts
 * diagramName('flowchart LR\n  accTitle: The checkout as microservices\n  a --> b'); // 'The checkout as microservices'
 * diagramName('flowchart LR\n  a --> b', 'Two steps'); // 'Two steps'
 * ```
 */
export function diagramName(source: string, title?: string): string | undefined {
  const given = title?.trim();
  if (given) return given;
  return /^[ \t]*accTitle[ \t]*:[ \t]*(.*\S)[ \t]*$/m.exec(source)?.[1];
}
