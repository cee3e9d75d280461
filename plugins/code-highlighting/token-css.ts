import type { PrismTheme } from 'prism-react-renderer';

type TokenStyle = PrismTheme['styles'][number]['style'];

function declarations(style: TokenStyle): string {
  return Object.entries(style)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([property, value]) => `${property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}:${String(value)}`)
    .join(';');
}

/**
 * A code theme as a stylesheet: one rule per theme entry, for Prism's token classes
 * (`.token.keyword`), inside `scope`. Code blocks then carry classes rather than inline colours, so
 * the server's HTML is right in both colour modes and the browser never has to highlight it again.
 *
 * An entry limited to some languages applies only inside those languages' blocks
 * (`.language-ts .token.keyword`). When a token has several types the later rule wins, as in
 * Prism's own CSS themes.
 *
 * @example
 * ```ts
 * prismTokenCss(themes.dracula, "[data-theme='dark']");
 * // "[data-theme='dark'] .token.comment{color:#6272A4}…"
 * ```
 */
export function prismTokenCss(theme: PrismTheme, scope: string): string {
  return theme.styles
    .map(({ types, languages, style }) => {
      const body = declarations(style);
      if (body === '') return '';
      const within = languages === undefined ? [''] : languages.map((language) => `.language-${language} `);
      const selectors = within.flatMap((prefix) => types.map((type) => `${scope} ${prefix}.token.${type}`));
      return `${selectors.join(',')}{${body}}`;
    })
    .join('');
}
