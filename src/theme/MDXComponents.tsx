import type { ComponentProps, ReactNode } from 'react';
import MDXComponents from '@theme-original/MDXComponents';

/**
 * Markdown tables scroll inside a focusable region, like the result tables, so that keyboard users
 * can scroll a wide table on a phone (axe: scrollable-region-focusable).
 */
function ScrollingTable(props: ComponentProps<'table'>): ReactNode {
  return (
    // A group, not a region: several tables on one page would be landmarks with the same name.
    <div className="table-scroll" role="group" aria-label="Table (scrolls sideways on narrow screens)" tabIndex={0}>
      <table {...props} />
    </div>
  );
}

export default { ...MDXComponents, table: ScrollingTable };
