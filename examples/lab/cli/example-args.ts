import { parseCommandLine } from './command-line.ts';

/** The parsed command line of `npm run example`. */
export interface ExampleArgs {
  readonly id: string | undefined;
  readonly json: boolean;
  readonly quick: boolean;
  readonly help: boolean;
  /** `--name value` pairs that are not the flags above, still as strings, in an object with no prototype. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Splits `<id> [--json] [--quick] [--help] [--name value | --name=value ...]`; throws a `UsageError`
 * for anything {@link parseCommandLine} refuses. The parameters are checked against the experiment's
 * schema later (`parseExperimentParams`).
 *
 * @example
 * ```ts
 * splitExampleArgs(['nano-chaining', '--transport', 'http', '--json']);
 * // { id: 'nano-chaining', json: true, quick: false, help: false, params: { transport: 'http' } }
 * ```
 */
export function splitExampleArgs(argv: readonly string[]): ExampleArgs {
  const line = parseCommandLine(argv, {
    switches: ['json', 'quick', 'help'],
    values: 'any',
    short: new Map([['h', 'help']]),
    positionals: { max: 1, advice: 'give one experiment id, then --name value pairs (a value with spaces is quoted: --name "a b")' },
  });
  // No prototype: a parameter named like an Object method is an own key, found (and refused) like any other.
  const params = Object.create(null) as Record<string, string>;
  for (const [name, value] of line.values) params[name] = value;
  return { id: line.positionals[0], json: line.switches.get('json') === true, quick: line.switches.get('quick') === true, help: line.switches.get('help') === true, params };
}
