/**
 * What the scaffold leaves for a contributor to replace, so that the claims check can say when some
 * of it is still there: every `TODO` the templates (`scaffold-templates/`) carry, the placeholder
 * sentences of the skeleton that carry none, and the words of a first claim given without its own.
 */

/** The words of a first claim created without its own, after the comparison's title. */
export const firstClaimPlaceholder = 'the first claim to test (rewrite this)';

/** Sentences of the skeleton that a finished claim no longer has; each occurs in a template (a test checks). */
export const skeletonSentences: readonly string[] = [
  'This skeleton deploys every shape on the memory transport and counts the units a checkout crosses.',
  "notYetMeasured: 'the experiment is a skeleton'",
];

/** One line of leftover scaffold text: its number (from 1) and the line, trimmed. */
export interface ScaffoldText {
  readonly line: number;
  readonly text: string;
}

const todo = /\bTODO\b/;

/**
 * The lines of a file that still hold scaffold text: a `TODO` marker, a skeleton sentence, or the
 * first-claim placeholder.
 *
 * @example
 * ```ts
 * findScaffoldText('const a = 1;\n// TODO: measure it\n'); // [{ line: 2, text: '// TODO: measure it' }]
 * findScaffoldText('const a = 1;\n'); // []
 * ```
 */
export function findScaffoldText(text: string): ScaffoldText[] {
  const markers = [...skeletonSentences, firstClaimPlaceholder];
  return text
    .split('\n')
    .map((line, index) => ({ line: index + 1, text: line.trim() }))
    .filter(({ text: line }) => todo.test(line) || markers.some((marker) => line.includes(marker)));
}
