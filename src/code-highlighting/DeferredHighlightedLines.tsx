import { lazy, Suspense, type ComponentProps, type ReactNode } from 'react';
import CodeLines, { plainLines } from './CodeLines';

// Prism and its grammars stay out of the main bundle: the browser loads them only for a block it has
// to render itself (after a client-side navigation, or in a component that renders after mounting).
const HighlightedLines = lazy(() => import('./HighlightedLines'));

/**
 * `HighlightedLines` for the browser: the block shows its plain lines until Prism has loaded. The
 * server bundle uses `HighlightedLines` itself in place of this module (see plugins/code-highlighting), so that
 * the server's HTML is highlighted in one pass, with no streamed fallback.
 *
 * @example
 * ```tsx
 * <DeferredHighlightedLines code="const a = 1;" language="ts" lineClassNames={{}} showLineNumbers={false} />
 * ```
 */
export default function DeferredHighlightedLines(props: ComponentProps<typeof HighlightedLines>): ReactNode {
  return (
    <Suspense fallback={<CodeLines lines={plainLines(props.code)} lineClassNames={props.lineClassNames} showLineNumbers={props.showLineNumbers} />}>
      <HighlightedLines {...props} />
    </Suspense>
  );
}
