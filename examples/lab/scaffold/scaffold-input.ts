/**
 * What the scaffolder accepts from the command line: slugs and claim ids that are safe as file names,
 * folder names, routes and (through scaffold-identifier.ts) code, and words that fit on one line of
 * a page. Every refusal is a {@link ScaffoldError} whose message says what to change; nothing has
 * been written when one is thrown.
 */

/** A request the scaffolder refuses; its message says what to change. Nothing has been written. */
export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

/**
 * The longest comparison slug: short enough that its default first claim, `<slug>-first-claim`,
 * is still a claim id of at most {@link maxClaimIdLength} characters.
 */
export const maxSlugLength = 40;

/** The longest claim id: it names a folder, a page and an evidence file, and is typed in commands. */
export const maxClaimIdLength = 60;

/** The longest title of a comparison: it is the sidebar label and the page heading. */
export const maxTitleLength = 100;

/** The longest words of a claim: the committed claims say theirs in under 170 characters. */
export const maxWordsLength = 300;

const kebab = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Input as a message shows it: quoted, with line breaks and quotes visible, and cut if it is long
 * (by code points, so that an emoji is never cut in half).
 *
 * @example
 * ```ts
 * shown('two\nlines'); // '"two\\nlines"'
 * shown('a'.repeat(300)); // '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…" (300 characters)'
 * ```
 */
export function shown(text: string): string {
  const quoted = [...JSON.stringify(text)];
  return quoted.length > 50 ? `${quoted.slice(0, 40).join('')}…" (${text.length} characters)` : quoted.join('');
}

/**
 * A slug or claim id, checked: lowercase words joined by hyphens, at most `maxLength` characters.
 * The pattern alone makes it safe as a file name, a route and a quoted string in code.
 *
 * @example
 * ```ts
 * checkSlug('comparison slug', 'event-sourcing', 'modular-monolith', maxSlugLength); // 'event-sourcing'
 * checkSlug('comparison slug', 'Event Sourcing', 'modular-monolith', maxSlugLength); // throws ScaffoldError
 * ```
 */
export function checkSlug(kind: string, slug: string | undefined, example: string, maxLength: number): string {
  if (!slug) throw new ScaffoldError(`give the ${kind}, for example ${example}`);
  if (slug.length > maxLength) throw new ScaffoldError(`the ${kind} ${shown(slug)} is too long: keep it to ${maxLength} characters at most, for example ${example}`);
  if (!kebab.test(slug)) throw new ScaffoldError(`${shown(slug)} is not a valid ${kind}: use lowercase words joined by hyphens, for example ${example}`);
  return slug;
}

// Characters no sentence of a claim needs, which would break or silently change a file: control
// characters (a tab or an escape code in a heading), line and paragraph separators (YAML 1.1 and
// some editors end a line there), and noncharacters, which a YAML reader refuses.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unprintable = /[\p{Cc}\u2028\u2029\p{Noncharacter_Code_Point}]/u;

/**
 * The words of a title or a claim, checked and trimmed: at least 3 characters, one line, printable
 * text of at most `maxLength` characters. Any other character is accepted: each file escapes the
 * words for its own syntax (scaffold-template.ts).
 *
 * @example
 * ```ts
 * checkWords('claim', ' Calls cost {nothing} ', 'Modules call each other in process', maxWordsLength); // 'Calls cost {nothing}'
 * checkWords('claim', 'two\nlines', 'Modules call each other in process', maxWordsLength); // throws ScaffoldError
 * ```
 */
export function checkWords(kind: string, text: string | undefined, example: string, maxLength: number): string {
  const words = text?.trim() ?? '';
  if (words.length < 3) throw new ScaffoldError(`give the ${kind} in quotes, for example "${example}"`);
  // A page title and heading are one line: a line break would end the heading half-way.
  if (/[\r\n]/.test(words)) throw new ScaffoldError(`give the ${kind} on one line, for example "${example}"`);
  if (words.length > maxLength) throw new ScaffoldError(`the ${kind} is ${words.length} characters long: say it in ${maxLength} characters at most`);
  if (loneSurrogate.test(words)) throw new ScaffoldError(`the ${kind} ${shown(words)} is not well-formed text (half of a surrogate pair): type it again`);
  const bad = unprintable.exec(words);
  if (bad) throw new ScaffoldError(`the ${kind} ${shown(words)} holds the invisible character U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}: remove it`);
  return words;
}
