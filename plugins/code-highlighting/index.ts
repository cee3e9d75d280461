/**
 * @internalApi @docusaurus/theme-classic@3.10.2 lib/prism-include-languages: the client module that loads Prism on every page; the theme has no option to leave it out, so the browser bundle aliases it to an empty module.
 */
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { PrismTheme } from 'prism-react-renderer';
import { prismTokenCss } from './token-css.ts';

/**
 * Code highlighted on the server only. Docusaurus highlights every code block in the browser again
 * (twice: at hydration, then after mounting, for the colour mode), and loads Prism with every page.
 * This plugin goes with the swizzled `CodeBlock` and `CodeBlock/Content`:
 * - it writes the light and dark code themes as CSS for Prism's token classes, so that the
 *   server's HTML is right in both colour modes;
 * - in the browser bundle it replaces the theme's `prism-include-languages` client module, the one
 *   thing that still loaded Prism on every page, with an empty module
 *   (`HighlightedLines` registers the languages where Prism is loaded);
 * - in the server bundle it replaces `DeferredHighlightedLines` (Prism loaded lazily) with
 *   `HighlightedLines`, so that the server renders highlighted code in one pass.
 *
 * @example
 * ```ts
 * plugins: [codeHighlighting]
 * ```
 */
export default function codeHighlighting(context: LoadContext): Plugin {
  const { theme, darkTheme } = (context.siteConfig.themeConfig as { prism: { theme: PrismTheme; darkTheme?: PrismTheme } }).prism;
  const css = [
    // The block's own text colour, which Prism's highlighter used to set inline.
    '.prism-code{color:var(--prism-color)}',
    prismTokenCss(theme, "html:not([data-theme='dark'])"),
    prismTokenCss(darkTheme ?? theme, "html[data-theme='dark']"),
  ].join('');
  return {
    name: 'code-highlighting',
    configureWebpack(_config, isServer) {
      const here = (file: string) => path.join(context.siteDir, 'src/code-highlighting', file);
      // Aliases match the request with and without its extension.
      const replace = (module: string, by: string) => ({ [module]: by, [module.replace(/\.[jt]sx?$/, '')]: by });
      return {
        resolve: {
          alias: isServer
            ? replace(here('DeferredHighlightedLines.tsx'), here('HighlightedLines.tsx'))
            : replace(require.resolve('@docusaurus/theme-classic/lib/prism-include-languages'), here('empty-client-module.ts')),
        },
      };
    },
    injectHtmlTags() {
      return { headTags: [{ tagName: 'style', innerHTML: css }] };
    },
  };
}
