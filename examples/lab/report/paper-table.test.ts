import { describe, expect, it } from 'vitest';
import { paperComparisonTable } from './paper-table.ts';

describe('paperComparisonTable', () => {
  const row = { figure: 'requests slower than 1 s', paper: '63%', lab: '64% [60–67%]', ratio: '1.02×', why: 'by construction' };

  it('gives every replay the same four columns, in the order a reader compares them', () => {
    const table = paperComparisonTable('A paper beside the lab', [row]);
    expect(table.columns.map((column) => column.key)).toEqual(['figure', 'paper', 'lab', 'ratio', 'why']);
    expect(table.rows).toEqual([row]);
  });

  it('puts extra columns between the ratio and the reason', () => {
    const table = paperComparisonTable('A paper beside the lab', [{ ...row, cut: 'microservices' }], [{ key: 'cut', label: 'lab cut compared' }]);
    expect(table.columns.map((column) => column.key)).toEqual(['figure', 'paper', 'lab', 'ratio', 'cut', 'why']);
    expect(table.rows[0]?.cut).toBe('microservices');
  });
});
