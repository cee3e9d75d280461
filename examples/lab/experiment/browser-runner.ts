import type { BrowserExperiment, ResultPlot } from './browser-experiment.ts';
import { readParamStrings, type ParamProblem } from './cli-params.ts';
import type { ResultTable } from './define-experiment.ts';
import { describeControls, type ParamControl } from './param-controls.ts';

/** What the page asks the experiment worker. */
export type RunnerRequest =
  | { readonly type: 'describe'; readonly id: string }
  | { readonly type: 'run'; readonly id: string; readonly values: Readonly<Record<string, string>> };

/** What the experiment worker answers: plain JSON, posted back to the page. */
export type RunnerMessage =
  | { readonly type: 'described'; readonly id: string; readonly title: string; readonly scope: string; readonly controls: readonly ParamControl[] }
  | { readonly type: 'invalid'; readonly problems: readonly ParamProblem[] }
  | { readonly type: 'progress'; readonly done: number; readonly total: number; readonly label: string }
  | {
      readonly type: 'finished';
      readonly summary: string;
      readonly tables: readonly ResultTable[];
      readonly plots: readonly ResultPlot[];
      readonly params: Readonly<Record<string, unknown>>;
      readonly seconds: number;
    }
  | { readonly type: 'failed'; readonly message: string };

/**
 * Answers one request of the page: describes an experiment's form, or validates the form's values
 * with the experiment's schema (as the command line does) and runs it, posting progress and then
 * the tables, plots and summary. Never throws: a failure is posted as a message that says what broke.
 * The Web Worker is a thin shell around this, so vitest runs the same code the page does.
 *
 * @example
 * ```ts
 * await answerRunnerRequest({ type: 'run', id: 'nano-chaining', values: { iterations: '200' } }, loadBrowserExperiment, postMessage);
 * ```
 */
export async function answerRunnerRequest(
  request: RunnerRequest,
  load: (id: string) => Promise<BrowserExperiment>,
  post: (message: RunnerMessage) => void,
): Promise<void> {
  try {
    const experiment = await load(request.id);
    if (request.type === 'describe') {
      post({ type: 'described', id: experiment.id, title: experiment.title, scope: experiment.scope, controls: describeControls(experiment.params, experiment.initial) });
      return;
    }
    const read = readParamStrings(experiment.params, request.values, {});
    if (!read.ok) {
      post({ type: 'invalid', problems: read.problems });
      return;
    }
    const started = performance.now();
    const result = await experiment.run(read.params, (progress) => post({ type: 'progress', ...progress }));
    post({
      type: 'finished',
      summary: experiment.summary(result),
      tables: experiment.tables(result),
      plots: experiment.plots(result),
      params: read.params as Record<string, unknown>,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
