import type { ReactNode } from 'react';
import Mermaid from '@theme/Mermaid';
import { toMermaid } from '@site/examples/lab/model/shape-mermaid';
import { modularMonolith, shapes, truncateShape, type AnyShape } from '@site/examples/lab/model/shapes';

const drawable: Readonly<Record<AnyShape['name'], AnyShape>> = { ...shapes, 'modular-monolith': modularMonolith };

/**
 * A shape drawn by `toMermaid` from the same value the lab deploys, so the picture cannot drift from
 * the code the figures came from.
 */
export default function ShapeDiagram({ shape, chainLength }: { shape: AnyShape['name']; chainLength?: number }): ReactNode {
  const value = chainLength ? truncateShape(drawable[shape], chainLength) : drawable[shape];
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
