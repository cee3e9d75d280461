/**
 * @upstream @docusaurus/theme-classic@3.10.2 src/theme/CodeBlock/index.tsx
 * @reason The theme keys the block on `useIsBrowser()`, which remounts every code block once the
 * page has hydrated (and highlights it again); a wrapper cannot take that key away. Docusaurus rates
 * this eject safe.
 */
import { Children, isValidElement, type ReactNode } from 'react';
import type { Props } from '@theme/CodeBlock';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';

/** The children as one string when they are strings (so that the copy button has the code), else as they are. */
function stringChildren(children: ReactNode): ReactNode {
  if (Children.toArray(children).some((child) => isValidElement(child))) return children;
  return Array.isArray(children) ? children.join('') : children;
}

/**
 * The theme's CodeBlock without its remount after hydration. The theme keys the block on
 * `useIsBrowser()` so that a second render applies the colour mode's inline token colours; here
 * tokens are coloured by CSS classes (see `CodeBlock/Content`), so one render serves both modes.
 */
export default function CodeBlock({ children, ...props }: Props): ReactNode {
  const code = stringChildren(children);
  return typeof code === 'string' ? <StringContent {...props}>{code}</StringContent> : <ElementContent {...props}>{code}</ElementContent>;
}
