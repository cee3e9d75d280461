import { useState, type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';

/**
 * The source of a tested file, imported with raw-loader at build time: never pasted. Folded, it is
 * plain text (two DOM nodes instead of one per highlighted token, which made long pages slow to
 * hydrate and to audit); unfolded, it is highlighted with line numbers.
 */
export default function ExperimentSource({ source, path, language = 'ts' }: { source: string; path: string; language?: string }): ReactNode {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        <code>{path}</code> ({source.split('\n').length} lines)
      </summary>
      {open ? (
        <CodeBlock language={language} title={path} showLineNumbers>
          {source}
        </CodeBlock>
      ) : (
        <pre>
          <code>{source}</code>
        </pre>
      )}
    </details>
  );
}
