import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from './csv.ts';
import type { ResultTable } from './define-experiment.ts';

/**
 * Reads RFC 4180 CSV back into cells, written here independently of toCsv, so that a round trip
 * checks the quoting rather than repeating it.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inQuotes && char === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (char === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && char === ',') {
      endField();
    } else if (!inQuotes && char === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i += 1;
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

const table = (rows: ResultTable['rows'], columns = [{ key: 'value', label: 'value' }]): ResultTable => ({ title: 'Test', columns, rows });

describe('toCsv', () => {
  it('writes a header of the column labels, then the rows in the column order, each record ending in CRLF', () => {
    const csv = toCsv(
      table(
        [
          { shape: 'monolith', p50Us: 41.2, extra: 'not a column' },
          { p50Us: 980, shape: 'nanoservices' },
        ],
        [
          { key: 'shape', label: 'shape' },
          { key: 'p50Us', label: 'p50 (µs)' },
        ],
      ),
    );
    expect(csv).toBe('shape,p50 (µs)\r\nmonolith,41.2\r\nnanoservices,980\r\n');
  });

  it('quotes a cell with a comma, a double quote or a line break, doubling the quotes inside', () => {
    const csv = toCsv(table([{ value: 'cart, billing, receipts' }, { value: 'the "released" service' }, { value: 'two\nlines' }, { value: 'cr\rlf' }, { value: 'plain' }]));
    expect(csv).toBe('value\r\n"cart, billing, receipts"\r\n"the ""released"" service"\r\n"two\nlines"\r\n"cr\rlf"\r\nplain\r\n');
  });

  it('quotes a column label the same way', () => {
    expect(toCsv(table([], [{ key: 'a', label: 'checkouts, per second' }]))).toBe('"checkouts, per second"\r\n');
  });

  it('writes numbers as the table shows them, negative ones included, and a missing value as an empty cell', () => {
    const csv = toCsv(table([{ value: -3.5 }, { value: 0 }, { value: 1e21 }, { value: 0.1 + 0.2 }, { value: null }, {}]));
    expect(csv).toBe(`value\r\n-3.5\r\n0\r\n${String(1e21)}\r\n${String(0.1 + 0.2)}\r\n\r\n\r\n`);
  });

  it.for(['=HYPERLINK("http://example.org")', '+1+2', '-2+3', '@hono/node-server', '\tindent', '\rreturn'])('keeps a spreadsheet from running the text %j as a formula', (text) => {
    const [, row] = parseCsv(toCsv(table([{ value: text }])));
    expect(row).toEqual([`'${text}`]);
  });

  it('leaves text alone when the formula characters are not at its start', () => {
    expect(toCsv(table([{ value: 'a=b' }, { value: 'x - y' }, { value: 'user@example.org' }]))).toBe('value\r\na=b\r\nx - y\r\nuser@example.org\r\n');
  });

  // A table like the experiments' (the lab does not import them: the browser test downloads the
  // published ones): labels with µ, × and commas, names, numbers, missing values.
  it('round-trips a result table: the cells read back are the table’s', () => {
    const published: ResultTable = {
      title: 'What one added hop costs, next to the raw platform',
      columns: [
        { key: 'shape', label: 'shape' },
        { key: 'transport', label: 'transport, per hop' },
        { key: 'p50', label: 'p50 (µs)' },
        { key: 'ratio', label: '× raw node:http' },
      ],
      rows: [
        { shape: 'monolith', transport: 'memory', p50: 36.5, ratio: null },
        { shape: 'nanoservices', transport: 'http "keep-alive"', p50: 273, ratio: 1.76 },
      ],
    };
    const [header, ...rows] = parseCsv(toCsv(published));
    expect(header).toEqual(published.columns.map((column) => column.label));
    expect(rows).toEqual([
      ['monolith', 'memory', '36.5', ''],
      ['nanoservices', 'http "keep-alive"', '273', '1.76'],
    ]);
  });
});

describe('csvFileName', () => {
  it('names the file after the stem and the table’s title', () => {
    expect(csvFileName('nano-chaining', 'What one added hop costs, next to the raw platform')).toBe('nano-chaining-what-one-added-hop-costs-next-to-the-raw-platform.csv');
  });

  it('keeps ASCII letters and digits only, dropping accents rather than letters', () => {
    expect(csvFileName('x', 'Microservices ÷ modular monolith, per transport (p50 µs) — café')).toBe('x-microservices-modular-monolith-per-transport-p50-s-cafe.csv');
  });

  it('cuts a long title at a word, to at most 60 characters', () => {
    const name = csvFileName('nano-anti-pattern', 'Nanoservices vs monolith: the overhead share by work per function and chain length');
    expect(name).toBe('nano-anti-pattern-nanoservices-vs-monolith-the-overhead-share-by-work-per.csv');
    expect(name.length - 'nano-anti-pattern-'.length - '.csv'.length).toBeLessThanOrEqual(60);
  });

  it('cuts a single long word at 60 characters, and names a title without letters or digits "table"', () => {
    expect(csvFileName('x', 'a'.repeat(80))).toBe(`x-${'a'.repeat(60)}.csv`);
    expect(csvFileName('x', '÷ — ×')).toBe('x-table.csv');
  });
});
