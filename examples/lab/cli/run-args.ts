import { parseFlags, type FlagOptions } from './flags.ts';
import { readSystemFile, type SystemInFile } from '../files/system-files.ts';
import { systemTransportNames, type SystemTransportName } from '../runtime/running-system.ts';
import { checkFaultModel, faultModels, type FaultModel } from '../faults/fault-model.ts';
import { checkCutNames } from '../system-run/run-system.ts';

/** What `npm run lab -- run` was asked to do, checked. */
export interface RunArgs {
  readonly system: SystemInFile;
  readonly cuts: readonly string[];
  readonly transport: SystemTransportName;
  readonly faults: FaultModel;
  readonly quick: boolean;
  readonly json: boolean;
  readonly seed: number;
  /** What carries `async` steps: a broker (NATS JetStream, or the embedded one without it), or calls through the transport. */
  readonly asyncCalls: 'broker' | 'direct';
}

export const runUsage = `usage: npm run lab -- run --system <file> [--cuts a,b] [--transport memory|http|process] [--faults cloud|stress|none] [--seed N] [--quick] [--json]
  --system     a system file (see docs/systems/describe-your-own-system), e.g. examples/systems/shop.json
  --cuts       the cuts to compare, comma-separated (default: every cut of the system)
  --transport  memory (one process, no socket), http (one process, real loopback HTTP; the default) or process (one process per unit)
  --faults     the fault model of the fault run: cloud (the default, from cloud SLAs), stress (5 % refused: a stress case), none
  --seed       the seed of every draw of work and fault (default 1)
  --async      what carries async steps: broker (NATS JetStream, or the embedded broker where none answers; the default on http and process) or direct (a call through the transport nobody waits for; the only one on memory)
  --quick      a look in seconds: few samples, for a first comparison
  --json       print the report as JSON
  --help, -h   print this usage`;

/** The flags of `npm run lab -- run`. */
export const runFlags: FlagOptions = {
  system: { type: 'string' },
  cuts: { type: 'string' },
  transport: { type: 'string', default: 'http' },
  faults: { type: 'string', default: 'cloud' },
  seed: { type: 'string', default: '1' },
  async: { type: 'string' },
  quick: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false, short: 'h' },
};

/**
 * Checks the arguments of `npm run lab -- run` and reads the system file; throws a `UsageError`
 * (the command line), a RangeError (a value) or the file's `SystemFileError`, naming what to fix.
 *
 * @example
 * ```ts
 * parseRunArgs(['--system', 'examples/systems/shop.json', '--cuts', 'monolith,nanoservices', '--quick']).cuts; // ['monolith', 'nanoservices']
 * parseRunArgs(['--system', 'shop.json', '--transport', 'udp']); // RangeError: --transport is memory, http or process, got "udp"
 * ```
 */
export function parseRunArgs(argv: readonly string[]): RunArgs {
  const values = parseFlags(argv, runFlags);
  if (typeof values.system !== 'string' || values.system === '') throw new RangeError('--system <file> is required: the system file to run');
  const transport = values.transport as string;
  if (!(systemTransportNames as readonly string[]).includes(transport)) throw new RangeError(`--transport is ${systemTransportNames.join(', ')}, got "${transport}"`);
  const faultsName = values.faults as string;
  // Own keys only: `--faults constructor` would otherwise find Object's constructor.
  const faults = Object.hasOwn(faultModels, faultsName) ? faultModels[faultsName] : undefined;
  if (!faults) throw new RangeError(`--faults is ${Object.keys(faultModels).join(', ')}, got "${String(values.faults)}"`);
  const seedText = values.seed as string;
  if (!/^\d{1,9}$/.test(seedText)) throw new RangeError(`--seed is a whole number from 0 to 999999999, got "${seedText}"`);
  const system = readSystemFile(values.system);
  const known = Object.keys(system.system.cuts);
  const cuts = typeof values.cuts === 'string' ? values.cuts.split(',').map((cut) => cut.trim()) : known;
  if (cuts.length === 0 || cuts.some((cut) => cut === '')) throw new RangeError(`--cuts is a comma-separated list of cuts of ${system.system.name}: ${known.join(', ')}`);
  checkCutNames(system.system, cuts);
  if (new Set(cuts).size !== cuts.length) throw new RangeError(`--cuts names a cut twice: ${cuts.join(',')}`);
  const asyncCalls = (values.async as string | undefined) ?? (transport === 'memory' ? 'direct' : 'broker');
  if (asyncCalls !== 'broker' && asyncCalls !== 'direct') throw new RangeError(`--async is broker or direct, got "${asyncCalls}"`);
  if (asyncCalls === 'broker' && transport === 'memory') throw new RangeError('--async broker needs --transport http or process: the memory transport runs in a browser too, where there is no broker');
  return { system, cuts, transport: transport as SystemTransportName, faults: checkFaultModel(faults), quick: values.quick === true, json: values.json === true, seed: Number(seedText), asyncCalls };
}
