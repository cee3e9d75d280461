import type { ReactNode } from 'react';
import { systemFacts } from '@site/examples/lab/model/system-summary';
import { normaliseSystem, type SystemFile } from '@site/examples/lab/model/system';
import SiteFileLink from './SiteFileLink';
import SystemDiagram from './SystemDiagram';

/**
 * One reference system, read from its file: what it is, the shape of its call graph, a drawing of
 * the first cut its file names (nanoservices when it names none), where its shape and figures come
 * from, and what it assumed.
 *
 * @example
 * ```mdx
 * <ReferenceSystem file={onlineBoutique} />
 * ```
 */
export default function ReferenceSystem({ file }: { file: SystemFile }): ReactNode {
  const system = normaliseSystem(file);
  const facts = systemFacts(system);
  const drawn = Object.keys(file.cuts ?? {})[0] ?? 'nanoservices';
  return (
    <>
      <p>{system.description}</p>
      <ul>
        {facts.map((fact) => (
          <li key={fact}>{fact}</li>
        ))}
        <li>
          File: <SiteFileLink path={`/systems/${system.name}.json`}>{`examples/systems/${system.name}.json`}</SiteFileLink>
        </li>
      </ul>
      <SystemDiagram file={file} cut={drawn} />
      <p>
        <strong>Sources</strong>
      </p>
      <ol>
        {system.sources.map((source, index) => (
          // Sources may share a title (files of one repository): the position is the key.
          <li key={index}>
            {source.url ? <a href={source.url}>{source.title}</a> : source.title}
            {source.author ? `, ${source.author}` : ''}
            {source.year ? ` (${source.year})` : ''}
            {source.says ? `: ${source.says}` : ''}
          </li>
        ))}
      </ol>
      <p>
        <strong>Assumed</strong> (chosen, not taken from a source)
      </p>
      <ul>
        {system.assumptions.map((assumption) => (
          <li key={assumption}>{assumption}</li>
        ))}
      </ul>
    </>
  );
}
