/**
 * One page checked the way the site's build would fail on it, without building the site: its MDX
 * compiled by @mdx-js/mdx (the compiler Docusaurus uses), its front matter parsed, every import
 * resolved as Docusaurus's aliases resolve it, the names it imports from the lab's modules exported
 * there, and every component it uses imported. A few seconds instead of a one-minute build.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, createProcessor } from '@mdx-js/mdx';
import { DEFAULT_PARSE_FRONT_MATTER } from '@docusaurus/utils';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';

/** What a checked page holds, for the report: how many imports and components were found. */
export interface PageCheck {
  readonly problems: readonly string[];
  readonly imports: number;
  readonly components: number;
}

/** Components Docusaurus's MDX provides to every page without an import (theme MDXComponents). */
const providedComponents = new Set(['Head', 'Details']);

const extensions = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.json', '.md', '.mdx', '/index.ts', '/index.tsx', '/index.js'];
const isFile = (file: string) => existsSync(file) && statSync(file).isFile();
const withExtension = (base: string) => extensions.map((ext) => base + ext).find(isFile);

/** The folders that hold a theme component `@theme/X`: the site's own (swizzled) first, then the installed themes'. */
function themeFolders(root: string, original: boolean): string[] {
  const scoped = path.join(root, 'node_modules/@docusaurus');
  const installed = existsSync(scoped)
    ? readdirSync(scoped)
        .filter((name) => name.startsWith('theme-'))
        .map((name) => path.join(scoped, name, 'lib/theme'))
    : [];
  const search = path.join(root, 'node_modules/@easyops-cn/docusaurus-search-local/dist/client/client/theme');
  return [...(original ? [] : [path.join(root, 'src/theme')]), ...installed, search].filter((folder) => existsSync(folder));
}

/**
 * Where an import of a page resolves, as Docusaurus's bundler would: `@site/` is the repository,
 * a `loader!` prefix is stripped (the file itself must exist), `@theme/` and `@theme-original/` are
 * the theme components, `@docusaurus/X` the client API, a bare name a package of node_modules.
 * `@generated/` is made by the build, so it is taken as found. Undefined when nothing is there.
 *
 * @example
 * ```ts
 * resolvePageImport('@site/examples/nano-chaining/report', 'docs/nanoservices/chaining.mdx', root); // '<root>/examples/nano-chaining/report.ts'
 * resolvePageImport('!!raw-loader!@site/examples/nope.ts', 'docs/x.mdx', root); // undefined
 * ```
 */
export function resolvePageImport(specifier: string, fromFile: string, root: string): string | undefined {
  const loaderless = specifier.slice(specifier.lastIndexOf('!') + 1);
  const exact = loaderless !== specifier;
  const find = (base: string) => (exact ? (isFile(base) ? base : undefined) : withExtension(base));
  if (loaderless.startsWith('@generated/')) return loaderless;
  if (loaderless.startsWith('@site/')) return find(path.join(root, loaderless.slice('@site/'.length)));
  if (loaderless.startsWith('./') || loaderless.startsWith('../')) return find(path.resolve(path.dirname(path.resolve(root, fromFile)), loaderless));
  for (const prefix of ['@theme/', '@theme-original/']) {
    if (!loaderless.startsWith(prefix)) continue;
    const name = loaderless.slice(prefix.length);
    return themeFolders(root, prefix === '@theme-original/')
      .map((folder) => find(path.join(folder, name)))
      .find(Boolean);
  }
  const clientApi = /^@docusaurus\/([A-Za-z]+)$/.exec(loaderless);
  if (clientApi) {
    const exported = path.join(root, 'node_modules/@docusaurus/core/lib/client/exports', `${clientApi[1]}.js`);
    if (isFile(exported)) return exported;
  }
  const parts = loaderless.split('/');
  const packageName = loaderless.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const packageFolder = path.join(root, 'node_modules', packageName ?? '');
  return existsSync(path.join(packageFolder, 'package.json')) ? packageFolder : undefined;
}

interface EsmNode {
  readonly type: string;
  readonly loc?: { readonly start: { readonly line: number } };
  readonly source?: { readonly value: string };
  readonly specifiers?: ReadonlyArray<{ readonly type: string; readonly imported?: { readonly name?: string; readonly value?: string }; readonly local: { readonly name: string } }>;
  readonly declaration?: { readonly type: string; readonly id?: { readonly name: string }; readonly declarations?: ReadonlyArray<{ readonly id: { readonly type: string; readonly name?: string } }> };
}
interface MdastNode {
  readonly type: string;
  readonly name?: string | null;
  readonly position?: { readonly start: { readonly line: number } };
  readonly data?: { readonly estree?: { readonly body: readonly EsmNode[] } };
  readonly children?: readonly MdastNode[];
}

/**
 * The page's text as @mdx-js/mdx should see it: the front matter (which Docusaurus reads itself)
 * and the `{#id}` heading ids (which Docusaurus strips before compiling) blanked, so that line
 * numbers stay those of the file.
 */
