import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import type { ExperimentProgress, ResultTable } from '../experiment/define-experiment.ts';

/**
 * A progress reporter on stderr: a live bar on a terminal, one line per step elsewhere (CI logs),
 * so that stdout carries only the result.
 *
 * @example
 * ```ts
 * const progress = progressReporter('nano-chaining');
 * await experiment.run(params, progress.update);
 * progress.stop();
 * ```
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

/**
 * Whether to colour what goes to a stream: `FORCE_COLOR` (other than `0` or `false`) says yes,
 * `NO_COLOR` (https://no-color.org) says no, and otherwise only a terminal gets colour, so that a
 * file, a pipe or a CI log holds plain text.
 *
 * @example
 * ```ts
 * wantsColour({ isTTY: true }, {}); // true
 * wantsColour({ isTTY: true }, { NO_COLOR: '1' }); // false
 * wantsColour({ isTTY: false }, {}); // false
 * ```
 */
export function wantsColour(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/**
 * Stops a reader that goes away (`npm run example -- x | head -1`) from ending the run with an
 * EPIPE stack trace: what is left to print is dropped, and the run ends as it would have.
 *
 * @example
 * ```ts
 * ignoreClosedPipes(); // first thing in a command's main
 * ```
 */
export function ignoreClosedPipes(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
}

/**
 * Renders a result table for stdout: grey borders on a terminal, plain text elsewhere (see {@link wantsColour}).
 *
 * @example
 * ```ts
 * console.log(formatTable({ title: 'latency', columns: [{ key: 'p50', label: 'p50, µs' }], rows: [{ p50: 12 }] }));
 * ```
 */
export function formatTable(table: ResultTable): string {
  const border = wantsColour(process.stdout) ? ['grey'] : [];
  const rendered = new Table({ head: table.columns.map((column) => column.label), style: { head: [], border } });
  for (const row of table.rows) rendered.push(table.columns.map((column) => String(row[column.key] ?? '—')));
  return `${table.title}\n${rendered.toString()}`;
}
