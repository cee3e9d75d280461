import { httpSystemTransport } from '../network/http-system-transport.ts';
import { processSystemTransport } from '../network/process-system-transport.ts';
import { memorySystemTransport } from '../runtime/memory-system-transport.ts';
import { systemTransportNames, type SystemTransport, type SystemTransportName } from '../runtime/running-system.ts';
import { fanOutSizes, measureFanOutCost, publishedFanOut, type FanOutCostReport } from '../system-run/fan-out-cost.ts';
import { parseFlags, type FlagOptions } from './flags.ts';
import { UsageError } from '../experiment/cli-params.ts';
import type { RunIo } from './run-command.ts';

const transports: Readonly<Record<SystemTransportName, SystemTransport>> = { memory: memorySystemTransport, http: httpSystemTransport, process: processSystemTransport };

export const fanOutUsage = `usage: npm run lab -- fan-out [--transport http|process|memory] [--fan-outs 4,13] [--leaf-wait-us 1000] [--quick] [--json]
  --transport     http (one process, real loopback HTTP; the default), process (one process per unit) or memory
  --fan-outs      the numbers of leaves to call, comma-separated, 2 to 100 (default 4,13: Meta's median and p90 fan-out)
  --leaf-wait-us  each leaf's waiting per call, µs, 0 to 100000 (default 1000: a median call in Alibaba's trace)
  --quick         a look in seconds: few samples
  --json          print the report as JSON
  --help, -h      print this usage`;

/** The flags of `npm run lab -- fan-out`. */
const fanOutFlags: FlagOptions = {
  transport: { type: 'string', default: 'http' },
  'fan-outs': { type: 'string', default: publishedFanOut.fanOuts.join(',') },
  'leaf-wait-us': { type: 'string', default: String(publishedFanOut.leafWaitUs) },
  quick: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false, short: 'h' },
};

/** The most unit processes a fan-out run starts on the process transport (a 2-core machine runs them all). */
const maxProcesses = 96;

/** What `npm run lab -- fan-out` was asked to do, checked. */
export interface FanOutArgs {
  readonly transport: SystemTransportName;
  readonly fanOuts: readonly number[];
  readonly leafWaitUs: number;
  readonly quick: boolean;
  readonly json: boolean;
}

/**
 * Checks the arguments of `npm run lab -- fan-out`; throws a `UsageError` or a RangeError naming what to fix.
 *
 * @example
 * ```ts
 * parseFanOutArgs(['--fan-outs', '4,100', '--quick']).fanOuts; // [4, 100]
 * parseFanOutArgs(['--fan-outs', 'many']); // RangeError: --fan-outs is a comma-separated list of whole numbers from 2 to 100, got "many"
 * ```
 */
export function parseFanOutArgs(argv: readonly string[]): FanOutArgs {
  const values = parseFlags(argv, fanOutFlags);
  const transport = values.transport as string;
  if (!(systemTransportNames as readonly string[]).includes(transport)) throw new RangeError(`--transport is ${systemTransportNames.join(', ')}, got "${transport}"`);
  const fanOutsText = values['fan-outs'] as string;
  const fanOuts = fanOutsText.split(',').map((part) => (/^\d{1,3}$/.test(part.trim()) ? Number(part) : Number.NaN));
  if (fanOuts.some((n) => !(n >= 2 && n <= 100)) || new Set(fanOuts).size !== fanOuts.length) {
    throw new RangeError(`--fan-outs is a comma-separated list of different whole numbers from 2 to 100, got "${fanOutsText}"`);
  }
  const waitText = values['leaf-wait-us'] as string;
  const leafWaitUs = /^\d{1,6}$/.test(waitText) ? Number(waitText) : Number.NaN;
  if (!(leafWaitUs <= 100_000)) throw new RangeError(`--leaf-wait-us is a whole number of microseconds from 0 to 100000, got "${waitText}"`);
  // Both cuts of every system run at once: on the process transport, one process per unit.
  const processes = 2 * 2 + fanOuts.reduce((total, n) => total + 2 * (1 + (n + 1)), 0);
  if (transport === 'process' && processes > maxProcesses) {
    throw new RangeError(`--fan-outs ${fanOutsText} needs ${processes} unit processes on the process transport, more than ${maxProcesses}: use --transport http, or smaller fan-outs`);
  }
  return { transport: transport as SystemTransportName, fanOuts, leafWaitUs, quick: values.quick === true, json: values.json === true };
}

/**
 * The report as the terminal shows it: one row per system, then what the figures mean.
 *
 * @example
 * ```ts
 * console.log(formatFanOutReport(report));
 * ```
 */
export function formatFanOutReport(report: FanOutCostReport): string {
  const header = ['calls', 'monolith p50, µs', 'nanoservices p50, µs', 'added by the transport, µs', 'added, in hops', 'latency ÷ one call'];
  const table = [
    header,
    ...report.rows.map((row) => [
      row.mode === 'one call' ? 'one call' : `${row.fanOut} ${row.mode}`,
      String(row.monolithP50Us),
      String(row.nanoservicesP50Us),
      String(row.addedUs),
      String(row.addedInHops),
      String(row.latencyToOneCall),
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] as string).length)));
  const lines = table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number))).join('  '));
  return [
    `fan-out on ${report.transport} · leaves wait ${report.leafWaitUs} µs · ${report.sizes.iterations} requests per system, ${report.sizes.rounds} rounds side by side`,
    '',
    ...lines,
    '',
    `one hop: ${report.hopUs} µs at the median, ${report.hopToRaw}× a plain node:http round trip (${report.rawRoundTrip.p50Us} µs) measured in the same rounds.`,
    'Parallel calls overlap their waiting (latency ÷ one call); the transport’s own CPU work (added, in hops) overlaps only across cores.',
  ].join('\n');
}

/**
 * `npm run lab -- fan-out …`: what calling N operations at once costs over a transport, next to
 * calling them in turn and calling one. Resolves with the exit status: 0, or 2 naming what to fix.
 *
 * @example
 * ```ts
 * await fanOutCommand(['--quick'], { stdout: console.log, stderr: console.error, deployments: new Set() }); // 0
 * ```
 */
export async function fanOutCommand(argv: readonly string[], io: RunIo): Promise<0 | 2> {
  let args;
  try {
    if (parseFlags(argv, fanOutFlags).help === true) {
      io.stdout(`${fanOutUsage}\n`);
      return 0;
    }
    args = parseFanOutArgs(argv);
  } catch (error) {
    if (!(error instanceof RangeError || error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}\n${fanOutUsage}\n`);
    return 2;
  }
  if (!args.json) io.stderr(`… deploying ${1 + 2 * args.fanOuts.length} systems in 2 cuts on ${args.transport}\n`);
  const report = await measureFanOutCost({
    transport: transports[args.transport],
    fanOuts: args.fanOuts,
    leafWaitUs: args.leafWaitUs,
    sizes: args.quick ? fanOutSizes.quick : fanOutSizes.full,
    deployments: io.deployments,
  });
  io.stdout(`${args.json ? JSON.stringify(report, null, 2) : formatFanOutReport(report)}\n`);
  return 0;
}
