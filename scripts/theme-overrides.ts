import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The themes whose components `src/theme` may wrap or replace, and the folder of each package that
 * holds its components (what Docusaurus aliases as `@theme-original/…`). A file of `src/theme` that
 * none of them provides is a helper module, unless it has a default export: then it is a component
 * this check cannot place, and it says so, so that a new theme is added here rather than skipped.
 *
 * In the order Docusaurus gives them precedence: the themes of docusaurus.config.ts's `themes`, last
 * first, then the classic preset's. Two of them can provide one component (`SearchBar`: the classic
 * theme and the search plugin), and the first here is the one the site gets.
 */
export const themePackages: Readonly<Record<string, string>> = {
  '@easyops-cn/docusaurus-search-local': 'dist/client/client/theme',
  '@docusaurus/theme-mermaid': 'lib/theme',
  '@docusaurus/theme-classic': 'lib/theme',
};

/** A source file of the site, by its path from the repository's root (with `/` separators). */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** One `@upstream` or `@internalApi` line of a header: which package, at which version, and what of it. */
export interface UpstreamRecord {
  readonly packageName: string;
  readonly version: string;
  /** For `@upstream`, the upstream file (`src/theme/DocSidebar/index.tsx`); for `@internalApi`, what is imported and why. */
  readonly subject: string;
}

/**
 * The header comment of a file that depends on a theme's code rather than on its public API:
 *
 * ```ts
 * /**
 *  * @upstream @docusaurus/theme-classic@3.10.2 src/theme/DocSidebar/index.tsx
 *  * @reason Why the component is replaced instead of wrapped.
 *  * @internalApi @docusaurus/theme-common@3.10.2 useNavbarMobileSidebar: why there is no public way.
 *  *\/
 * ```
 *
 * `@upstream` is the file an eject was taken from, `@reason` why it exists, and each `@internalApi`
 * line one import from a package's internals (`/internal`, `lib/…`) that the file keeps.
 */
export interface OverrideHeader {
  readonly upstream: UpstreamRecord | undefined;
  readonly reason: string | undefined;
  readonly internalApis: readonly UpstreamRecord[];
}

/** What the installed packages hold, which the headers are compared with. */
export interface InstalledUpstream {
  /** The installed version of a package, or undefined when it is not installed. */
  version(packageName: string): string | undefined;
  /** The package of `themePackages` that provides a theme component (`DocSidebar`, `CodeBlock/Content`), if any. */
  provider(component: string): string | undefined;
  /** Whether an installed package contains a file (`src/theme/DocSidebar/index.tsx`). */
  has(packageName: string, file: string): boolean;
}

/** A file of `src/theme` as Docusaurus sees it: a wrapper of the theme's component, a replacement of it (an eject), or a helper module. */
export interface ThemeFileKind {
  /** The theme component the file stands for: `DocSidebar` for `src/theme/DocSidebar/index.tsx`. */
  readonly component: string;
  readonly kind: 'wrapper' | 'eject' | 'helper';
  /** The package whose component it wraps or replaces. */
  readonly provider: string | undefined;
}

/** One import of a module: its specifier and the names it takes (`default` for a default import). */
interface ModuleImport {
  readonly specifier: string;
  readonly names: readonly string[];
}

const recordPattern = /^((?:@[^/\s]+\/)?[^@\s]+)@(\S+)(?:\s+([\s\S]*))?$/;

/**
 * Reads the header comment of a file: the `/** … *\/` block it starts with, and in it the lines
 * `@upstream <package>@<version> <upstream file>`, `@reason <text>` and any number of
 * `@internalApi <package>@<version> <names or path>: <why>`. A tag's text runs on to the next tag.
 *
 * @example
 * ```ts
 * readOverrideHeader('/**\n * @upstream @docusaurus/theme-classic@3.10.2 src/theme/CodeBlock/index.tsx\n * @reason One render.\n *\/\n');
 * // { upstream: { packageName: '@docusaurus/theme-classic', version: '3.10.2', subject: 'src/theme/CodeBlock/index.tsx' }, reason: 'One render.', internalApis: [] }
 * ```
 */
