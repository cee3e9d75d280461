import type { ReactNode } from 'react';
import Mermaid from '@theme/Mermaid';
import { toMermaid } from '@site/examples/lab/mermaid';
import { shapes, truncateShape, type ShapeName } from '@site/examples/lab/shapes';

/**
 * A shape drawn by `toMermaid` from the same value the lab deploys, so the picture cannot drift from
 * the code the figures came from.
 */
export default function ShapeDiagram({ shape, chainLength }: { shape: ShapeName; chainLength?: number }): ReactNode {
  const value = chainLength ? truncateShape(shapes[shape], chainLength) : shapes[shape];
  return (
    <figure style={{ margin: '0 0 var(--ifm-spacing-vertical)' }}>
      <Mermaid value={toMermaid(value)} />
      <figcaption style={{ fontSize: '0.875rem' }}>
        <strong>{value.name}</strong>: {value.description}; {value.units.length} deploy unit{value.units.length > 1 ? 's' : ''}. Thick arrows cross the
        transport.
      </figcaption>
    </figure>
  );
}
