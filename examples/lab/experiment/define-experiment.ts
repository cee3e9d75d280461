import type { z } from 'zod';
import type { PlatformNeed } from './platform-needs.ts';
import type { Finding } from './verdict-rule.ts';

/** A step of a long run, for progress bars in the terminal and in the page. */
export interface ExperimentProgress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

/** A result as rows and columns: the CLI prints it, the page renders it. */
export interface ResultTable {
  readonly title: string;
  readonly columns: ReadonlyArray<{ readonly key: string; readonly label: string }>;
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
}

/**
 * An experiment tests one claim. It never prints: it takes validated parameters, reports progress,
 * and returns plain JSON that the CLI, the evidence writer, the tests and the page all read.
 */
export interface Experiment<Schema extends z.ZodObject = z.ZodObject, Result = unknown> {
  /** The id of the claim it tests, which is also its folder under `examples/`. */
  readonly id: string;
  readonly title: string;
  /** Parameters with their defaults; the defaults produce the published evidence. */
  readonly params: Schema;
  /** For a summary: the claims whose evidence it reads, which `npm run evidence` must refresh first. */
  readonly summarizes?: readonly string[];
  /**
   * The platforms it runs on, when not every one Node runs on (it reads /proc, or relies on POSIX
   * signals): the CLI refuses it elsewhere before it starts, and README's "Platforms" lists it.
   */
  readonly needs?: PlatformNeed;
  /** Parameters for a run short enough for the test suite. */
  readonly quick: Partial<z.input<Schema>>;
  run(params: z.output<Schema>, onProgress?: (progress: ExperimentProgress) => void): Promise<Result>;
  /** The figures as tables, most important first. */
  tables(result: Result): ResultTable[];
  /**
   * What these figures found, in the terms of the one verdict rule (verdict-rule.ts), which decides
   * the verdict from it: an experiment never names its verdict. The registry's verdict must agree.
   */
  finding(result: Result): Finding;
}

/**
 * Declares an experiment with its types inferred from its parameter schema.
 *
 * @example
 * ```ts
 * export const experiment = defineExperiment({ id: 'nano-chaining', params: z.object({ ... }), ... });
 * ```
 */
export function defineExperiment<Schema extends z.ZodObject, Result>(experiment: Experiment<Schema, Result>): Experiment<Schema, Result> {
  return experiment;
}
