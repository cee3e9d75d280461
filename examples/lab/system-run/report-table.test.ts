import { describe, expect, it } from 'vitest';
import { cloudFaults } from '../faults/fault-model.ts';
import { formatRunReport, runReportFootnotes, runReportHeading, runReportPlots, runReportSummary, runReportTable } from './report-table.ts';
import { quickSizes, type CutFigures, type SystemRunReport } from './run-system.ts';

/** A cut's figures scaled by `calls`: each call through the transport costs the same, so latency grows and throughput falls with them. */
function cutFigures(cut: string, calls: number, overrides: Partial<CutFigures> = {}): CutFigures {
  return {
    cut,
    units: calls,
    processes: 1,
    memoryMiB: null,
    latency: { iterations: 300, p50Us: 200 * calls, p90Us: 300 * calls, p99Us: 1250 * calls, meanUs: 220 * calls, maxUs: 40_000, unfinished: 0 },
    throughput: { concurrency: 16, requests: 3000, unfinished: 0, seconds: 0.5, requestsPerSecond: 6000 / calls },
    cpuUsPerRequest: null,
    transportCallsPerRequest: calls,
    faults: { sent: 3000, succeeded: 2998, failed: 1, lost: 1, duplicated: 0, unfinished: 0, attempts: 3003, asyncLost: 0, seconds: 1 },
    ...overrides,
  };
}

const report: SystemRunReport = {
  system: 'shop',
  transport: 'memory',
  quick: true,
  seed: 1,
  faultModel: cloudFaults,
  sizes: quickSizes,
  sideBySide: true,
  asyncCalls: 'direct',
  cuts: [cutFigures('monolith', 1), cutFigures('nanoservices', 5, { latency: { ...cutFigures('n', 5).latency, unfinished: 2 } }), cutFigures('microservices', 3, { cpuUsPerRequest: 123_456, memoryMiB: 300 })],
  notes: ['every cut runs in this one process'],
};

describe('formatRunReport (the terminal)', () => {
  const lines = formatRunReport(report).split('\n');

  it('prints what was run, then a column per cut and a row per figure, aligned', () => {
    expect(lines[0]).toBe('shop on memory · async calls: direct · cuts side by side · quick (few samples) · seed 1');
    expect(lines[2]?.trim().split(/\s+/)).toEqual(['monolith', 'nanoservices', 'microservices']);
    expect(lines).toContain('latency p50, ms                                  0.20            1.00            0.60');
    expect(lines).toContain('latency samples (unfinished)                      300         300 (2)             300');
    expect(lines).toContain('CPU / request, ms                                 n/a             n/a             123');
    expect(lines).toContain('memory, MiB                                    shared          shared             300');
  });

  it('names the fault run on its first row and indents the rows under it', () => {
    expect(lines.filter((line) => line.startsWith('under faults: '))).toEqual(['under faults: sent                               3000            3000            3000']);
    expect(lines).toContain('  succeeded                            2998 (99.93 %)  2998 (99.93 %)  2998 (99.93 %)');
    expect(lines).toContain('  retries sent                                      3               3               3');
  });

  it('ends with the fault model’s basis and the notes', () => {
    expect(lines.at(-2)).toBe(`fault model "cloud": ${cloudFaults.basis}`);
    expect(lines.at(-1)).toBe('note: every cut runs in this one process');
  });

  it('says network calls on a transport whose calls cross a network', () => {
    expect(formatRunReport({ ...report, transport: 'http' })).toMatch(/^network calls \/ request {2,}1 {2,}5 {2,}3$/m);
  });
});

