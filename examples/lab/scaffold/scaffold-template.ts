import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder of the templates the scaffolder fills: real files, edited as files. */
export const templatesDir = fileURLToPath(new URL('./scaffold-templates/', import.meta.url));

const placeholder = /\{\{([A-Za-z]+)\}\}/g;

/**
 * Fills each `{{name}}` of a template with its value. Throws, naming the template and the
 * placeholder, when the template asks for a value that is not given: a template and the code that
 * fills it must agree, and a half-filled file must never be written.
 *
 * @example
 * ```ts
 * renderTemplate('# {{title}}\n', { title: 'Hello' }); // '# Hello\n'
 * renderTemplate('{{missing}}', {}, 'claim/page.mdx'); // throws: claim/page.mdx asks for {{missing}} ...
 * ```
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>, name = 'the template'): string {
  const unknown = [...template.matchAll(placeholder)].map((match) => match[1] as string).filter((key) => !Object.hasOwn(values, key));
  if (unknown.length > 0) throw new Error(`${name} asks for {{${[...new Set(unknown)].join('}}, {{')}}}, which the scaffolder does not give (it gives ${Object.keys(values).join(', ')})`);
  return template.replace(placeholder, (_, key: string) => values[key] as string);
}

/**
 * Reads a template of `scaffold-templates/` by the path of the file it makes, e.g. `claim/report.ts`
 * for `claim/report.ts.tmpl`, and fills it.
 *
 * @example
 * ```ts
 * fillTemplate('comparison/index.mdx', { comparison: 'event-sourcing', titleJson: '"Event sourcing vs CRUD"', ... });
 * ```
 */
export function fillTemplate(name: string, values: Readonly<Record<string, string>>): string {
  return renderTemplate(readFileSync(`${templatesDir}${name}.tmpl`, 'utf8'), values, `examples/lab/scaffold/scaffold-templates/${name}.tmpl`);
}

/**
 * Text as a string literal of TypeScript or YAML (a JSON string is valid in both).
 *
 * @example
 * ```ts
 * asLiteral('Say "hi"'); // '"Say \\"hi\\""'
 * ```
 */
export const asLiteral = (text: string): string => JSON.stringify(text);

/**
 * Text inside a block comment of TypeScript: a `*` followed by `/` would end the comment, so a
 * backslash goes between them. The words are one line (scaffold-input.ts), so a comment line is
 * never ended early either.
 *
 * @example
 * ```ts
 * asCommentText(`a *${'/'} b`); // the same text with a backslash before the slash
 * ```
 */
export const asCommentText = (text: string): string => text.replaceAll('*/', '*\\/');

// The ASCII punctuation that means something in a line of MDX prose: `{` `}` an expression, `<` `>`
// a JSX tag, `\` an escape, `` ` `` code, `*` `_` `~` emphasis and strikethrough (GFM), `[` `]`
// links and images, `&` a character reference, `#` a heading's closing sequence, `:` before a
// letter a directive (Docusaurus reads `:name` as one), and `:` in `://` or `.` in `www.` a GFM
// autolink, inside which an escape would show as a backslash. CommonMark lets a backslash escape any
// ASCII punctuation; the others are left as typed, so that the page's source reads as the words do.
const mdxSyntax = /[\\`*_~{}<>[\]&#]|:(?=[A-Za-z/])|(?<=www)\./gi;

/**
 * Text as plain MDX prose, e.g. a heading: every character MDX, GFM or Docusaurus would read as
 * syntax is escaped with a backslash, so that the page shows the text as it was typed.
 *
 * @example
 * ```ts
 * asMdxText('Latency < 1 ms {p50}'); // 'Latency \\< 1 ms \\{p50\\}'
 * asMdxText('*Fast* & cheap'); // '\\*Fast\\* \\& cheap'
 * ```
 */
export const asMdxText = (text: string): string => text.replace(mdxSyntax, (character) => `\\${character}`);
