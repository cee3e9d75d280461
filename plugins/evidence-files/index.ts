import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { evidenceFileProblems, evidenceJsonSchema } from '../../examples/lab/evidence-schema.ts';
import { EmitFiles, type SiteFile } from '../emit-files/index.ts';

/** The JSON Schema of the format, served beside the evidence files. */
const schemaFile = 'schema.json';

/**
 * The files the site serves under `/evidence/`: every `evidence/<claim-id>.json` of the site's
 * folder, byte for byte as committed, and `schema.json`, the format as JSON Schema (with
 * `schemaUrl` as its `$id`). Throws, listing every problem of every file (the file, the field and
 * what is wrong), when one does not match the format.
 *
 * @example
 * ```ts
 * evidenceSiteFiles('.', 'https://granularity-lab.github.io/granularity-lab/evidence/schema.json');
 * // [{ path: 'evidence/micro-business-modules.json', text: '{\n  "claim": ...' }, ..., { path: 'evidence/schema.json', text: ... }]
 * ```
 */
export function evidenceSiteFiles(siteDir: string, schemaUrl?: string): SiteFile[] {
  const folder = path.join(siteDir, 'evidence');
  const names = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.json')).sort() : [];
  const files = names.map((name) => ({ path: `evidence/${name}`, text: readFileSync(path.join(folder, name), 'utf8') }));
  const problems = files.flatMap((file) =>
    path.basename(file.path) === schemaFile ? [`${file.path}: the name is taken by the JSON Schema of the format`] : evidenceFileProblems(file.text, file.path),
  );
  if (problems.length > 0) {
    throw new Error(`${problems.length} problem${problems.length > 1 ? 's' : ''} in the evidence files (the format is examples/lab/evidence-schema.ts):\n  ${problems.join('\n  ')}`);
  }
  return [...files, { path: `evidence/${schemaFile}`, text: `${JSON.stringify(evidenceJsonSchema(schemaUrl), null, 2)}\n` }];
}

/**
 * The address the JSON Schema is published at: `/evidence/schema.json` under the site's base URL.
 *
 * @example
 * ```ts
 * evidenceSchemaUrl({ url: 'https://granularity-lab.github.io', baseUrl: '/granularity-lab/' });
 * // 'https://granularity-lab.github.io/granularity-lab/evidence/schema.json'
 * ```
 */
export function evidenceSchemaUrl(siteConfig: { readonly url: string; readonly baseUrl: string }): string {
  return new URL(`${siteConfig.baseUrl}evidence/${schemaFile}`, siteConfig.url).href;
}

/**
 * Serves every evidence file at `/evidence/<claim-id>.json` under the site's base URL, and the
 * format as JSON Schema at `/evidence/schema.json`, in `docusaurus build` and in `docusaurus start`.
 * The build fails, before anything is bundled, when a file does not match the format.
 *
 * @example
 * ```ts
 * plugins: [evidenceFiles]
 * ```
 */
export default function evidenceFilesPlugin(context: LoadContext): Plugin {
  const { siteDir, siteConfig } = context;
  const folder = path.join(siteDir, 'evidence');
  const files = () => evidenceSiteFiles(siteDir, evidenceSchemaUrl(siteConfig));
  return {
    name: 'evidence-files',
    // Checks every file before anything is bundled, so that the build stops at the first step.
    loadContent: () => void files(),
    // Read again for every compilation rather than taken from loadContent: `docusaurus start` keeps
    // its bundler configuration when the files change, and should serve them as they are now.
    configureWebpack: (_config, isServer) => (isServer ? {} : { plugins: [new EmitFiles('evidence-files', folder, files)] }),
    getPathsToWatch: () => [path.join(folder, '*.json')],
  };
}
