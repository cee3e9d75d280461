/**
 * The arguments of `npm run evidence [-- <id> ...]`: experiment ids and nothing else. Evidence is
 * measured at each experiment's default parameters, so a parameter is refused with the
 * `npm run example` command that tries it, before anything runs or is written.
 */
import { closestIds } from './check-claim-args.ts';

/** What the command line asked for: experiments to run (every one when none is named), the usage, or a refusal. */
export type EvidenceRequest =
  | { readonly kind: 'run'; readonly ids: readonly string[] }
  | { readonly kind: 'help' }
  | { readonly kind: 'refused'; readonly message: string };

/** How to call the command, printed with --help and after a refusal. */
export const evidenceUsage = 'usage: npm run evidence [-- <id> ...]\n  runs each experiment named (or every one) at its default parameters and writes evidence/<id>.json';

/** The shell words of an argument list, quoted where they need it, to print a command to copy. */
const shellWords = (args: readonly string[]) => args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(' ');

/**
 * Reads the command line of `npm run evidence`: known experiment ids, each once, or `--help` alone.
 *
 * @example
 * ```ts
 * parseEvidenceArgs(['nano-chaining'], ids); // { kind: 'run', ids: ['nano-chaining'] }
 * parseEvidenceArgs(['nano-single-endpoint', '--transports', 'x'], ids);
 * // { kind: 'refused', message: 'npm run evidence runs each experiment at its default parameters; it takes only experiment ids. To try parameters, use npm run example -- nano-single-endpoint --transports x' }
 * ```
 */
export function parseEvidenceArgs(args: readonly string[], knownIds: readonly string[]): EvidenceRequest {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) return { kind: 'help' };
  const firstOption = args.findIndex((arg) => arg.startsWith('-'));
  if (firstOption >= 0) {
    const id = args.slice(0, firstOption).at(-1);
    const example = `${id === undefined ? '<id>' : shellWords([id])} ${shellWords(args.slice(firstOption))}`;
    return {
      kind: 'refused',
      message: `npm run evidence runs each experiment at its default parameters; it takes only experiment ids. To try parameters, use npm run example -- ${example}`,
    };
  }
  const seen = new Set<string>();
  for (const id of args) {
    if (seen.has(id)) return { kind: 'refused', message: `${id} is named twice: name each experiment once` };
    seen.add(id);
    if (!knownIds.includes(id)) {
      const closest = closestIds(id, knownIds);
      return { kind: 'refused', message: `unknown experiment "${id}". ${closest.length ? `Did you mean ${closest.join(' or ')}?` : `Known experiments: ${knownIds.join(', ')}`}` };
    }
  }
  return { kind: 'run', ids: args };
}

/**
 * The experiment ids `npm run evidence` was given; prints the usage and exits 0 for `--help`, or
 * prints the refusal and exits 2, before anything is run or written.
 *
 * @example
 * ```ts
 * const ids = evidenceIdsOrExit(process.argv.slice(2), experimentIds); // [] means every experiment
 * ```
 */
export function evidenceIdsOrExit(args: readonly string[], knownIds: readonly string[]): readonly string[] {
  const request = parseEvidenceArgs(args, knownIds);
  if (request.kind === 'run') return request.ids;
  if (request.kind === 'help') {
    console.log(evidenceUsage);
    process.exit(0);
  }
  console.error(`error: ${request.message}\n${evidenceUsage}`);
  process.exit(2);
}
