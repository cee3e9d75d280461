import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import type { ExperimentProgress, ResultTable } from '../experiment/define-experiment.ts';

/**
 * A progress reporter on stderr: a live bar on a terminal, one line per step elsewhere (CI logs),
 * so that stdout carries only the result.
 */
export function progressReporter(title: string) {
  const startedAt = performance.now();
  const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
  if (!process.stderr.isTTY) {
    process.stderr.write(`${title}\n`);
    return {
      update: (progress: ExperimentProgress) => process.stderr.write(`  [${progress.done}/${progress.total}] ${progress.label} (${elapsed()})\n`),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({ format: `${title} [{bar}] {value}/{total} {label} ({duration}s)`, stream: process.stderr, hideCursor: true });
  bar.start(1, 0, { label: 'starting' });
  return {
    update: (progress: ExperimentProgress) => {
      bar.setTotal(progress.total);
      bar.update(progress.done, { label: progress.label });
    },
    stop: () => bar.stop(),
  };
}

/** Renders a result table for the terminal. */
export function formatTable(table: ResultTable): string {
  const rendered = new Table({ head: table.columns.map((column) => column.label), style: { head: [] } });
  for (const row of table.rows) rendered.push(table.columns.map((column) => String(row[column.key] ?? '—')));
  return `${table.title}\n${rendered.toString()}`;
}
