/**
 * The one reader of every command line of the lab (`npm run example`, `lab -- run`, `lab -- fan-out`,
 * `check`), so that each refuses the same mistakes the same way: an unknown option, one given twice,
 * a value missing, a value on a switch other than `=true` or `=false`, a stray argument, or `--help`
 * with `--json`. Names are looked up in lists and maps, never on plain objects, so that
 * `--constructor` or `--__proto__` is an unknown option like any other.
 */
import { UsageError } from '../experiment/cli-params.ts';

/** What a command accepts. */
export interface CommandLineSpec {
  /** Options that take no value: `--json`, also written `--json=true` or `--json=false`. */
  readonly switches: readonly string[];
  /** Options that take a value, as `--name value` or `--name=value`; `'any'` for every other `--name` (checked later, e.g. by a schema). */
  readonly values: readonly string[] | 'any';
  /** Short forms, such as `-h` for `--help`. */
  readonly short?: ReadonlyMap<string, string>;
  /** How many positional arguments the command takes, and what to say to a stray one. */
  readonly positionals: { readonly max: number; readonly advice: string };
}

/** A command line as read: its positional arguments, switches and values, in maps keyed by option name. */
export interface CommandLine {
  readonly positionals: readonly string[];
  readonly switches: ReadonlyMap<string, boolean>;
  readonly values: ReadonlyMap<string, string>;
}

/** Why a value that starts with a dash needs the `=` form. */
const dashAdvice = (name: string) => `--${name} needs a value, for example --${name} 2 (a value that starts with a dash is written --${name}=-value)`;

/** A negative number is a value, not an option. */
const negativeNumber = /^-\d/;

function switchValue(name: string, inline: string | undefined): boolean {
  if (inline === undefined || inline === 'true') return true;
  if (inline === 'false') return false;
  throw new UsageError(`--${name} takes no value (or =true, =false), got --${name}=${inline}`);
}

/**
 * Reads a command line against what the command accepts. Throws a {@link UsageError} naming the
 * argument and what to type instead.
 *
 * @example
 * ```ts
 * const line = parseCommandLine(['nano-chaining', '--json=false', '--transports', 'http'], {
 *   switches: ['json'], values: 'any', positionals: { max: 1, advice: 'give one experiment id' },
 * });
 * line.switches.get('json'); // false
 * line.values.get('transports'); // 'http'
 * parseCommandLine(['--json', '--json'], { switches: ['json'], values: [], positionals: { max: 0, advice: '' } });
 * // UsageError: --json is given twice: give it once
 * ```
 */
export function parseCommandLine(argv: readonly string[], spec: CommandLineSpec): CommandLine {
  const positionals: string[] = [];
  const switches = new Map<string, boolean>();
  const values = new Map<string, string>();
  const options = spec.values === 'any' ? undefined : [...spec.values, ...spec.switches].map((name) => `--${name}`).join(', ');
  const given = (name: string) => switches.has(name) || values.has(name);
  let onlyPositionals = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (onlyPositionals || !arg.startsWith('-') || arg === '-' || negativeNumber.test(arg)) {
      if (positionals.length >= spec.positionals.max) throw new UsageError(`unexpected argument "${arg}": ${spec.positionals.advice}`);
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const shortName = arg.startsWith('--') ? undefined : spec.short?.get(arg.slice(1));
    if (!arg.startsWith('--') && shortName === undefined) throw new UsageError(`unknown option ${arg}${options ? `. Options: ${options}` : ': options are written --name'}`);
    const [name, inline] = shortName !== undefined ? [shortName, undefined] : (arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]);
    if (given(name)) throw new UsageError(`--${name} is given twice${values.has(name) ? ` (first "${values.get(name)}")` : ''}: give it once`);
    if (spec.switches.includes(name)) {
      switches.set(name, switchValue(name, inline));
      continue;
    }
    if (name === '' || (spec.values !== 'any' && !spec.values.includes(name))) throw new UsageError(`unknown option --${name}${options ? `. Options: ${options}` : ''}`);
    const value = inline ?? argv[index + 1];
    if (value === undefined || (inline === undefined && value.startsWith('-') && !negativeNumber.test(value))) throw new UsageError(dashAdvice(name));
    if (inline === undefined) index += 1;
    values.set(name, value);
  }
  if (switches.get('help') === true && switches.get('json') === true) throw new UsageError('--help prints the usage as text, not JSON: leave out --json');
  return { positionals, switches, values };
}
