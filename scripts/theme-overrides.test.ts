import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { installedUpstream, internalPackage, moduleImports, readOverrideHeader, readSourceFiles, themeFileKind, themeOverrideProblems, type InstalledUpstream, type SourceFile } from './theme-overrides.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const installed = installedUpstream(root);
// Every folder whose code may reach into a theme: the theme components, the code-highlighting
// modules they render, and the plugins that alias a theme's files.
const siteFiles = readSourceFiles(root, ['src', 'plugins']);

/** The installed packages, but with some at another version: what an update of Docusaurus looks like to the check. */
const updated = (versions: Readonly<Record<string, string>>): InstalledUpstream => ({ ...installed, version: (name) => versions[name] ?? installed.version(name) });

describe('the theme overrides of src/theme', () => {
  it('record, on every eject and every import of a theme internal, the installed version of its package', () => {
    expect(themeOverrideProblems(siteFiles, installed)).toEqual([]);
  });

  it('are read from the real files: the ejects, the wrappers and the helper are told apart', () => {
    const kinds = Object.fromEntries(siteFiles.filter((file) => file.path.startsWith('src/theme/')).map((file) => [file.path, themeFileKind(file, installed).kind]));
    expect(kinds).toMatchObject({
      'src/theme/CodeBlock/index.tsx': 'eject',
      'src/theme/DocSidebar/index.tsx': 'eject',
      'src/theme/Layout/index.tsx': 'wrapper',
      'src/theme/Navbar/MobileSidebar/index.tsx': 'wrapper',
      'src/theme/SearchPage/index.tsx': 'wrapper',
      'src/theme/main-landmark-context.ts': 'helper',
    });
    // The search plugin's SearchBar is the one the site gets, not the classic theme's.
    expect(['DocSidebar', 'Mermaid', 'SearchBar', 'main-landmark-context'].map((component) => installed.provider(component))).toEqual([
      '@docusaurus/theme-classic',
      '@docusaurus/theme-mermaid',
      '@easyops-cn/docusaurus-search-local',
      undefined,
    ]);
  });

  it('after an update of Docusaurus, names every file to compare with the new upstream, and what to compare', () => {
    const problems = themeOverrideProblems(siteFiles, updated({ '@docusaurus/theme-classic': '3.11.0', '@docusaurus/theme-common': '3.11.0' }));
    const files = [...new Set(problems.map((problem) => problem.split(':')[0]))].sort();
    expect(files).toEqual([
      'plugins/code-highlighting/index.ts',
      'src/code-highlighting/useCodeWordWrap.ts',
      'src/theme/CodeBlock/Content/String.tsx',
      'src/theme/CodeBlock/Content/index.tsx',
      'src/theme/CodeBlock/index.tsx',
      'src/theme/DocItem/Layout/index.tsx',
      'src/theme/DocSidebar/index.tsx',
      'src/theme/LastUpdated/index.tsx',
      'src/theme/Navbar/MobileSidebar/index.tsx',
    ]);
    expect(problems).toContain(
      'src/theme/DocSidebar/index.tsx: was taken from @docusaurus/theme-classic@3.10.2 src/theme/DocSidebar/index.tsx, but 3.11.0 is installed: compare it with that file in the new version, then record 3.11.0 in its header',
    );
    expect(problems).toContain(
      'src/theme/DocItem/Layout/index.tsx: imports lib/theme/DocItem/Layout/styles.module.css from the internals of @docusaurus/theme-classic@3.10.2, but 3.11.0 is installed: check that it still exists and does the same in the new version, then record 3.11.0 in its header',
    );
  });

  it('package.json pins every @docusaurus package to the one version that is installed, so that an update changes package.json and meets the check above', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const docusaurus = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([name]) => name.startsWith('@docusaurus/'));
    expect(docusaurus.length).toBeGreaterThan(5);
    const installedClassic = installed.version('@docusaurus/theme-classic');
    expect(docusaurus.filter(([name, range]) => range !== installedClassic || installed.version(name) !== installedClassic)).toEqual([]);
  });
});

