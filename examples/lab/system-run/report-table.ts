import type { CutFigures, SystemRunReport } from './run-system.ts';

const ms = (us: number) => (us >= 100_000 ? (us / 1000).toFixed(0) : us >= 10_000 ? (us / 1000).toFixed(1) : (us / 1000).toFixed(2));
const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(part === whole || part === 0 ? 0 : 2)} %`);

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
  const rows: Array<[string, (cut: CutFigures) => string]> = [
    ['units (processes)', (cut) => `${cut.units} (${cut.processes})`],
    [report.transport === 'memory' ? 'calls through the transport / request' : 'network calls / request', (cut) => String(cut.transportCallsPerRequest)],
    ['latency p50, ms', (cut) => (cut.latency.iterations === 0 ? '–' : ms(cut.latency.p50Us))],
    ['latency p99, ms', (cut) => (cut.latency.iterations === 0 ? '–' : ms(cut.latency.p99Us))],
    ['latency samples (unfinished)', (cut) => `${cut.latency.iterations}${cut.latency.unfinished ? ` (${cut.latency.unfinished})` : ''}`],
    [`throughput, requests/s (${report.sizes.throughput.concurrency} clients)`, (cut) => String(cut.throughput.requestsPerSecond)],
    ['CPU / request, ms', (cut) => (cut.cpuUsPerRequest === null ? 'n/a' : ms(cut.cpuUsPerRequest))],
    ['memory, MiB', (cut) => (cut.memoryMiB === null ? 'shared' : String(cut.memoryMiB))],
    [`under faults: sent`, (cut) => String(cut.faults.sent)],
    ['  succeeded', (cut) => `${cut.faults.succeeded} (${percent(cut.faults.succeeded, cut.faults.sent)})`],
    ['  retries sent', (cut) => String(cut.faults.attempts - cut.faults.sent)],
    ['  failed', (cut) => String(cut.faults.failed)],
    ['  lost', (cut) => String(cut.faults.lost)],
    ['  duplicated', (cut) => String(cut.faults.duplicated)],
    ['  published calls lost', (cut) => String(cut.faults.asyncLost)],
    ['  unfinished when the run stopped', (cut) => String(cut.faults.unfinished)],
  ];
  const header = ['', ...report.cuts.map((cut) => cut.cut)];
  const table = [header, ...rows.map(([label, cell]) => [label, ...report.cuts.map(cell)])];
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] as string).length)));
  const lines = table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number))).join('  ').trimEnd());
  return [
    `${report.system} on ${report.transport} · async calls: ${report.asyncCalls} · ${report.sideBySide ? 'cuts side by side' : 'cuts one after another'} · ${report.quick ? 'quick (few samples)' : 'full'} · seed ${report.seed}`,
    '',
    ...lines,
    '',
    `fault model "${report.faultModel.name}": ${report.faultModel.basis}`,
    ...report.notes.map((note) => `note: ${note}`),
  ].join('\n');
}
