import type { ReactNode } from 'react';
import type { Verdict } from '@site/examples/lab/experiment/verdict';

const tone: Record<Verdict, string> = {
  holds: 'var(--verdict-holds)',
  'holds-with-cost': 'var(--verdict-cost)',
  conditional: 'var(--verdict-cost)',
  'does-not-hold': 'var(--verdict-no)',
  misattributed: 'var(--verdict-no)',
  'not-testable': 'var(--verdict-neutral)',
  pending: 'var(--verdict-neutral)',
};

/** A verdict as a small outlined label whose colour follows the verdict. */
export default function VerdictBadge({ verdict }: { verdict: Verdict }): ReactNode {
  return (
    <span style={{ border: `2px solid ${tone[verdict]}`, borderRadius: 6, padding: '0 0.4em', fontWeight: 600, whiteSpace: 'nowrap' }}>
      {verdict}
    </span>
  );
}
