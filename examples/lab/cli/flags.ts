import { parseCommandLine } from './command-line.ts';

/** The options of a command: `string` ones take a value, `boolean` ones are switches. */
export type FlagOptions = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly default?: string | boolean; readonly short?: string }>>;

/**
 * The flags of a command, parsed strictly by {@link parseCommandLine}: no positional argument, no
 * unknown flag, none given twice, a switch only as `--flag`, `--flag=true` or `--flag=false`.
 * Anything else is a `UsageError` naming the flag. The result has no prototype, so only the
 * command's own flags are in it.
 *
 * @example
 * ```ts
 * parseFlags(['--quick'], { quick: { type: 'boolean', default: false } }).quick; // true
 * parseFlags(['--cuts', 'a'], { quick: { type: 'boolean' } }); // UsageError: unknown option --cuts. Options: --quick
 * ```
 */
export function parseFlags(argv: readonly string[], options: FlagOptions): Record<string, string | boolean | undefined> {
  const names = Object.keys(options);
  const typed = (type: 'string' | 'boolean') => names.filter((name) => options[name]?.type === type);
  const short = new Map<string, string>();
  for (const name of names) {
    const letter = options[name]?.short;
    if (letter !== undefined) short.set(letter, name);
  }
  const line = parseCommandLine(argv, { switches: typed('boolean'), values: typed('string'), short, positionals: { max: 0, advice: 'this command takes only --name value options' } });
  const values = Object.create(null) as Record<string, string | boolean | undefined>;
  for (const name of names) values[name] = line.switches.get(name) ?? line.values.get(name) ?? options[name]?.default;
  return values;
}
