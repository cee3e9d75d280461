import type { ResultPlot } from '../experiment/browser-experiment.ts';
import type { ResultTable } from '../experiment/define-experiment.ts';
import { cloudFaults } from '../faults/fault-model.ts';
import { parseSystemFile, SystemFileError } from '../model/system-file.ts';
import type { System } from '../model/system.ts';
import { memorySystemTransport } from '../runtime/memory-system-transport.ts';
import { runReportFootnotes, runReportHeading, runReportPlots, runReportSummary, runReportTable } from './report-table.ts';
import { checkCutNames, runSystem } from './run-system.ts';
import { loadReferenceSystem, type SystemFileText } from './system-choices.ts';

// `npm run lab -- run --system <file> --transport memory --quick` in a page's Web Worker: the same
// check of the file, the same runner and the same table. The worker is a thin shell around
// answerSystemRunRequest, so vitest runs the code the page runs.

/** The name a pasted file goes by in messages, where the command line names the file's path. */
const pastedFileName = 'pasted file';

/** What the page asks the worker to run: a reference system by name, or a file's text; and the cuts. */
export interface SystemRunRequest {
  readonly system: { readonly reference: string } | { readonly text: string };
  readonly cuts: readonly string[];
}

/** What the worker answers: plain JSON, posted back to the page. */
export type SystemRunMessage =
  | { readonly type: 'progress'; readonly step: number; readonly label: string }
  /** Nothing ran: `message` says why in the command line's words, `problems` lists each field of the file and what is wrong with it. */
  | { readonly type: 'invalid'; readonly message: string; readonly problems: readonly string[] }
  | {
      readonly type: 'finished';
      readonly system: string;
      readonly file: string;
      readonly cuts: readonly string[];
      readonly heading: string;
      readonly summary: string;
      readonly table: ResultTable;
      readonly plots: readonly ResultPlot[];
      readonly footnotes: readonly string[];
      readonly seconds: number;
    }
  | { readonly type: 'failed'; readonly message: string };

/** The file and cuts of a request, checked as `parseRunArgs` checks them; throws SystemFileError or RangeError. */
async function checkedRequest(request: SystemRunRequest): Promise<{ file: string; system: System; cuts: readonly string[] }> {
  const source: SystemFileText = 'reference' in request.system ? await loadReferenceSystem(request.system.reference) : { file: pastedFileName, text: request.system.text };
  const system = parseSystemFile(source.text, source.file);
  const known = Object.keys(system.cuts);
  if (request.cuts.length === 0) throw new RangeError(`choose at least one cut of ${system.name}: ${known.join(', ')}`);
  checkCutNames(system, request.cuts);
  if (new Set(request.cuts).size !== request.cuts.length) throw new RangeError(`a cut is named twice: ${request.cuts.join(', ')}`);
  return { file: source.file, system, cuts: request.cuts };
}

/**
 * Answers one request of the page: checks the system file as the command line does (every bad
 * field by its path) and the cuts (an unknown one is refused, naming the file's cuts), then runs the
 * cuts on the memory transport with the quick sizes, as `npm run lab -- run --transport memory
 * --quick` does, posting progress and then the table, plots and summary. Every phase is bounded in
 * count and in time. Never throws: a failure is posted as a message that says what broke.
 *
 * @example
 * ```ts
 * await answerSystemRunRequest({ system: { reference: 'shop' }, cuts: ['monolith', 'nanoservices'] }, postMessage);
 * ```
 */
export async function answerSystemRunRequest(request: SystemRunRequest, post: (message: SystemRunMessage) => void): Promise<void> {
  try {
    let checked;
    try {
      checked = await checkedRequest(request);
    } catch (error) {
      if (error instanceof SystemFileError) {
        post({ type: 'invalid', message: error.message.split('\n')[0] as string, problems: error.problems });
        return;
      }
      if (error instanceof RangeError) {
        post({ type: 'invalid', message: error.message, problems: [] });
        return;
      }
      throw error;
    }
    const started = performance.now();
    let step = 0;
    const report = await runSystem(checked.system, {
      cuts: checked.cuts,
      transport: memorySystemTransport,
      faults: cloudFaults,
      quick: true,
      seed: 1,
      onProgress: (label) => post({ type: 'progress', step: (step += 1), label }),
    });
    post({
      type: 'finished',
      system: report.system,
      file: checked.file,
      cuts: checked.cuts,
      heading: runReportHeading(report),
      summary: runReportSummary(report),
      table: runReportTable(report),
      plots: runReportPlots(report),
      footnotes: runReportFootnotes(report),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
