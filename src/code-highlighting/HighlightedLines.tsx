import type { ReactNode } from 'react';
import { normalizeTokens, Prism } from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';
import CodeLines, { type CodeLinesProps } from './CodeLines';

// The theme registers the extra languages (bash, json) from a client module that would put Prism in
// every page's main bundle; plugins/code-highlighting empties that module in the browser, so the
// languages are registered here, in the chunk that is loaded only when a block must be highlighted.
prismIncludeLanguages(Prism);

/** Prism's tokens for `code`, or one plain token per line for a language Prism does not know. */
function tokenize(code: string, language: string) {
  const grammar = Prism.languages[language];
  return normalizeTokens(grammar === undefined ? [code] : Prism.tokenize(code, grammar));
}

/**
 * A code block's lines highlighted by Prism, with token classes rather than inline colours. The
 * server renders every block with it; the browser loads it (lazily) only for blocks it renders
 * itself, after a client-side navigation.
 *
 * @example
 * ```tsx
 * <HighlightedLines code="const a = 1;" language="ts" lineClassNames={{}} showLineNumbers={false} />
 * ```
 */
export default function HighlightedLines({ code, language, ...lines }: Omit<CodeLinesProps, 'lines'> & { readonly code: string; readonly language: string }): ReactNode {
  return <CodeLines lines={tokenize(code, language.toLowerCase())} {...lines} />;
}
