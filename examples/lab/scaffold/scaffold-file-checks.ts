/**
 * What the scaffolder's tests check a generated file with, quickly enough to check hundreds: the
 * parsers of the tools that read it later. TypeScript must parse (and its JavaScript must parse as a
 * strict module, where `delete` or `eval` cannot name a binding), JSON must parse, and an MDX page's
 * front matter must be read by Docusaurus's own parser and its body compile with MDX, GFM and
 * directives, as the site's build does. Node-only, for tests.
 */
import { compile, createProcessor } from '@mdx-js/mdx';
import { DEFAULT_PARSE_FRONT_MATTER } from '@docusaurus/utils';
import { parse as parseJavaScript } from 'acorn';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import ts from 'typescript';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/**
 * The syntax errors of a TypeScript module: TypeScript's own, then those of its JavaScript read as a
 * strict ES module (reserved words as names, `eval` or `arguments` bound).
 *
 * @example
 * ```ts
 * typeScriptProblems('x.ts', "import delete from './delete.json';"); // ['x.ts: ...']
 * typeScriptProblems('x.ts', 'export const a: number = 1;'); // []
 * ```
 */
export function typeScriptProblems(file: string, text: string): string[] {
  const output = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false } });
  const problems = (output.diagnostics ?? []).map((diagnostic) => `${file}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  if (problems.length > 0) return problems;
  try {
    parseJavaScript(output.outputText, { ecmaVersion: 'latest', sourceType: 'module' });
    return [];
  } catch (error) {
    return [`${file}: as JavaScript: ${messageOf(error)}`];
  }
}

/** The text of the headings of an MDX body, by depth, as the page shows it (the words, no markup). */
function headingTexts(body: string): Array<{ depth: number; text: string }> {
  type Node = { type: string; value?: string; depth?: number; children?: Node[] };
  const tree = createProcessor({ format: 'mdx', remarkPlugins: [remarkGfm, remarkDirective] }).parse(body) as Node;
  const textOf = (node: Node): string => (node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(textOf).join(''));
  const headings: Array<{ depth: number; text: string }> = [];
  const walk = (node: Node) => (node.type === 'heading' ? headings.push({ depth: node.depth ?? 0, text: textOf(node).trim() }) : (node.children ?? []).forEach(walk));
  walk(tree);
  return headings;
}

/** An MDX page as the site reads it: its front matter and the headings of its body, or why it cannot be read. */
export interface ReadPage {
  readonly frontMatter: Record<string, unknown>;
  readonly headings: ReadonlyArray<{ readonly depth: number; readonly text: string }>;
  readonly problems: readonly string[];
}

/**
 * Reads an MDX page as the site's build does: Docusaurus's front matter parser, then MDX's compiler
 * with GFM and directives. `problems` is empty when both succeed.
 *
 * @example
 * ```ts
 * const page = await readMdxPage('docs/demo/index.mdx', '---\ntitle: "Demo"\n---\n\n# Demo\n');
 * page.frontMatter.title; // 'Demo'
 * page.headings; // [{ depth: 1, text: 'Demo' }]
 * ```
 */
export async function readMdxPage(file: string, text: string): Promise<ReadPage> {
  let frontMatter: Record<string, unknown> = {};
  let body = text;
  try {
    const parsed = await DEFAULT_PARSE_FRONT_MATTER({ filePath: file, fileContent: text });
    frontMatter = parsed.frontMatter;
    body = parsed.content;
  } catch (error) {
    return { frontMatter, headings: [], problems: [`${file}: front matter: ${messageOf(error)}`] };
  }
  try {
    // As MDX whatever the extension: the site's markdown.format is Docusaurus's default, 'mdx', under
    // which a .md page is MDX too (left to guess from the path, MDX would read a .md as plain Markdown).
    await compile({ path: file, value: body }, { format: 'mdx', remarkPlugins: [remarkGfm, remarkDirective] });
  } catch (error) {
    return { frontMatter, headings: [], problems: [`${file}: MDX: ${messageOf(error)}`] };
  }
  return { frontMatter, headings: headingTexts(body), problems: [] };
}

/**
 * The problems of a generated file, by its extension: TypeScript, JSON or MDX. Empty when the tool
 * that reads it would read it.
 *
 * @example
 * ```ts
 * await generatedFileProblems('examples/claims/comparisons/demo.json', '{"slug": "demo"}'); // []
 * ```
 */
export async function generatedFileProblems(file: string, text: string): Promise<string[]> {
  if (file.endsWith('.ts')) return typeScriptProblems(file, text);
  if (file.endsWith('.mdx')) return [...(await readMdxPage(file, text)).problems];
  if (file.endsWith('.json')) {
    try {
      JSON.parse(text);
      return [];
    } catch (error) {
      return [`${file}: ${messageOf(error)}`];
    }
  }
  return [`${file}: no check for this kind of file`];
}
