import type { ComponentProps, ReactNode } from 'react';
import MDXComponents from '@theme-original/MDXComponents';

/**
 * Markdown tables scroll inside a focusable region, like the result tables, so that keyboard users
 * can scroll a wide table on a phone (axe: scrollable-region-focusable).
 */
function ScrollingTable(props: ComponentProps<'table'>): ReactNode {
  return (
    <div className="table-scroll" role="region" aria-label="Table (scrolls sideways on narrow screens)" tabIndex={0}>
      <table {...props} />
    </div>
  );
}

export default { ...MDXComponents, table: ScrollingTable };
