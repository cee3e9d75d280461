import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import type { PluginOptions as SearchOptions } from '@easyops-cn/docusaurus-search-local';
import { themes as prismThemes } from 'prism-react-renderer';
import claimFigures from './plugins/claim-figures';
import codeHighlighting from './plugins/code-highlighting';
import evidenceFiles from './plugins/evidence-files';
import mermaidSvg from './plugins/mermaid-svg';
import robots from './plugins/robots';
import systemFiles from './plugins/system-files';
import { withReadableTokens } from './src/prism-contrast';
import { repository, siteAddress } from './src/site-address';

// The GitHub Pages address of the repository unless SITE_URL or BASE_URL say otherwise (a custom
// domain): the build, the deploy workflow and the browser tests all read it from here.
const address = siteAddress(repository, process.env);

const config: Config = {
  title: 'Granularity Lab',
  tagline: 'Nanoservices vs microservices: every claim tested by code you can run',
  favicon: 'img/logo.svg',
  url: address.url,
  baseUrl: address.baseUrl,
  organizationName: address.owner,
  projectName: address.name,
  trailingSlash: false,

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: { mermaid: true, hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' } },
  // v4: opt into Docusaurus 4 behaviour now; faster: Rspack and SWC (about 14 s instead of 90 s cold here).
  future: {
    // Every v4 change except CSS cascade layers: for the browsers the build targets, the layers are
    // emulated with selector specificity that outranks src/css/custom.css, and the site's colours
    // (chosen for contrast) silently lost to Infima's defaults.
    v4: { removeLegacyPostBuildHeadAttribute: true, useCssCascadeLayers: false, siteStorageNamespacing: true, fasterByDefault: true, mdx1CompatDisabledByDefault: true },
    // Without the persistent cache: a cached client chunk can outlive an edit of the component that
    // server-rendered the page, and the built site then fails to hydrate (web-infra-dev/rspack#10599).
    // Every other `faster` option is on through v4.fasterByDefault.
    faster: { rspackPersistentCache: false },
  },
  i18n: { defaultLocale: 'en', locales: ['en'] },

  // Links prefetch their pages when the browser is idle, not all at once as the page loads.
  clientModules: ['./src/client/install-idle-prefetch.ts'],

  // Components read the repository URL from here, so that it is written once.
  customFields: { repository },

  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          // The API pages are generated from the lab's JSDoc: edit the source, not the page.
          editUrl: ({ docPath }) => (docPath.startsWith('api/') ? undefined : `${repository}/edit/main/docs/${docPath}`),
          // From git: CI checks out the full history, or every page would show the date of the last commit.
          showLastUpdateTime: true,
          // The guide sidebar is generated from the docs folders; the API reference has a sidebar of its own.
          async sidebarItemsGenerator({ defaultSidebarItemsGenerator, ...args }) {
            return defaultSidebarItemsGenerator({ ...args, docs: args.docs.filter((doc) => !doc.id.startsWith('api/')) });
          },
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],

  themes: [
    '@docusaurus/theme-mermaid',
    [
      '@easyops-cn/docusaurus-search-local',
      // A diagram's folded Mermaid source (src/theme/Mermaid) is markup, not text to find pages by.
      { hashed: true, indexBlog: false, docsRouteBasePath: '/docs', explicitSearchResultPath: true, ignoreCssSelectors: ['[data-figure="diagram"] details'] } satisfies SearchOptions,
    ],
  ],

  plugins: [
    // Code is highlighted on the server only (see the plugin), with the themes in `themeConfig.prism`.
    codeHighlighting,
    // The comparison page's key figures, worked out from the evidence when the site is built.
    claimFigures,
    // Every evidence file served at /evidence/<claim-id>.json with its JSON Schema; a malformed one fails the build.
    evidenceFiles,
    // Every reference system served at /systems/<name>.json with the file format's JSON Schema; a
    // system file the lab cannot use fails the build.
    systemFiles,
    // robots.txt naming the sitemap by its absolute URL (read by crawlers only at a host's root: see the plugin).
    robots,
    // Every Mermaid diagram drawn into SVG files (light and dark) when the site is built, in headless
    // Chromium (CHROMIUM_PATH), so no built page loads Mermaid; `npm start` draws them in the browser.
    mermaidSvg,
    [
      'docusaurus-plugin-typedoc',
      {
        // One module per file, named by its folder (`model/shapes`, `network/http-transport`), so the
        // sidebar groups the lab by role (examples/lab/README.md). The commands (cli/) and the entry
        // files of processes and bundles (*-main.ts) are run, not imported: they are left out.
        entryPoints: ['examples/lab/*/*.ts'],
        exclude: ['**/*.test.ts', '**/*-main.ts', 'examples/lab/cli/**'],
        // Only the examples: the site's own config imports the sidebar this run generates.
        tsconfig: './tsconfig.typedoc.json',
        disableGit: true,
        // Module names and source links relative to the lab folder: `model/shapes`, not `examples/lab/model/shapes`.
        basePath: './examples/lab',
        sourceLinkTemplate: `${repository}/blob/main/examples/lab/{path}#L{line}`,
        name: 'Lab API',
        out: 'docs/api',
        readme: 'none',
        excludePrivate: true,
        excludeInternal: true,
        sidebar: { pretty: true },
        // One page per module, as Hono documents its API: a module's functions and types together,
        // thirty pages instead of one per symbol. Properties and parameters as tables, and no h1
        // (the title comes from the file name), so that no heading takes the anchor TypeDoc links to.
        outputFileStrategy: 'modules',
        hidePageTitle: true,
        interfacePropertiesFormat: 'table',
        parametersFormat: 'table',
        // The lab's JSDoc links across modules; a broken one should fail like a broken page link.
        treatValidationWarningsAsErrors: true,
        validation: { notExported: false, invalidLink: true, notDocumented: false },
      },
    ],
  ],

  themeConfig: {
    // The picture a shared link shows: drawn by npm run social-card (scripts/social-card.html), 1200 × 630.
    image: 'img/social-card.png',
    colorMode: { respectPrefersColorScheme: true },
    docs: { sidebar: { hideable: true } },
    navbar: {
      title: 'Granularity Lab',
      logo: { alt: 'Granularity Lab logo', src: 'img/logo.svg' },
      items: [
        { to: '/docs/comparison', position: 'left', label: 'Comparison' },
        { to: '/docs/decision-guide', position: 'left', label: 'Decision guide' },
        { type: 'docSidebar', sidebarId: 'guide', position: 'left', label: 'Claims' },
        { type: 'docSidebar', sidebarId: 'api', position: 'left', label: 'Lab API' },
        { href: repository, label: 'GitHub', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        { title: 'Read', items: [{ label: 'The comparison at a glance', to: '/docs/comparison' }, { label: 'Decision guide', to: '/docs/decision-guide' }, { label: 'How this site works', to: '/docs/intro' }] },
        { title: 'Run', items: [{ label: 'Run an experiment in your browser', to: '/docs/nanoservices/chaining#run-it-in-your-browser' }, { label: 'Lab API', to: '/docs/api' }, { label: 'Source and experiments', href: repository }] },
        { title: 'Contribute', items: [{ label: 'Add a comparison or a claim', to: '/docs/contribute' }] },
      ],
      // The footer states the terms, so that a reader who copies a snippet or a figure knows them.
      copyright: `Granularity Lab. Figures come from runs of the code in this repository, stamped with the machine that produced them. Code under the <a href="${repository}/blob/main/LICENSE">MIT licence</a>; text, figures and evidence under <a href="${repository}/blob/main/LICENSE-CONTENT">CC BY 4.0</a>.`,
    },
    prism: { theme: withReadableTokens(prismThemes.github), darkTheme: withReadableTokens(prismThemes.dracula), additionalLanguages: ['bash', 'json', 'docker'] },
    mermaid: { theme: { light: 'neutral', dark: 'dark' } },
  } satisfies Preset.ThemeConfig,
};

export default config;
