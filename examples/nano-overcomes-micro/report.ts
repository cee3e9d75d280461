import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** One dimension: both figures, which shape is better, and by how much. */
export interface ComparisonRow {
  readonly claim: string;
  readonly label: string;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  readonly nanoservices: number;
  readonly microservices: number;
  /** The better shape, or `tie` when the two figures are within 5 % of each other. */
  readonly winner: 'nanoservices' | 'microservices' | 'tie';
  /** Nanoservices' figure ÷ microservices' figure (null when the latter is 0). */
  readonly ratio: number | null;
}

/** The evidence file a row was read from, so a stale summary can be told from a current one. */
export interface SummarySource {
  readonly claim: string;
  readonly sourceHash: string;
  readonly date: string;
}

/** The whole result of the nano-overcomes-micro summary: plain JSON. */
export interface OvercomesResult {
  readonly rows: readonly ComparisonRow[];
  readonly sources: readonly SummarySource[];
}

/** Within this fraction of each other, two figures count as a tie: measured noise, not a difference. */
export const tieTolerance = 0.05;

/**
 * Which shape a pair of figures favours.
 *
 * @example
 * ```ts
 * winnerOf(1, 3, 'lower'); // 'nanoservices'
 * winnerOf(100, 102, 'higher'); // 'tie'
 * ```
 */
export function winnerOf(nanoservices: number, microservices: number, better: 'lower' | 'higher'): ComparisonRow['winner'] {
  const scale = Math.max(Math.abs(nanoservices), Math.abs(microservices));
  if (scale === 0 || Math.abs(nanoservices - microservices) <= tieTolerance * scale) return 'tie';
  return (nanoservices < microservices) === (better === 'lower') ? 'nanoservices' : 'microservices';
}

/**
 * The comparison as the CLI prints it and the page shows it.
 *
 * @example
 * ```ts
 * comparisonTable(result).rows[0]; // { claim: 'nano-chaining', label: 'checkout latency ...', winner: 'microservices', ... }
 * ```
 */
export function comparisonTable(result: OvercomesResult): ResultTable {
  return {
    title: 'Nanoservices against microservices, every dimension the nano experiments measured',
    columns: [
      { key: 'label', label: 'dimension' },
      { key: 'nanoservices', label: 'nanoservices' },
      { key: 'microservices', label: 'microservices' },
      { key: 'unit', label: 'unit' },
      { key: 'better', label: 'better is' },
      { key: 'winner', label: 'better shape' },
      { key: 'claim', label: 'from' },
    ],
    rows: result.rows.map((row) => ({ ...row })),
  };
}

/**
 * The tally the verdict rests on.
 *
 * @example
 * ```ts
 * tally(result); // { nanoservices: 5, microservices: 7, tie: 2 }
 * ```
 */
export function tally(result: OvercomesResult): Record<ComparisonRow['winner'], number> {
  const counts = { nanoservices: 0, microservices: 0, tie: 0 };
  for (const row of result.rows) counts[row.winner] += 1;
  return counts;
}

/**
 * Nanoservices "overcome the drawbacks of microservices" only if they are better on every dimension
 * where the two differ. Better on some and worse on others is a trade, not an overcoming; worse on
 * most means the claim does not hold.
 *
 * @example
 * ```ts
 * overcomesVerdict(result); // { verdict: 'does-not-hold', because: 'nanoservices were better on 5 ...' }
 * ```
 */
export function overcomesVerdict(result: OvercomesResult): { verdict: Verdict; because: string } {
  const counts = tally(result);
  const because = `nanoservices were better on ${counts.nanoservices} of ${result.rows.length} measured dimensions, microservices on ${counts.microservices}, ${counts.tie} were even`;
  if (result.rows.length === 0) return { verdict: 'not-testable', because: 'no experiment measured both shapes' };
  if (counts.microservices === 0) return { verdict: 'holds', because };
  if (counts.nanoservices >= counts.microservices) return { verdict: 'conditional', because: `${because}: they trade drawbacks rather than overcome them` };
  return { verdict: 'does-not-hold', because: `${because}: they trade drawbacks, and take on more than they remove` };
}
