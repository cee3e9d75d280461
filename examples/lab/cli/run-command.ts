import { SystemFileError } from '../model/system-file.ts';
import { memorySystemTransport } from '../runtime/memory-system-transport.ts';
import type { RunningSystem, SystemTransport, SystemTransportName } from '../runtime/running-system.ts';
import { httpSystemTransport } from '../network/http-system-transport.ts';
import { processSystemTransport } from '../network/process-system-transport.ts';
import { formatRunReport } from '../system-run/report-table.ts';
import { runSystem } from '../system-run/run-system.ts';
import { processMeter } from '../system-run/process-meter.ts';
import { parseRunArgs, runFlags, runUsage } from './run-args.ts';
import { parseFlags } from './flags.ts';
import { UsageError } from '../experiment/cli-params.ts';
import { openBroker } from '../messaging/open-broker.ts';

const transports: Readonly<Record<SystemTransportName, SystemTransport>> = { memory: memorySystemTransport, http: httpSystemTransport, process: processSystemTransport };

/** Where `runCommand` writes, and the deployments it has running (so that an interrupt can stop them). */
export interface RunIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly deployments: Set<RunningSystem>;
}

/**
 * `npm run lab -- run …`: deploys every requested cut of a system file and prints them side by side.
 * Resolves with the exit status: 0, or 2 with a message naming what to fix.
 *
 * @example
 * ```ts
 * await runCommand(['--system', 'examples/systems/shop.json', '--quick'], { stdout: console.log, stderr: console.error, deployments: new Set() }); // 0
 * ```
 */
export async function runCommand(argv: readonly string[], io: RunIo): Promise<0 | 2> {
  let args;
  try {
    if (parseFlags(argv, runFlags).help === true) {
      io.stdout(`${runUsage}\n`);
      return 0;
    }
    args = parseRunArgs(argv);
  } catch (error) {
    if (error instanceof SystemFileError || error instanceof RangeError || error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n${runUsage}\n`);
      return 2;
    }
    throw error;
  }
  const broker = args.asyncCalls === 'broker' ? await openBroker({ log: (line) => io.stderr(`${line}\n`) }) : undefined;
  try {
    const report = await runSystem(args.system.system, {
      cuts: args.cuts,
      transport: transports[args.transport],
      faults: args.faults,
      quick: args.quick,
      seed: args.seed,
      deployments: io.deployments,
      broker,
      meter: processMeter,
      onProgress: args.json ? undefined : (message) => io.stderr(`… ${message}\n`),
    });
    io.stdout(`${args.json ? JSON.stringify({ file: args.system.file, ...report }, null, 2) : formatRunReport(report)}\n`);
    return 0;
  } finally {
    await broker?.close();
  }
}
