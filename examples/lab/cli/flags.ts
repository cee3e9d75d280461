import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * The flags of a command, parsed strictly (no positional arguments, no unknown flag); a RangeError
 * with Node's message, less its advice about positionals, for anything else.
 *
 * @example
 * ```ts
 * parseFlags(['--quick'], { quick: { type: 'boolean', default: false } }).quick; // true
 * parseFlags(['--cuts', 'a'], { quick: { type: 'boolean' } }); // RangeError: Unknown option '--cuts'
 * ```
 */
export function parseFlags(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new RangeError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}
