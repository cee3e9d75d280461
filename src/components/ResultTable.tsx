import type { ReactNode } from 'react';
import type { ResultTable as Table } from '@site/examples/lab/experiment/define-experiment';
import CsvDownloadButton from './CsvDownloadButton';
import { usePageClaimId } from './usePageClaimId';

/**
 * A result table computed by the experiment's own report function from the evidence file, with a
 * button that saves it as CSV; long ones can start folded. The CSV's file name starts with
 * `fileStem`, by default the id of the page's claim.
 *
 * @example
 * ```mdx
 * <ResultTable table={chainingTable(result)} collapsed />
 * ```
 */
export default function ResultTable({ table, collapsed, fileStem }: { table: Table; collapsed?: boolean; fileStem?: string }): ReactNode {
  const claimId = usePageClaimId();
  const rendered = (
    <>
      <div className="table-scroll" role="region" aria-label={table.title} tabIndex={0}>
        <table>
          <caption style={{ textAlign: 'left', fontWeight: 600 }}>{table.title}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column.key} scope="col">{column.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <tr key={index}>
                {table.columns.map((column) => {
                  const value = row[column.key];
                  return (
                    <td key={column.key} className={typeof value === 'number' ? 'number' : undefined}>
                      {value ?? '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div style={{ marginTop: 'calc(-0.5 * var(--ifm-spacing-vertical))', marginBottom: 'var(--ifm-spacing-vertical)' }}>
        <CsvDownloadButton table={table} stem={fileStem ?? claimId} />
      </div>
    </>
  );
  if (!collapsed) return rendered;
  return (
    <details>
      <summary>
        {table.title} ({table.rows.length} rows)
      </summary>
      {rendered}
    </details>
  );
}
