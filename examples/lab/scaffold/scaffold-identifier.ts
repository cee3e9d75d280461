/**
 * The names the generated indexes (examples/claims/comparisons/index.ts and key-figures.ts) give a
 * slug or claim id in code. A slug is any run of lowercase words joined by hyphens, so its plain
 * camelCase form may be a reserved word (`delete`), a name the linter forbids to shadow (`eval`,
 * `undefined`), or the name the index itself exports: those get a leading underscore instead.
 */

// Words that cannot name an import binding in a module (strict mode, where `await` is reserved
// too), names TypeScript or the linter (no-shadow-restricted-names) refuse to redeclare, and the
// lowercase literals. A camelCase name with a capital or an underscore in it is never one of them.
const unusableNames = new Set([
  ...['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends'],
  ...['false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this'],
  ...['throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package'],
  ...['private', 'protected', 'public', 'await', 'arguments', 'eval', 'undefined', 'globalThis', 'require', 'exports', 'module'],
]);

/**
 * A slug or claim id as a name in code: camelCase, with a digit after a hyphen kept apart by an
 * underscore (`a-b-1` is `aB_1`, `a-b1` is `aB1`), so that two slugs never get one name; and with
 * a leading underscore when that name is unusable or one of `taken` (names the module declares
 * itself). No camelCase name starts with an underscore, so that one is never another's either.
 *
 * @example
 * ```ts
 * identifierFor('modular-monolith'); // 'modularMonolith'
 * identifierFor('delete'); // '_delete'
 * identifierFor('comparison-files', ['comparisonFiles']); // '_comparisonFiles'
 * ```
 */
export function identifierFor(slug: string, taken: readonly string[] = []): string {
  const camel = slug.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()).replace(/-([0-9])/g, '_$1');
  return unusableNames.has(camel) || taken.includes(camel) ? `_${camel}` : camel;
}
