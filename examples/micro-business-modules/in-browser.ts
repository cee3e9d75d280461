import { defineBrowserExperiment, type ResultPlot } from '../lab/experiment/browser-experiment.ts';
import { contractRunParams, runContracts } from './contract-run.ts';
import { openDoorsInMemory } from './memory-doors.ts';
import { boundaryTable, casesTable, releaseTable, type BoundaryMode, type ContractRunResult } from './report.ts';

/**
 * What the malformed requests met in one door mode, over every shape run: sent, refused with 4xx,
 * answered with 5xx, functions entered and business bodies run. Null when the mode was not run.
 *
 * @example
 * ```ts
 * doorTotals(result, 'contract at boundary'); // { sent: 90, refused4xx: 90, answered5xx: 0, functionsEntered: 0, bodiesRun: 0 }
 * ```
 */
export function doorTotals(result: ContractRunResult, mode: BoundaryMode): { sent: number; refused4xx: number; answered5xx: number; functionsEntered: number; bodiesRun: number } | null {
  const rows = result.boundary.filter((row) => row.mode === mode);
  if (rows.length === 0) return null;
  const sum = (key: 'malformedSent' | 'refused4xx' | 'answered5xx' | 'functionsEntered' | 'bodiesRun') => rows.reduce((total, row) => total + row[key], 0);
  return { sent: sum('malformedSent'), refused4xx: sum('refused4xx'), answered5xx: sum('answered5xx'), functionsEntered: sum('functionsEntered'), bodiesRun: sum('bodiesRun') };
}

const describeMode = (result: ContractRunResult, mode: BoundaryMode, words: string) => {
  const totals = doorTotals(result, mode);
  if (!totals) return null;
  return `${words}, ${totals.refused4xx} of ${totals.sent} malformed requests were refused with 4xx, ${totals.answered5xx} answered with 5xx, and ${totals.functionsEntered} checkout functions were entered (${totals.bodiesRun} business bodies ran)`;
};

/**
 * micro-business-modules in the page: the same requests as the command line, sent to each unit's
 * Hono app through `app.fetch` with a real `Request` and the raw body, instead of over a socket.
 */
export const browserExperiment = defineBrowserExperiment({
  id: 'micro-business-modules',
  title: 'Malformed requests at every unit door, in your browser',
  params: contractRunParams,
  initial: { repeats: 3 },
  quick: { repeats: 1 },
  scope:
    'Sends each malformed request, as a raw body, to every route of every unit through its Hono app in this tab (app.fetch, no socket), with and without the contract at the door, then checks the cart releases against billing’s consumer contract and deploys each one, in every shape. The same requests over real HTTP, one port per unit, need Node: run `npm run example -- micro-business-modules` for those.',
  run: (p, onProgress): Promise<ContractRunResult> => runContracts(p, { openDoors: openDoorsInMemory, onProgress }),
  tables: (result) => [boundaryTable(result), casesTable(result), releaseTable(result)],
  plots: (result): ResultPlot[] => [
    {
      kind: 'bar',
      title: 'Malformed requests answered with a server error (5xx), by kind of request, with and without the contract at the door',
      rows: result.cases.map((row) => ({ malformation: row.malformation, mode: row.mode, answered5xx: row.answered5xx })),
      x: 'malformation',
      y: 'answered5xx',
      series: 'mode',
      xLabel: 'malformed request',
      yLabel: 'answered 5xx',
    },
    {
      kind: 'bar',
      title: 'Checkout functions entered while units handled malformed requests, per shape, with and without the contract at the door',
      rows: result.boundary.map((row) => ({ shape: row.shape, mode: row.mode, functionsEntered: row.functionsEntered })),
      x: 'shape',
      y: 'functionsEntered',
      series: 'mode',
      xLabel: 'shape',
      yLabel: 'functions entered',
    },
  ],
  summary: (result) => {
    const parts = [describeMode(result, 'contract at boundary', 'With the contract at the door'), describeMode(result, 'functions validate', 'with the functions validating alone')].filter(Boolean);
    const versions = (rows: ContractRunResult['releases']) => [...new Set(rows.map((row) => row.version))].join(', ');
    const blocked = versions(result.releases.filter((row) => row.gate === 'block'));
    const gate = result.releases.every((row) => row.gateAgrees)
      ? `The consumer contract test blocked ${blocked || 'no release'} and was right about every cart release, in every shape.`
      : `The consumer contract test was wrong about ${result.releases.filter((row) => !row.gateAgrees).map((row) => `${row.version} (${row.shape})`).join(', ')}.`;
    const first = parts.join('; ');
    return `${first.charAt(0).toUpperCase()}${first.slice(1)}. ${gate}`;
  },
});
