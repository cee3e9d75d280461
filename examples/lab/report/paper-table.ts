import type { ResultTable } from '../experiment/define-experiment.ts';

/** One published figure beside the lab's: the row every reality check's main table is made of. */
export interface PaperRow {
  /** What is compared, in words. */
  readonly figure: string;
  /** The paper's figure, as the paper gives it (with its arithmetic when the page derives it). */
  readonly paper: string;
  /** The lab's figure, with its interval where it has one. */
  readonly lab: string;
  /** Lab ÷ paper, or '–' where there is no lab figure to divide. */
  readonly ratio: string;
  /** Why they differ: the reason a reader checking the lab against the literature asks for first. */
  readonly why: string;
  /** Any further cells the table's extra columns name. */
  readonly [extra: string]: string;
}

/**
 * A reality check's main table: paper figure · lab figure · ratio · why they differ, the same four
 * columns on every replay so that a reader compares them alike. `extraColumns` go between the ratio
 * and the reason (the lab's cut a paper is compared with, where the paper says it).
 *
 * @example
 * ```ts
 * paperComparisonTable('Dean and Barroso beside the lab', [{ figure: 'requests slower than 1 s', paper: '63%', lab: '64% [60–67%]', ratio: '1.02×', why: 'by construction' }]);
 * ```
 */
export function paperComparisonTable(title: string, rows: readonly PaperRow[], extraColumns: ResultTable['columns'] = []): ResultTable {
  return {
    title,
    columns: [
      { key: 'figure', label: 'figure' },
      { key: 'paper', label: 'paper' },
      { key: 'lab', label: 'lab [95% interval]' },
      { key: 'ratio', label: 'lab ÷ paper' },
      ...extraColumns,
      { key: 'why', label: 'why they differ' },
    ],
    rows: rows.map((row) => ({ ...row })),
  };
}
