import type { ReactNode } from 'react';
import { csvFileName, toCsv } from '@site/examples/lab/experiment/csv';
import type { ResultTable } from '@site/examples/lab/experiment/define-experiment';

// Without a byte order mark, Excel reads a UTF-8 CSV in the system's legacy code page and garbles
// µ, ×, ÷ and —, which the tables' labels use.
const byteOrderMark = '\uFEFF';

/** How long the file's object URL outlives the click: the browser reads it after the click returns. */
const keepUrlMs = 60_000;

/** Hands the browser `text` as a file to save: made into a Blob and an object URL when called, not before. */
function saveAs(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([byteOrderMark, text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  // In the document while clicked: some browsers ignore a click on a link outside it.
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), keepUrlMs);
}

/**
 * A button that saves a result table as CSV (`<stem>-<table-slug>.csv`, UTF-8 with a byte order
 * mark). The CSV is made when the button is pressed: the page does no work for it as it loads.
 *
 * @example
 * ```tsx
 * <CsvDownloadButton table={perHopTable(result)} stem="nano-chaining" />
 * ```
 */
export default function CsvDownloadButton({ table, stem }: { table: ResultTable; stem: string }): ReactNode {
  return (
    <button
      type="button"
      className="button button--sm button--outline button--primary"
      // The visible words first, so that a reader who says "Download CSV" to voice control reaches it.
      aria-label={`Download CSV: ${table.title}`}
      onClick={() => saveAs(csvFileName(stem, table.title), toCsv(table))}
    >
      Download CSV
    </button>
  );
}
