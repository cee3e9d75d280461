/** The arguments of `npm run check -- <claim-id>`: one known claim id, or help. */

/** What the command line asked for: a claim to check, the usage, or a refusal with its message. */
export type CheckRequest = { readonly kind: 'check'; readonly id: string } | { readonly kind: 'help' } | { readonly kind: 'refused'; readonly message: string };

/** How to call the command, printed with --help and after a refusal. */
export const usage = 'usage: npm run check -- <claim-id>\n  runs what CI checks for one claim: its tests, type check and lint, evidence, the claims check, key figure, page and scaffold text';

/**
 * The edit distance between two strings (insertions, deletions and substitutions), for "did you mean".
 *
 * @example
 * ```ts
 * editDistance('nano-chaning', 'nano-chaining'); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The known ids closest to what was typed: those that contain it, or else those within a few
 * edits of it (a third of its length, at least two), nearest first.
 *
 * @example
 * ```ts
 * closestIds('chaining', ['nano-chaining', 'micro-lockstep']); // ['nano-chaining']
 * closestIds('nano-chaning', ['nano-chaining', 'nano-own-schedule']); // ['nano-chaining']
 * ```
 */
export function closestIds(typed: string, known: readonly string[]): string[] {
  const containing = known.filter((id) => id.includes(typed));
  if (containing.length > 0 && typed.length >= 3) return containing.slice(0, 5);
  const limit = Math.max(2, Math.floor(typed.length / 3));
  return known
    .map((id) => ({ id, distance: editDistance(typed, id) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map(({ id }) => id);
}

/**
 * Reads the command line: exactly one claim id that the registry knows, or `--help`. Anything else
 * is refused with a message that says what to type, naming the closest ids or every known one.
 *
 * @example
 * ```ts
 * parseCheckArgs(['nano-chaining'], ids); // { kind: 'check', id: 'nano-chaining' }
 * parseCheckArgs(['nano-chaning'], ids); // { kind: 'refused', message: 'no claim "nano-chaning". Did you mean nano-chaining? ...' }
 * ```
 */
export function parseCheckArgs(args: readonly string[], knownIds: readonly string[]): CheckRequest {
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  const known = `Known claims: ${knownIds.join(', ')}`;
  if (args.length === 0) return { kind: 'refused', message: `give the id of the claim to check, for example npm run check -- ${knownIds[0] ?? '<claim-id>'}.\n${known}` };
  if (args.length > 1) return { kind: 'refused', message: `check takes one claim id, got ${args.length} arguments: ${args.join(' ')}. Check claims one at a time, or all of them with npm run check:claims and npm test.` };
  const [id] = args as [string];
  if (id.startsWith('-')) return { kind: 'refused', message: `unknown option ${id}: check takes a claim id (or --help)` };
  if (knownIds.includes(id)) return { kind: 'check', id };
  const closest = closestIds(id, knownIds);
  return { kind: 'refused', message: `no claim "${id}" in examples/claims/registry.ts or examples/claims/comparisons/. ${closest.length ? `Did you mean ${closest.join(' or ')}?` : known}` };
}
