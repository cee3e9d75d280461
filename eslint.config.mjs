import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** @see https://typescript-eslint.io/getting-started */

// Modules a Web Worker or the page may load: the domain, the shapes, the memory transport and the
// report functions. They must not reach Node built-ins (see the design's browser-safe boundary).
const browserSafe = [
  'examples/checkout/**/*.ts',
  'examples/claims/registry.ts',
  // The lab's browser-safe folders (examples/lab/README.md); its other folders are Node-only.
  'examples/lab/{model,experiment,units,measure,faults,runtime,report}/**/*.ts',
  // The runner of `npm run lab -- run` and its table, which the page's worker runs too (RunYourSystem).
  'examples/lab/system-run/{run-system,report-table,browser-system-run,system-choices}.ts',
  'examples/browser-experiments.ts',
  'examples/*/{report,in-browser}.ts',
  'examples/nano-chaining/chain-measurement.ts',
  'examples/nano-clustered-app/fault-run.ts',
  'examples/nano-anti-pattern/overhead-measurement.ts',
  'examples/decision-guide/*.ts',
  'examples/claims/{key-figures,comparison-filter,verdict-summary}.ts',
  'examples/micro-third-party/{outage-run,flaky-payment-provider,memory-payment-stand-in,payment-adapter}.ts',
  'examples/micro-business-modules/{contract-run,memory-doors,boundary,versions}.ts',
  'src/**/*.{ts,tsx}',
  // What the theme's Mermaid shares with the build plugin: the page runs it too.
  'plugins/mermaid-svg/diagram-files.ts',
];

export default tseslint.config(
  // The stock Docusaurus site the build budget is measured against, kept as create-docusaurus wrote it.
  { ignores: ['build/', '.docusaurus/', 'docs/api/', 'node_modules/', 'scratch/', 'scripts/reference-site/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: browserSafe,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^node:', message: 'browser-safe module: keep Node built-ins in the Node-only modules (examples/lab/{network,processes,packaging,files,scaffold}/ ...)' }] },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'browser-safe module: process is Node-only' }, { name: 'Buffer', message: 'browser-safe module: Buffer is Node-only' }],
    },
  },
);
