import type { ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';

/** The source of a tested file, imported with raw-loader at build time: never pasted. */
export default function ExperimentSource({ source, path }: { source: string; path: string }): ReactNode {
  return (
    <details>
      <summary>
        <code>{path}</code> ({source.split('\n').length} lines)
      </summary>
      <CodeBlock language="ts" title={path} showLineNumbers>
        {source}
      </CodeBlock>
    </details>
  );
}
