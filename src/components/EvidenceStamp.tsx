import type { ReactNode } from 'react';
import type { EvidenceStamp as Stamp } from '@site/examples/lab/evidence';

/** Where the figures beside it come from: machine, runtime, date, commit and source hash. */
export default function EvidenceStamp({ stamp, claim }: { stamp: Stamp; claim: string }): ReactNode {
  return (
    <p style={{ fontSize: '0.875rem' }}>
      Measured on {stamp.cpuModel} ({stamp.cores} cores, {stamp.memoryGiB} GiB), Node {stamp.node}, {stamp.platform}, on{' '}
      {stamp.date.slice(0, 10)} in {stamp.durationSeconds} s; commit <code>{stamp.commit.slice(0, 10)}</code>
      {stamp.dirty ? ' plus uncommitted changes' : ''}; source hash <code>{stamp.sourceHash.slice(0, 12)}</code> over{' '}
      {stamp.sourceFiles.length} files. File: <code>evidence/{claim}.json</code>.
    </p>
  );
}
