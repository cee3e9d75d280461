import { readFileSync } from 'node:fs';
import type { KnipConfig } from 'knip';
import docusaurusConfig from './docusaurus.config.ts';

/**
 * Knip checks package.json against the imports (npm run lint): a package the code imports but
 * package.json does not declare (it works only while another package happens to bring it), and a
 * declared package nothing uses, both fail.
 *
 * Only dependencies: unused files and exports are left out. The lab's modules are the entry points
 * of the generated API reference, so their exports are its public API whether or not another module
 * imports them (knip counts some sixty), and the only two files it reported as unused are reached by
 * path (listed below as entries, after which `knip --include files` finds none).
 *
 * Knip's own Docusaurus plugin is off: it calls every function in `plugins` without the load context
 * Docusaurus passes, so it cannot load this config (ours read `context.siteConfig`). Its work is done
 * here instead: the entry points Docusaurus finds by convention, the packages the config names, and the
 * module aliases Docusaurus provides.
 */

type ConfigItem = string | false | null | undefined | [string, unknown] | ((...args: never[]) => unknown);

/** The package Docusaurus loads for a name in `presets`, `themes` or `plugins`: `classic` is `@docusaurus/preset-classic`. */
function packageNamed(name: string, type: 'preset' | 'theme' | 'plugin'): string {
  return name.includes('/') || name.startsWith('docusaurus-') ? name : `@docusaurus/${type}-${name}`;
}

function namedPackages(items: readonly unknown[] | undefined, type: 'preset' | 'theme' | 'plugin'): string[] {
  return ((items ?? []) as ConfigItem[]).flatMap((item) => {
    const name = Array.isArray(item) ? item[0] : item;
    // Local plugins are imported (or given as paths), so knip follows them like any other module.
    return typeof name === 'string' && !name.startsWith('.') ? [packageNamed(name, type)] : [];
  });
}

// What the config names in presets, themes and plugins, which Docusaurus loads and nothing imports;
// a package the config also imports (for the types of its options) knip sees by itself.
const configImports = new Set([...readFileSync('docusaurus.config.ts', 'utf8').matchAll(/^import .* from '([^'.][^']*)';$/gm)].map((match) => match[1]));
const loadedByName = [
  ...namedPackages(docusaurusConfig.presets, 'preset'),
  ...namedPackages(docusaurusConfig.themes, 'theme'),
  ...namedPackages(docusaurusConfig.plugins, 'plugin'),
].filter((name) => !configImports.has(name));

// The client API and theme components are aliases the Docusaurus bundler resolves, not packages.
const docusaurusAliases = [
  /^@theme(-original|-init)?\//,
  /^@generated\//,
  /^@docusaurus\/(BrowserOnly|ComponentCreator|constants|ExecutionEnvironment|Head|Interpolate|isInternalUrl|Link|Noop|renderRoutes|router|Translate|useBaseUrl|useBrokenLinks|useDocusaurusContext|useGlobalData|useIsBrowser|useIsomorphicLayoutEffect|useRouteContext)$/,
];

const config: KnipConfig = {
  include: ['dependencies', 'devDependencies', 'optionalPeerDependencies', 'unlisted', 'binaries', 'unresolved'],
  docusaurus: false,
  entry: [
    // What Docusaurus loads by convention or from its config.
    'docusaurus.config.ts',
    'sidebars.ts',
    'plugins/*/index.ts',
    'src/theme/**/*.{ts,tsx}',
    'src/pages/**/*.{ts,tsx}',
    'src/client/*.ts',
    'src/workers/*.ts',
    'docs/**/*.mdx',
    // Put in place of Docusaurus's own module by path (plugins/code-highlighting).
    'src/code-highlighting/empty-client-module.ts',
    // Found at run time by examples/experiments.ts, one per claim folder.
    'examples/*/experiment.ts',
    // Imported by path from the test suites this experiment writes (knip follows `new URL('./x.ts', import.meta.url)` itself).
    'examples/micro-less-production-time/cart-variants.ts',
    // Commands (package.json scripts run them with tsx) and the browser tests.
    'examples/lab/cli/*.ts',
    'scripts/*.ts',
    'e2e/**/*.ts',
  ],
  project: ['**/*.{ts,tsx,mjs,mdx}', '!docs/api/**'],
  ignoreDependencies: [
    ...loadedByName,
    // docusaurus-plugin-typedoc's peers, which it loads (`npm run typedoc` too): knip credits the peers
    // of a package it sees used, and it sees that one only by name.
    'typedoc',
    'typedoc-plugin-markdown',
    ...docusaurusAliases,
    // The types of the aliases above, which tsconfig's `types` does not name: the docs plugin's
    // declarations reference them, and the template declares them for that.
    '@docusaurus/module-type-aliases',
  ],
};

export default config;
