import type { z } from 'zod';
import type { ExperimentProgress, ResultTable } from './define-experiment.ts';

/** A chart of result rows, as plain JSON so that it can leave a Web Worker: the page draws it with Observable Plot. */
export interface ResultPlot {
  readonly kind: 'line' | 'bar';
  /** What the chart shows, for screen readers and as its caption. */
  readonly title: string;
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
  /** The x value of a line, or the category of a bar. */
  readonly x: string;
  readonly y: string;
  readonly series: string;
  readonly facet?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly logY?: boolean;
}

/**
 * The part of a claim's experiment that a reader can run in the page: browser-safe (memory transport,
 * no sockets, processes, files or signals), run by a Web Worker, and tested by vitest like the full
 * experiment. Its parameters are validated by the same schema the command line uses.
 */
export interface BrowserExperiment<Schema extends z.ZodObject = z.ZodObject, Result = unknown> {
  /** The claim id; the module lives in `examples/<id>/in-browser.ts`. */
  readonly id: string;
  readonly title: string;
  readonly params: Schema;
  /** What the form starts with: a run of a few seconds on a phone. */
  readonly initial: Partial<z.input<Schema>>;
  /** Parameters for the test suite. */
  readonly quick: Partial<z.input<Schema>>;
  /** What a run in the page can show, and what only the full run on Node measures. */
  readonly scope: string;
  run(params: z.output<Schema>, onProgress?: (progress: ExperimentProgress) => void): Promise<Result>;
  tables(result: Result): ResultTable[];
  plots(result: Result): ResultPlot[];
  /** One sentence on what this run found, computed from its figures. */
  summary(result: Result): string;
}

/**
 * Declares the in-page run of an experiment, with its types inferred from the parameter schema.
 *
 * @example
 * ```ts
 * export const browserExperiment = defineBrowserExperiment({
 *   id: 'nano-chaining',
 *   params: chainingParams.omit({ transports: true }),
 *   initial: { iterations: 300 },
 *   ...
 * });
 * ```
 */
export function defineBrowserExperiment<Schema extends z.ZodObject, Result>(experiment: BrowserExperiment<Schema, Result>): BrowserExperiment<Schema, Result> {
  return experiment;
}
