import type { ReactNode } from 'react';
import { Prism, useTokenize } from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';
import CodeLines, { type CodeLinesProps } from './CodeLines';

// The theme registers the extra languages (`prism.additionalLanguages` in docusaurus.config.ts)
// from a client module that would put Prism in every page's main bundle; plugins/code-highlighting
// empties that module in the browser, so the languages are registered here, in the chunk that is
// loaded only when a block must be highlighted.
prismIncludeLanguages(Prism);

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
  const lowerCase = language.toLowerCase();
  // prism-react-renderer's own tokeniser: plain lines for a language Prism does not know.
  const tokens = useTokenize({ prism: Prism, code, grammar: Prism.languages[lowerCase], language: lowerCase });
  return <CodeLines lines={tokens} {...lines} />;
}