export function readOverrideHeader(text: string): OverrideHeader {
  const comment = /^\s*\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
  const lines = comment.split('\n').map((line) => line.replace(/^\s*\*\s?/, '').trim());
  const tags: { name: string; text: string }[] = [];
  for (const line of lines) {
    const tag = /^@(\w+)\s*(.*)$/.exec(line);
    if (tag) tags.push({ name: tag[1] as string, text: tag[2] as string });
    else if (tags.length > 0 && line !== '') tags[tags.length - 1]!.text += ` ${line}`;
  }
  const record = (tagText: string): UpstreamRecord | undefined => {
    const match = recordPattern.exec(tagText.trim());
    return match ? { packageName: match[1] as string, version: match[2] as string, subject: (match[3] ?? '').trim() } : undefined;
  };
  return {
    upstream: record(tags.find((tag) => tag.name === 'upstream')?.text ?? ''),
    reason: tags.find((tag) => tag.name === 'reason')?.text.trim() || undefined,
    internalApis: tags.filter((tag) => tag.name === 'internalApi').flatMap((tag) => record(tag.text) ?? []),
  };
}

/**
 * Every module a file imports, re-exports, loads with `import()` or resolves with `require.resolve`,
 * with the names it takes. Written for the site's own code (one `import … from '…'` per statement),
 * not for every syntax TypeScript accepts.
 *
 * @example
 * ```ts
 * moduleImports("import styles from './a.module.css';\nimport { type A, b as c } from 'x';");
 * // [{ specifier: './a.module.css', names: ['default'] }, { specifier: 'x', names: ['A', 'b'] }]
 * ```
 */