describe('runReportTable (the page)', () => {
  const table = runReportTable(report);

  it('has a column per cut after the figure’s name', () => {
    expect(table.columns.map((column) => column.label)).toEqual(['figure', 'monolith', 'nanoservices', 'microservices']);
    expect(table.title).toBe('shop on the memory transport, cut by cut');
  });

  it('shows every figure the terminal prints, with the same cells in the same words', () => {
    const printed = formatRunReport(report).split('\n').slice(3, 3 + table.rows.length);
    expect(table.rows).toHaveLength(16);
    // Columns of the terminal's table are at least two spaces apart; a cell holds one space at most.
    const printedCells = printed.map((line) => line.trim().split(/\s{2,}/).slice(1));
    expect(table.rows.map((row) => table.columns.slice(1).map((column) => row[column.key]))).toEqual(printedCells);
  });

  it('names the group on every row of the fault run, since a table row stands alone', () => {
    expect(table.rows.map((row) => row.figure).filter((figure) => String(figure).startsWith('under faults: '))).toEqual([
      'under faults: sent',
      'under faults: succeeded',
      'under faults: retries sent',
      'under faults: failed',
      'under faults: lost',
      'under faults: duplicated',
      'under faults: published calls lost',
      'under faults: unfinished when the run stopped',
    ]);
    expect(table.rows.find((row) => row.figure === 'latency p99, ms')).toEqual({ 'figure': 'latency p99, ms', 'cut:monolith': '1.25', 'cut:nanoservices': '6.25', 'cut:microservices': '3.75' });
  });
});

describe('runReportHeading and runReportFootnotes', () => {
  it('say one after another and full when the run was', () => {
    expect(runReportHeading({ ...report, sideBySide: false, quick: false, seed: 7 })).toBe('shop on memory · async calls: direct · cuts one after another · full · seed 7');
  });

  it('put the fault model first, then the notes as they are', () => {
    expect(runReportFootnotes(report)).toEqual([`fault model "cloud": ${cloudFaults.basis}`, 'every cut runs in this one process']);
  });
});

describe('runReportPlots', () => {
  it('draws the median and the p99 of each cut in ms, the throughput and the calls per request', () => {
    const [latency, throughput, calls] = runReportPlots(report);
    expect(latency?.rows.slice(0, 2)).toEqual([
      { cut: 'monolith', percentile: 'p50', latencyMs: 0.2 },
      { cut: 'monolith', percentile: 'p99', latencyMs: 1.25 },
    ]);
    expect(throughput?.rows).toEqual([
      { cut: 'monolith', requestsPerSecond: 6000 },
      { cut: 'nanoservices', requestsPerSecond: 1200 },
      { cut: 'microservices', requestsPerSecond: 2000 },
    ]);
    expect(calls?.rows.map((row) => row.callsPerRequest)).toEqual([1, 5, 3]);
    expect(new Set(runReportPlots(report).map((plot) => plot.title)).size).toBe(3);
  });

  it('draws no latency bar for a cut that answered no request in its latency phase', () => {
    const [latency] = runReportPlots({ ...report, cuts: [cutFigures('monolith', 1), cutFigures('nanoservices', 5, { latency: { ...cutFigures('n', 5).latency, iterations: 0 } })] });
    expect(latency?.rows.map((row) => row.cut)).toEqual(['monolith', 'monolith']);
  });
});

describe('runReportSummary', () => {
  it('compares every cut with the monolith: latency and throughput as ratios, and the calls', () => {
    expect(runReportSummary(report)).toBe(
      'shop as monolith: 0.20 ms at the median, 6000 requests/s, 1 call through the transport per request; against it, nanoservices: 5.00× the median latency, 0.20× the throughput, 5 calls per request; microservices: 3.00× the median latency, 0.33× the throughput, 3 calls per request.',
    );
  });

  it('takes the first cut as the baseline when the monolith was not run, and says network calls across a network', () => {
    const summary = runReportSummary({ ...report, transport: 'http', cuts: [cutFigures('microservices', 3), cutFigures('nanoservices', 6)] });
    expect(summary).toMatch(/^shop as microservices: 0\.60 ms at the median, 2000 requests\/s, 3 network calls per request; against it, nanoservices: 2\.00× the median latency, 0\.50× the throughput/);
  });

  it('describes a single cut alone, and says so when it has no latency sample', () => {
    expect(runReportSummary({ ...report, cuts: [cutFigures('nanoservices', 5, { latency: { ...cutFigures('n', 5).latency, iterations: 0 } })] })).toBe(
      'shop as nanoservices: no latency sample, 1200 requests/s, 5 calls through the transport per request.',
    );
    expect(runReportSummary({ ...report, cuts: [] })).toBe('shop: no cut was run.');
  });
});