function asPlainMdx(text: string): { readonly mdx: string; readonly frontMatter: string | undefined } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const frontMatter = match?.[1];
  const body = match ? '\n'.repeat(match[0].split('\n').length - 1) + text.slice(match[0].length) : text;
  return { mdx: body.replace(/^(#{1,6} .*?)\s*\{#[\w-]+\}\s*$/gm, '$1'), frontMatter };
}

/** The syntax the site's MDX reads beyond CommonMark: tables and the like (GFM), and admonitions (directives). */
const mdxPlugins = [remarkGfm, remarkDirective];

function walk(node: MdastNode, visit: (node: MdastNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/**
 * Checks one page as the build would: front matter, MDX syntax, imports, the names imported from
 * the lab's TypeScript modules and the JSON they import, and the components it uses. Each problem
 * names the file and line and what to do.
 *
 * @example
 * ```ts
 * const { problems } = await checkPage('docs/modular-monolith/in-process-calls.mdx', root); // []
 * ```
 */
export async function checkPage(file: string, root: string): Promise<PageCheck> {
  const text = readFileSync(path.join(root, file), 'utf8');
  const problems: string[] = [];
  const { mdx, frontMatter } = asPlainMdx(text);
  if (frontMatter !== undefined) {
    try {
      // Docusaurus's own front matter parser, as the build (and the scaffolders' checks) read it.
      await DEFAULT_PARSE_FRONT_MATTER({ filePath: file, fileContent: text });
    } catch (error) {
      problems.push(`${file}: its front matter is not valid YAML (${(error as Error).message.split('\n')[0]}): quote a title that holds a colon`);
    }
  }
  try {
    await compile(mdx, { format: 'mdx', remarkPlugins: mdxPlugins });
  } catch (error) {
    const message = error as { line?: number; column?: number; reason?: string; message: string };
    const where = message.line ? `${file}:${message.line}:${message.column ?? 1}` : file;
    return { problems: [...problems, `${where}: MDX cannot compile it: ${message.reason ?? message.message} (an unescaped { or < in prose starts an expression or a tag: write \\{ or \\<)`], imports: 0, components: 0 };
  }

  const tree = createProcessor({ format: 'mdx', remarkPlugins: mdxPlugins }).parse(mdx) as unknown as MdastNode;
  const bound = new Set<string>();
  const imports: Array<{ source: string; line: number; names: string[]; hasDefault: boolean }> = [];
  const used = new Map<string, number>();
  walk(tree, (node) => {
    if (node.type === 'mdxjsEsm') {
      for (const statement of node.data?.estree?.body ?? []) {
        const line = statement.loc?.start.line ?? node.position?.start.line ?? 0;
        if (statement.type === 'ImportDeclaration' && statement.source) {
          for (const specifier of statement.specifiers ?? []) bound.add(specifier.local.name);
          const names = (statement.specifiers ?? []).filter((s) => s.type === 'ImportSpecifier').map((s) => s.imported?.name ?? s.imported?.value ?? s.local.name);
          imports.push({ source: statement.source.value, line, names, hasDefault: (statement.specifiers ?? []).some((s) => s.type === 'ImportDefaultSpecifier') });
        } else if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
          const declared = statement.declaration.id ? [statement.declaration.id] : (statement.declaration.declarations ?? []).map((d) => d.id);
          for (const id of declared) if (id.name) bound.add(id.name);
        }
      }
    } else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name) {
      const base = node.name.split('.')[0] as string;
      // Lower-case names are HTML elements; a capital or a member expression is a component.
      if ((/^[A-Z]/.test(base) || node.name.includes('.')) && !used.has(base)) used.set(base, node.position?.start.line ?? 0);
    }
  });

  for (const { source, line, names, hasDefault } of imports) {
    const resolved = resolvePageImport(source, file, root);
    if (!resolved) {
      problems.push(`${file}:${line}: the import '${source}' resolves to no file${source.includes('@site/evidence/') ? ' (write it with npm run evidence)' : ''}`);
      continue;
    }
    const relative = path.relative(root, resolved);
    if (source.includes('!')) continue;
    if (resolved.endsWith('.json') && relative.startsWith('evidence/')) {
      try {
        JSON.parse(readFileSync(resolved, 'utf8'));
      } catch {
        problems.push(`${file}:${line}: ${relative} is not valid JSON: write it again with npm run evidence`);
      }
    } else if (relative.startsWith(`examples${path.sep}`) && resolved.endsWith('.ts') && (names.length > 0 || hasDefault)) {
      // The lab's modules run in Node as well as in the page: import one and look for the names.
      const module = (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
      for (const name of names) if (!(name in module)) problems.push(`${file}:${line}: ${relative} exports no \`${name}\`${Object.keys(module).length ? ` (it exports ${Object.keys(module).sort().join(', ')})` : ''}`);
      if (hasDefault && !('default' in module)) problems.push(`${file}:${line}: ${relative} has no default export: import its names in braces`);
    }
  }
  for (const [component, line] of used) {
    if (!bound.has(component) && !providedComponents.has(component)) problems.push(`${file}:${line}: <${component}> is used but not imported: add its import (the scaffolded page's comment lists them)`);
  }
  return { problems, imports: imports.length, components: used.size };
}