export function moduleImports(text: string): ModuleImport[] {
  const imports: ModuleImport[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?([^;'"]*?)\s+from\s+['"]([^'"]+)['"]/gm)) {
    imports.push({ specifier: match[2] as string, names: importedNames(match[1] as string) });
  }
  for (const match of text.matchAll(/(?:^\s*import\s+|\bimport\(\s*|\brequire(?:\.resolve)?\(\s*)['"]([^'"]+)['"]/gm)) {
    imports.push({ specifier: match[1] as string, names: [] });
  }
  return imports;
}

function importedNames(clause: string): string[] {
  const names: string[] = [];
  const braces = /\{([\s\S]*)\}/.exec(clause);
  for (const part of braces?.[1]?.split(',') ?? []) {
    const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
    if (name) names.push(name);
  }
  const outside = clause.replace(/\{[\s\S]*\}/, '').replace(/,/g, ' ').trim();
  if (outside !== '' && !outside.startsWith('*')) names.unshift('default');
  if (outside.startsWith('*')) names.push('*');
  return names;
}

/**
 * The package whose internals an import reaches, or undefined for a public entry point. Internals
 * are `@docusaurus/theme-common/internal` (which its authors may change in any release) and any
 * path into a `@docusaurus/*` package's `lib/` or `src/` (a CSS module, a compiled file).
 *
 * @example
 * ```ts
 * internalPackage('@docusaurus/theme-common/internal'); // '@docusaurus/theme-common'
 * internalPackage('@docusaurus/theme-classic/lib/theme/DocItem/Layout/styles.module.css'); // '@docusaurus/theme-classic'
 * internalPackage('@docusaurus/theme-common'); // undefined
 * ```
 */
export function internalPackage(specifier: string): string | undefined {
  return /^(@docusaurus\/[^/]+)\/(?:internal$|lib\/|src\/)/.exec(specifier)?.[1];
}

/**
 * Whether a file of `src/theme` wraps the theme's component (imports `@theme-original/` of its own
 * name), replaces it (a theme provides that component, and the file does not import it), or is a
 * helper module that no theme provides.
 *
 * @example
 * ```ts
 * themeFileKind({ path: 'src/theme/Layout/index.tsx', text: "import Layout from '@theme-original/Layout';" }, installed);
 * // { component: 'Layout', kind: 'wrapper', provider: '@docusaurus/theme-classic' }
 * ```
 */
export function themeFileKind(file: SourceFile, upstream: InstalledUpstream): ThemeFileKind {
  const component = file.path
    .replace(/^src\/theme\//, '')
    .replace(/\.(t|j)sx?$/, '')
    .replace(/\/index$/, '');
  const provider = upstream.provider(component);
  const wraps = moduleImports(file.text).some((entry) => entry.specifier === `@theme-original/${component}`);
  return { component, provider, kind: wraps ? 'wrapper' : provider ? 'eject' : 'helper' };
}

/**
 * What is wrong between the site's source files and the installed theme packages, one sentence per
 * problem naming the file to fix or to re-check:
 *
 * - a file of `src/theme` that replaces a theme component (an eject) without a header recording
 *   `@upstream` (the package, version and file it was taken from, the package that provides it) and
 *   `@reason`;
 * - a file that imports a package's internals without an `@internalApi` line naming what it imports,
 *   or with a line naming an import it no longer has;
 * - any recorded version that is not the installed one: after an update of Docusaurus, every file
 *   to compare with its upstream, until its header records the new version;
 * - a default-exporting file of `src/theme` that no package of `themePackages` provides.
 *
 * @example
 * ```ts
 * themeOverrideProblems(readSourceFiles(root, ['src']), installedUpstream(root));
 * // [] while every header records the installed version, else e.g.
 * // ['src/theme/DocSidebar/index.tsx: was taken from @docusaurus/theme-classic@3.10.2 src/theme/DocSidebar/index.tsx, but 3.11.0 is installed: …']
 * ```
 */
export function themeOverrideProblems(files: readonly SourceFile[], upstream: InstalledUpstream): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const header = readOverrideHeader(file.text);
    if (file.path.startsWith('src/theme/')) problems.push(...ejectProblems(file, header, upstream));
    problems.push(...internalImportProblems(file, header, upstream));
    if (header.upstream) {
      const { packageName, version, subject } = header.upstream;
      problems.push(...versionProblems(file.path, header.upstream, upstream, `was taken from ${packageName}@${version} ${subject}`, `compare it with that file in the new version`));
    }
    for (const record of header.internalApis) {
      const imported = record.subject.split(':')[0]?.trim();
      problems.push(...versionProblems(file.path, record, upstream, `imports ${imported} from the internals of ${record.packageName}@${record.version}`, 'check that it still exists and does the same in the new version'));
    }
  }
  return problems;
}

function ejectProblems(file: SourceFile, header: OverrideHeader, upstream: InstalledUpstream): string[] {
  const { component, kind, provider } = themeFileKind(file, upstream);
  if (kind === 'helper') {
    return /^export default\b/m.test(file.text)
      ? [`${file.path}: a component that none of ${Object.keys(themePackages).join(', ')} provides as ${component}: add its theme to themePackages in scripts/theme-overrides.ts, or move it out of src/theme`]
      : [];
  }
  if (kind === 'wrapper' || !provider) return [];
  const installed = upstream.version(provider) ?? '<version>';
  const source = ['tsx', 'ts', 'jsx', 'js'].flatMap((extension) => [`src/theme/${component}.${extension}`, `src/theme/${component}/index.${extension}`]).find((candidate) => upstream.has(provider, candidate));
  const expected = `@upstream ${provider}@${installed} ${source ?? `<its file in ${provider}>`}`;
  const problems: string[] = [];
  if (!header.upstream) {
    problems.push(`${file.path}: replaces ${provider}'s ${component} without importing @theme-original/${component}; wrap it instead, or record where it was taken from in its header: ${expected}`);
  } else if (header.upstream.packageName !== provider) {
    problems.push(`${file.path}: its header says it was taken from ${header.upstream.packageName}, but ${provider} provides ${component}: ${expected}`);
  } else if (!upstream.has(provider, header.upstream.subject)) {
    problems.push(`${file.path}: its header names ${header.upstream.subject}, which the installed ${provider} does not contain: ${expected}`);
  }
  if (!header.reason || header.reason.length < 20) problems.push(`${file.path}: replaces ${provider}'s ${component}; say why a wrapper will not do in its header's @reason`);
  return problems;
}

function internalImportProblems(file: SourceFile, header: OverrideHeader, upstream: InstalledUpstream): string[] {
  const problems: string[] = [];
  const internal = moduleImports(file.text).flatMap((entry) => {
    const packageName = internalPackage(entry.specifier);
    return packageName ? [{ ...entry, packageName }] : [];
  });
  for (const entry of internal) {
    const records = header.internalApis.filter((record) => record.packageName === entry.packageName);
    // A path into `lib/` is recorded by the path; a name from `/internal` by the name.
    const subpath = entry.specifier.slice(entry.packageName.length + 1);
    const byName = subpath === 'internal' && entry.names.length > 0;
    const wanted = byName ? entry.names : [subpath];
    const mentioned = (name: string) => records.some((record) => new RegExp(`(^|[^\\w/.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w/.-])`).test(record.subject));
    const missing = wanted.filter((name) => !mentioned(name));
    if (missing.length > 0) {
      const installed = upstream.version(entry.packageName) ?? '<version>';
      const what = byName ? `${missing.join(', ')} from ${entry.specifier}` : entry.specifier;
      problems.push(`${file.path}: imports ${what}, which is not public API; use a public one, or record it in the header: @internalApi ${entry.packageName}@${installed} ${missing.join(', ')}: <why there is no public way>`);
    }
  }
  for (const record of header.internalApis) {
    if (!internal.some((entry) => entry.packageName === record.packageName)) problems.push(`${file.path}: its header records internals of ${record.packageName} (${record.subject}) that it no longer imports: remove the @internalApi line`);
    else if (!/:\s*\S/.test(record.subject)) problems.push(`${file.path}: its @internalApi line for ${record.packageName} does not say why there is no public way (write "<names>: <why>")`);
  }
  return problems;
}

function versionProblems(file: string, record: UpstreamRecord, upstream: InstalledUpstream, what: string, recheck: string): string[] {
  const installed = upstream.version(record.packageName);
  if (installed === undefined) return [`${file}: ${what}, but ${record.packageName} is not installed`];
  if (installed === record.version) return [];
  return [`${file}: ${what}, but ${installed} is installed: ${recheck}, then record ${installed} in its header`];
}

/**
 * The installed packages under a root's `node_modules`, for `themeOverrideProblems`.
 *
 * @example
 * ```ts
 * installedUpstream('/work/main').version('@docusaurus/theme-classic'); // '3.10.2'
 * installedUpstream('/work/main').provider('DocSidebar'); // '@docusaurus/theme-classic'
 * ```
 */
export function installedUpstream(root: string): InstalledUpstream {
  const packageDir = (packageName: string) => path.join(root, 'node_modules', packageName);
  return {
    version(packageName) {
      const manifest = path.join(packageDir(packageName), 'package.json');
      return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version : undefined;
    },
    provider(component) {
      return Object.entries(themePackages).find(([packageName, folder]) => {
        const base = path.join(packageDir(packageName), folder, component);
        return ['.js', '.jsx', '/index.js', '/index.jsx'].some((ending) => existsSync(base + ending));
      })?.[0];
    },
    has(packageName, file) {
      return file !== '' && existsSync(path.join(packageDir(packageName), file));
    },
  };
}

/**
 * The TypeScript and JavaScript files under some folders of a root, tests left out, by their paths
 * from the root.
 *
 * @example
 * ```ts
 * readSourceFiles('/work/main', ['src/theme']).map((file) => file.path); // ['src/theme/CodeBlock/Content/String.tsx', …]
 * ```
 */
export function readSourceFiles(root: string, folders: readonly string[]): SourceFile[] {
  return folders
    .flatMap((folder) => readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' }).map((file) => path.posix.join(folder, file.split(path.sep).join('/'))))
    .filter((file) => /\.(t|j)sx?$/.test(file) && !/\.test\.(t|j)sx?$/.test(file))
    .sort()
    .map((file) => ({ path: file, text: readFileSync(path.join(root, file), 'utf8') }));
}
