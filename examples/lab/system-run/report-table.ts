import type { ResultPlot } from '../experiment/browser-experiment.ts';
import type { ResultTable } from '../experiment/define-experiment.ts';
import type { CutFigures, SystemRunReport } from './run-system.ts';

// A run's report as the terminal prints it and as the page shows it, both from the same rows: the
// command line and the page cannot show different figures, or the same figure in different words.

const ms = (us: number) => (us >= 100_000 ? (us / 1000).toFixed(0) : us >= 10_000 ? (us / 1000).toFixed(1) : (us / 1000).toFixed(2));
const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(part === whole || part === 0 ? 0 : 2)} %`);
const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`;

/** One figure of the report: a cell per cut. Rows of a group (the fault run's) share its name. */
interface FigureRow {
  readonly label: string;
  readonly group?: string;
  readonly cells: readonly string[];
}

/** What a call that crosses the transport is, in the report's words: on the memory transport, no call reaches a network. */
const callsLabel = (report: SystemRunReport) => (report.transport === 'memory' ? 'calls through the transport' : 'network calls');

function figureRows(report: SystemRunReport): FigureRow[] {
  const faults = 'under faults';
  const figures: Array<[label: string, cell: (cut: CutFigures) => string, group?: string]> = [
    ['units (processes)', (cut) => `${cut.units} (${cut.processes})`],
    [`${callsLabel(report)} / request`, (cut) => String(cut.transportCallsPerRequest)],
    ['latency p50, ms', (cut) => (cut.latency.iterations === 0 ? '–' : ms(cut.latency.p50Us))],
    ['latency p99, ms', (cut) => (cut.latency.iterations === 0 ? '–' : ms(cut.latency.p99Us))],
    ['latency samples (unfinished)', (cut) => `${cut.latency.iterations}${cut.latency.unfinished ? ` (${cut.latency.unfinished})` : ''}`],
    [`throughput, requests/s (${report.sizes.throughput.concurrency} clients)`, (cut) => String(cut.throughput.requestsPerSecond)],
    ['CPU / request, ms', (cut) => (cut.cpuUsPerRequest === null ? 'n/a' : ms(cut.cpuUsPerRequest))],
    ['memory, MiB', (cut) => (cut.memoryMiB === null ? 'shared' : String(cut.memoryMiB))],
    ['sent', (cut) => String(cut.faults.sent), faults],
    ['succeeded', (cut) => `${cut.faults.succeeded} (${percent(cut.faults.succeeded, cut.faults.sent)})`, faults],
    ['retries sent', (cut) => String(cut.faults.attempts - cut.faults.sent), faults],
    ['failed', (cut) => String(cut.faults.failed), faults],
    ['lost', (cut) => String(cut.faults.lost), faults],
    ['duplicated', (cut) => String(cut.faults.duplicated), faults],
    ['published calls lost', (cut) => String(cut.faults.asyncLost), faults],
    ['unfinished when the run stopped', (cut) => String(cut.faults.unfinished), faults],
  ];
  return figures.map(([label, cell, group]) => ({ label, group, cells: report.cuts.map(cell) }));
}

/**
 * What was run, in one line: the system, the transport, what carried the asynchronous calls, whether
 * the cuts ran side by side, how many samples and the seed.
 *
 * @example
 * ```ts
 * runReportHeading(report); // 'shop on memory · async calls: direct · cuts side by side · quick (few samples) · seed 1'
 * ```
 */
export function runReportHeading(report: SystemRunReport): string {
  return `${report.system} on ${report.transport} · async calls: ${report.asyncCalls} · ${report.sideBySide ? 'cuts side by side' : 'cuts one after another'} · ${report.quick ? 'quick (few samples)' : 'full'} · seed ${report.seed}`;
}

/**
 * What the figures rest on, below the table: the fault model and its basis first, then the run's notes.
 *
 * @example
 * ```ts
 * runReportFootnotes(report)[0]; // 'fault model "cloud": unavailability 0.05 % per unit (AWS Lambda SLA 99.95 %); …'
 * ```
 */
export function runReportFootnotes(report: SystemRunReport): string[] {
  return [`fault model "${report.faultModel.name}": ${report.faultModel.basis}`, ...report.notes];
}

/**
 * A run's report as a result table, as the page shows it: a row per figure, a column per cut, each
 * cell in the words the terminal prints.
 *
 * @example
 * ```ts
 * runReportTable(report).columns.map((column) => column.label); // ['figure', 'monolith', 'nanoservices', 'microservices']
 * ```
 */
export function runReportTable(report: SystemRunReport): ResultTable {
  // Cut columns are keyed `cut:<name>`: a cut's name is lowercase words joined by hyphens, so no cut's key can be the label column's.
  const cutKey = (cut: CutFigures) => `cut:${cut.cut}`;
  return {
    title: `${report.system} on the ${report.transport} transport, cut by cut`,
    columns: [{ key: 'figure', label: 'figure' }, ...report.cuts.map((cut) => ({ key: cutKey(cut), label: cut.cut }))],
    rows: figureRows(report).map((row) => ({
      figure: row.group ? `${row.group}: ${row.label}` : row.label,
      ...Object.fromEntries(report.cuts.map((cut, index) => [cutKey(cut), row.cells[index] ?? null])),
    })),
  };
}

