import type { ReactNode } from 'react';
import type { ResultTable as Table } from '@site/examples/lab/define-experiment';

/** A result table computed by the experiment's own report function from the evidence file; long ones can start folded. */
export default function ResultTable({ table, collapsed }: { table: Table; collapsed?: boolean }): ReactNode {
  const rendered = (
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
