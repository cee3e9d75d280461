/**
 * @upstream @docusaurus/theme-classic@3.10.2 src/theme/CodeBlock/Content/index.tsx
 * @reason The theme highlights every block again in the browser with inline colours; this one keeps
 * the server's highlighted HTML and colours tokens with CSS classes, which is a different component,
 * not a wrapper. Docusaurus rates ejecting CodeBlock/Content unsafe.
 * @internalApi @docusaurus/theme-common@3.10.2 useCodeBlockContext: the block's metadata and word-wrap
 * state, set by `CodeBlock/Content/String`; 3.10.2 exports it only from `/internal`.
 * @internalApi @docusaurus/theme-classic@3.10.2 lib/theme/CodeBlock/Content/styles.module.css: the
 * theme's own class names for the `<pre>` and `<code>` (padding, line numbering, print wrapping),
 * which no public API exposes; importing them keeps the block styled as the theme styles it.
 */
import { useId, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import useIsBrowser from '@docusaurus/useIsBrowser';
import { useCodeBlockContext } from '@docusaurus/theme-common/internal';
import type { Props } from '@theme/CodeBlock/Content';
import HighlightedLines from '@site/src/code-highlighting/DeferredHighlightedLines';
import styles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Content/styles.module.css';

/**
 * Whether this render hydrates a block the server already highlighted: the page is hydrating
 * (`useIsBrowser` is still false in the browser) and the block's `<code>` is in the document.
 */
function useServerHighlighted(codeId: string): boolean {
  const isBrowser = useIsBrowser();
  const [highlighted] = useState(() => ExecutionEnvironment.canUseDOM && !isBrowser && (document.getElementById(codeId)?.hasChildNodes() ?? false));
  return highlighted;
}

/**
 * The theme's code block content, highlighted once. Docusaurus tokenises every block again while the
 * page hydrates, then once more after mounting to apply the colour mode; on a page of long code that
 * was seconds of a phone's main thread. Here the server's highlighted HTML is kept as it is
 * (`dangerouslySetInnerHTML` with nothing in it leaves the server's children in place), and the
 * colours follow the colour mode through CSS classes, so nothing is re-rendered.
 */
export default function CodeBlockContent({ className }: Props): ReactNode {
  const { metadata, wordWrap } = useCodeBlockContext();
  const { code, language, lineNumbersStart, lineClassNames } = metadata;
  const codeId = useId();
  const serverHighlighted = useServerHighlighted(codeId);
  const showLineNumbers = lineNumbersStart !== undefined;
  return (
    <pre ref={wordWrap.codeBlockRef} tabIndex={0} className={clsx(className, `prism-code language-${language}`, styles.codeBlock, 'thin-scrollbar')}>
      <code
        id={codeId}
        className={clsx(styles.codeBlockLines, showLineNumbers && styles.codeBlockLinesWithNumbering)}
        style={showLineNumbers ? { counterReset: `line-count ${lineNumbersStart - 1}` } : undefined}
        {...(serverHighlighted ? { dangerouslySetInnerHTML: { __html: '' }, suppressHydrationWarning: true } : {})}>
        {serverHighlighted ? undefined : <HighlightedLines code={code} language={language} lineClassNames={lineClassNames} showLineNumbers={showLineNumbers} />}
      </code>
    </pre>
  );
}
