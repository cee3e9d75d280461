import type { ReactNode } from 'react';
import type { EvidenceStamp as Stamp } from '@site/examples/lab/experiment/evidence-schema';
import SiteFileLink from './SiteFileLink';

/** `; on PostgreSQL 15.20 and NATS 2.9.10 (JetStream) (compared with …)` for a run that used servers, or nothing. */
function serversText(stamp: Stamp): string {
  const servers = stamp.servers ?? [];
  if (servers.length === 0) return '';
  const named = (server: (typeof servers)[number]) => `${server.version}${server.kind === 'embedded' ? ' (an embedded stand-in)' : ''}`;
  const figures = servers.filter((server) => server.purpose !== 'comparison').map(named);
  const compared = servers.filter((server) => server.purpose === 'comparison').map(named);
  return `; on ${figures.join(' and ')}${compared.length ? ` (compared with ${compared.join(' and ')})` : ''}`;
}

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
      {serversText(stamp)}; source hash <code>{stamp.sourceHash.slice(0, 12)}</code> over{' '}
      {stamp.sourceFiles.length} files and {Object.keys(stamp.packages).length} packages ({Object.entries(stamp.packages).map(([name, version]) => `${name} ${version}`).join(', ')}). File:{' '}
      <SiteFileLink path={`/evidence/${claim}.json`}>
        <code>evidence/{claim}.json</code>
      </SiteFileLink>
      .
    </p>
  );
}
