import type { ReactNode } from 'react';
import Mermaid from '@theme-original/Mermaid';
import type { Props } from '@theme/Mermaid';
import { useNearViewport } from '@site/src/components/useNearViewport';

/**
 * The theme's Mermaid diagram, drawn when it comes near the viewport or the page is printed. Mermaid is the heaviest script
 * on the site (loading it and laying out a diagram took seconds of a phone's main thread on a page
 * of three diagrams), and most diagrams are below the fold.
 */
export default function NearViewportMermaid(props: Props): ReactNode {
  const [ref, near] = useNearViewport<HTMLDivElement>();
  // `data-figure`: custom.css keeps room for the diagram until its SVG is in, and the page tests
  // scroll to every figure and wait for its SVG (e2e/figures.ts).
  return (
    <div ref={ref} data-figure="diagram">
      {near && <Mermaid {...props} />}
    </div>
  );
}