/**
 * A run's report as the terminal shows it: one column per cut, one row per figure, then the fault
 * model's basis and the notes.
 *
 * @example
 * ```ts
 * console.log(formatRunReport(await runSystem(system, options)));
 * ```
 */
export function formatRunReport(report: SystemRunReport): string {
  const rows = figureRows(report).map((row, index, all) => {
    // A group's first row names it; the rows after it are indented under it.
    const label = !row.group ? row.label : all[index - 1]?.group === row.group ? `  ${row.label}` : `${row.group}: ${row.label}`;
    return [label, ...row.cells];
  });
  const header = ['', ...report.cuts.map((cut) => cut.cut)];
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] as string).length)));
  const lines = table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number))).join('  ').trimEnd());
  const [faultModel, ...notes] = runReportFootnotes(report);
  return [runReportHeading(report), '', ...lines, '', faultModel, ...notes.map((note) => `note: ${note}`)].join('\n');
}

/**
 * A run's figures as bar charts, one bar (or pair) per cut: latency at the median and the p99,
 * throughput, and the calls each request makes through the transport. A cut that answered no
 * latency sample has no latency bars.
 *
 * @example
 * ```ts
 * runReportPlots(report).map((plot) => plot.y); // ['latencyMs', 'requestsPerSecond', 'callsPerRequest']
 * ```
 */
export function runReportPlots(report: SystemRunReport): ResultPlot[] {
  const answered = report.cuts.filter((cut) => cut.latency.iterations > 0);
  const toMs = (us: number) => Math.round(us) / 1000;
  return [
    {
      kind: 'bar',
      title: `${report.system}: latency of one request at a time, ms, at the median and the p99`,
      rows: answered.flatMap((cut) => [
        { cut: cut.cut, percentile: 'p50', latencyMs: toMs(cut.latency.p50Us) },
        { cut: cut.cut, percentile: 'p99', latencyMs: toMs(cut.latency.p99Us) },
      ]),
      x: 'cut',
      y: 'latencyMs',
      series: 'percentile',
      xLabel: 'cut',
      yLabel: 'latency, ms',
    },
    {
      kind: 'bar',
      title: `${report.system}: throughput, requests/s with ${report.sizes.throughput.concurrency} clients`,
      rows: report.cuts.map((cut) => ({ cut: cut.cut, requestsPerSecond: cut.throughput.requestsPerSecond })),
      x: 'cut',
      y: 'requestsPerSecond',
      series: 'cut',
      xLabel: 'cut',
      yLabel: 'requests/s',
    },
    {
      kind: 'bar',
      title: `${report.system}: ${callsLabel(report)} per request`,
      rows: report.cuts.map((cut) => ({ cut: cut.cut, callsPerRequest: cut.transportCallsPerRequest })),
      x: 'cut',
      y: 'callsPerRequest',
      series: 'cut',
      xLabel: 'cut',
      yLabel: 'calls / request',
    },
  ];
}

/**
 * What a run found, in one sentence: the first cut's latency, throughput and calls (the monolith's
 * when it ran), and every other cut's against it.
 *
 * @example
 * ```ts
 * runReportSummary(report);
 * // 'shop as monolith: 0.18 ms at the median, 6000 requests/s, 1 call through the transport per request; against it, nanoservices: 5.00× the median latency, 0.20× the throughput, 5 calls per request.'
 * ```
 */
export function runReportSummary(report: SystemRunReport): string {
  const baseline = report.cuts.find((cut) => cut.cut === 'monolith') ?? report.cuts[0];
  if (!baseline) return `${report.system}: no cut was run.`;
  const calls = (count: number) => `${count} call${count === 1 ? '' : 's'}`;
  const crossing = (count: number) => (report.transport === 'memory' ? `${calls(count)} through the transport` : `${count} network call${count === 1 ? '' : 's'}`);
  const median = (cut: CutFigures) => (cut.latency.iterations === 0 ? 'no latency sample' : `${ms(cut.latency.p50Us)} ms at the median`);
  const described = `${report.system} as ${baseline.cut}: ${median(baseline)}, ${baseline.throughput.requestsPerSecond} requests/s, ${crossing(baseline.transportCallsPerRequest)} per request`;
  const others = report.cuts.filter((cut) => cut !== baseline);
  if (others.length === 0) return `${described}.`;
  const against = others.map((cut) => {
    const latency = cut.latency.iterations === 0 || baseline.latency.iterations === 0 || baseline.latency.p50Us === 0 ? 'no median latency to compare' : `${ratio(cut.latency.p50Us, baseline.latency.p50Us)} the median latency`;
    const throughput = baseline.throughput.requestsPerSecond === 0 ? 'no throughput to compare' : `${ratio(cut.throughput.requestsPerSecond, baseline.throughput.requestsPerSecond)} the throughput`;
    return `${cut.cut}: ${latency}, ${throughput}, ${calls(cut.transportCallsPerRequest)} per request`;
  });
  return `${described}; against it, ${against.join('; ')}.`;
}
