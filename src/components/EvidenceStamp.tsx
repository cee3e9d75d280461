import type { ReactNode } from 'react';
import type { EvidenceStamp as Stamp } from '@site/examples/lab/experiment/evidence-schema';
import SiteFileLink from './SiteFileLink';

/**
 * Where the figures beside it come from: machine, runtime, date, commit, source hash and package
 * versions, and a link
 * to the evidence file itself, served by the site (plugins/evidence-files).
 *
 * @example
 * ```mdx
 * <EvidenceStamp stamp={evidence.stamp} claim="nano-chaining" />
 * ```
 */
export default function EvidenceStamp({ stamp, claim }: { stamp: Stamp; claim: string }): ReactNode {
  return (
    <p style={{ fontSize: '0.875rem' }}>
      Measured on {stamp.cpuModel} ({stamp.cores} cores, {stamp.memoryGiB} GiB), Node {stamp.node}, {stamp.platform}, on{' '}
      {stamp.date.slice(0, 10)} in {stamp.durationSeconds} s; commit <code>{stamp.commit.slice(0, 10)}</code>
      {stamp.dirty ? ' plus uncommitted changes' : ''}
      {stamp.servers?.length ? `; on ${stamp.servers.map((server) => `${server.version}${server.kind === 'embedded' ? ' (an embedded stand-in)' : ''}`).join(' and ')}` : ''}; source hash <code>{stamp.sourceHash.slice(0, 12)}</code> over{' '}
      {stamp.sourceFiles.length} files and {Object.keys(stamp.packages).length} packages ({Object.entries(stamp.packages).map(([name, version]) => `${name} ${version}`).join(', ')}). File:{' '}
      <SiteFileLink path={`/evidence/${claim}.json`}>
        <code>evidence/{claim}.json</code>
      </SiteFileLink>
      .
    </p>
  );
}