describe('themeOverrideProblems', () => {
  // A small theme: theme-classic 3.10.2 provides Footer and CodeBlock, whose sources it ships.
  const upstream: InstalledUpstream = {
    version: (name) => ({ '@docusaurus/theme-classic': '3.10.2', '@docusaurus/theme-common': '3.10.2' })[name],
    provider: (component) => (['Footer', 'CodeBlock'].includes(component) ? '@docusaurus/theme-classic' : undefined),
    has: (name, file) => name === '@docusaurus/theme-classic' && ['src/theme/Footer/index.tsx', 'src/theme/CodeBlock/index.tsx'].includes(file),
  };
  const header = (...lines: string[]) => `/**\n${lines.map((line) => ` * ${line}\n`).join('')} */\n`;
  const file = (path: string, text: string): SourceFile => ({ path, text });
  const footerEject = header('@upstream @docusaurus/theme-classic@3.10.2 src/theme/Footer/index.tsx', '@reason The footer is drawn without the theme’s links.') + 'export default function Footer() {}\n';

  it('passes a wrapper, a recorded eject and a helper module', () => {
    expect(
      themeOverrideProblems(
        [
          file('src/theme/CodeBlock/index.tsx', "import CodeBlock from '@theme-original/CodeBlock';\nexport default CodeBlock;\n"),
          file('src/theme/Footer/index.tsx', footerEject),
          file('src/theme/footer-context.ts', 'export const x = 1;\n'),
        ],
        upstream,
      ),
    ).toEqual([]);
  });

  it('fails for an eject with no header, saying what to write', () => {
    expect(themeOverrideProblems([file('src/theme/Footer/index.tsx', 'export default function Footer() {}\n')], upstream)).toEqual([
      "src/theme/Footer/index.tsx: replaces @docusaurus/theme-classic's Footer without importing @theme-original/Footer; wrap it instead, or record where it was taken from in its header: @upstream @docusaurus/theme-classic@3.10.2 src/theme/Footer/index.tsx",
      "src/theme/Footer/index.tsx: replaces @docusaurus/theme-classic's Footer; say why a wrapper will not do in its header's @reason",
    ]);
  });

  it('fails for an eject recorded against another version, or from a file the package does not have', () => {
    expect(themeOverrideProblems([file('src/theme/Footer/index.tsx', footerEject.replace('3.10.2', '3.9.0'))], upstream)).toEqual([
      'src/theme/Footer/index.tsx: was taken from @docusaurus/theme-classic@3.9.0 src/theme/Footer/index.tsx, but 3.10.2 is installed: compare it with that file in the new version, then record 3.10.2 in its header',
    ]);
    expect(themeOverrideProblems([file('src/theme/Footer/index.tsx', footerEject.replace('Footer/index.tsx', 'Footer.tsx'))], upstream)).toEqual([
      'src/theme/Footer/index.tsx: its header names src/theme/Footer.tsx, which the installed @docusaurus/theme-classic does not contain: @upstream @docusaurus/theme-classic@3.10.2 src/theme/Footer/index.tsx',
    ]);
  });

  it('fails for an internal import the header does not record, or records without a reason, and for a record of an import that is gone', () => {
    const imports = "import { useCodeBlockContext, useNavbarMobileSidebar } from '@docusaurus/theme-common/internal';\nimport styles from '@docusaurus/theme-classic/lib/theme/Footer/styles.module.css';\n";
    expect(themeOverrideProblems([file('src/components/Menu.tsx', header('@internalApi @docusaurus/theme-common@3.10.2 useNavbarMobileSidebar') + imports)], upstream)).toEqual([
      'src/components/Menu.tsx: imports useCodeBlockContext from @docusaurus/theme-common/internal, which is not public API; use a public one, or record it in the header: @internalApi @docusaurus/theme-common@3.10.2 useCodeBlockContext: <why there is no public way>',
      'src/components/Menu.tsx: imports @docusaurus/theme-classic/lib/theme/Footer/styles.module.css, which is not public API; use a public one, or record it in the header: @internalApi @docusaurus/theme-classic@3.10.2 lib/theme/Footer/styles.module.css: <why there is no public way>',
      'src/components/Menu.tsx: its @internalApi line for @docusaurus/theme-common does not say why there is no public way (write "<names>: <why>")',
    ]);
    expect(themeOverrideProblems([file('src/components/Menu.tsx', header('@internalApi @docusaurus/theme-common@3.10.2 useNavbarMobileSidebar: no public hook') + "import { useThemeConfig } from '@docusaurus/theme-common';\n")], upstream)).toEqual([
      'src/components/Menu.tsx: its header records internals of @docusaurus/theme-common (useNavbarMobileSidebar: no public hook) that it no longer imports: remove the @internalApi line',
    ]);
  });

  it('fails for a component in src/theme that no known theme provides', () => {
    expect(themeOverrideProblems([file('src/theme/Fancy/index.tsx', 'export default function Fancy() {}\n')], upstream)).toEqual([
      'src/theme/Fancy/index.tsx: a component that none of @easyops-cn/docusaurus-search-local, @docusaurus/theme-mermaid, @docusaurus/theme-classic provides as Fancy: add its theme to themePackages in scripts/theme-overrides.ts, or move it out of src/theme',
    ]);
  });
});

