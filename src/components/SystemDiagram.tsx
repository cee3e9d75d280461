import type { ReactNode } from 'react';
import Mermaid from '@theme/Mermaid';
import { systemToMermaid } from '@site/examples/lab/model/system-mermaid';
import { normaliseSystem, type SystemFile } from '@site/examples/lab/model/system';

/**
 * A system file drawn in one of its cuts by `systemToMermaid`, from the same file the lab checks
 * (the build refuses a system file the lab cannot use: plugins/system-files), so the picture cannot
 * drift from the data.
 *
 * @example
 * ```mdx
 * <SystemDiagram file={shop} cut="microservices" />
 * ```
 */
export default function SystemDiagram({ file, cut }: { file: SystemFile; cut: string }): ReactNode {
  const system = normaliseSystem(file);
  const units = system.cuts[cut]?.units.length ?? 0;
  return (
    <figure style={{ margin: '0 0 var(--ifm-spacing-vertical)' }}>
      <Mermaid value={systemToMermaid(system, cut)} />
      <figcaption style={{ fontSize: '0.875rem' }}>
        <strong>{system.name}</strong>, cut as <strong>{cut}</strong>: {units} deploy unit{units === 1 ? '' : 's'}. Numbers are the steps of each
        operation&apos;s calls, in order; a thick arrow is one of several calls made in parallel, a dotted arrow a message published and not
        waited for.
      </figcaption>
    </figure>
  );
}