describe('readOverrideHeader', () => {
  it('reads the tags of the leading comment, each running on to the next tag', () => {
    const text = [
      '/**',
      ' * @upstream @docusaurus/theme-classic@3.10.2 src/theme/DocSidebar/index.tsx',
      ' * @reason Two lines',
      ' * of reason.',
      ' * @internalApi @docusaurus/theme-common@3.10.2 useNavbarMobileSidebar: no',
      ' * public hook.',
      ' */',
      "import x from 'y';",
    ].join('\n');
    expect(readOverrideHeader(text)).toEqual({
      upstream: { packageName: '@docusaurus/theme-classic', version: '3.10.2', subject: 'src/theme/DocSidebar/index.tsx' },
      reason: 'Two lines of reason.',
      internalApis: [{ packageName: '@docusaurus/theme-common', version: '3.10.2', subject: 'useNavbarMobileSidebar: no public hook.' }],
    });
  });

  it('ignores a comment that is not at the start of the file', () => {
    expect(readOverrideHeader("import x from 'y';\n/**\n * @upstream a@1.0.0 b\n */\n")).toEqual({ upstream: undefined, reason: undefined, internalApis: [] });
  });
});

describe('moduleImports and internalPackage', () => {
  it('reads named, default, type, side-effect and dynamic imports, and re-exports', () => {
    const text = [
      "import styles from './a.module.css';",
      "import { type A, b as c,\n  d } from 'x';",
      "import type { E } from 'y';",
      "import './side.css';",
      "export { f } from 'z';",
      "const lazy = import('./lazy');",
      "require.resolve('@docusaurus/theme-classic/lib/prism-include-languages');",
    ].join('\n');
    expect(moduleImports(text)).toEqual([
      { specifier: './a.module.css', names: ['default'] },
      { specifier: 'x', names: ['A', 'b', 'd'] },
      { specifier: 'y', names: ['E'] },
      { specifier: 'z', names: ['f'] },
      { specifier: './side.css', names: [] },
      { specifier: './lazy', names: [] },
      { specifier: '@docusaurus/theme-classic/lib/prism-include-languages', names: [] },
    ]);
  });

  it('tells internals from public entry points', () => {
    expect(internalPackage('@docusaurus/theme-common/internal')).toBe('@docusaurus/theme-common');
    expect(internalPackage('@docusaurus/theme-classic/lib/theme/DocItem/Layout/styles.module.css')).toBe('@docusaurus/theme-classic');
    expect(internalPackage('@docusaurus/theme-common')).toBeUndefined();
    expect(internalPackage('@docusaurus/plugin-content-docs/client')).toBeUndefined();
    expect(internalPackage('@theme/CodeBlock/Line')).toBeUndefined();
  });
});
