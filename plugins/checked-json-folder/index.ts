import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { EmitFiles, type SiteFile } from '../emit-files/index.ts';

/** The JSON Schema's name in a served folder, beside the files it describes. */
export const schemaFile = 'schema.json';

/** A folder of JSON files the site serves once each has been checked against its format. */
export interface CheckedJsonFolder {
  /** The folder, relative to the site's folder, as problems name its files: `evidence`, `examples/systems`. */
  readonly source: string;
  /** Where the site serves them, under its base URL: `evidence`, `systems`. */
  readonly served: string;
  /** What the format's name is in a refusal: "the evidence files (the format is …)". */
  readonly described: string;
  /** The problems of one file, each naming it (`<source>/<name>: …`); none when it matches. */
  readonly problemsOf: (text: string, file: string) => readonly string[];
  /** The format as JSON Schema, with `id` as its `$id`. */
  readonly jsonSchema: (id?: string) => Record<string, unknown>;
}

/**
 * The files the site serves for a checked folder: every `*.json` of it, byte for byte, and
 * `schema.json`, the format as JSON Schema (with `schemaUrl` as its `$id`). Throws, listing every
 * problem of every file, when one does not match the format or takes the schema's name.
 *
 * @example
 * ```ts
 * checkedJsonFiles(evidenceFolder, '.', 'https://granularity-lab.github.io/granularity-lab/evidence/schema.json');
 * // [{ path: 'evidence/micro-business-modules.json', text: … }, …, { path: 'evidence/schema.json', text: … }]
 * ```
 */
export function checkedJsonFiles(folder: CheckedJsonFolder, siteDir: string, schemaUrl?: string): SiteFile[] {
  const directory = path.join(siteDir, folder.source);
  const names = existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith('.json')).sort() : [];
  const files = names.map((name) => ({ name, file: `${folder.source}/${name}`, text: readFileSync(path.join(directory, name), 'utf8') }));
  const problems = files.flatMap(({ name, file, text }) => (name === schemaFile ? [`${file}: the name is taken by the JSON Schema of the format`] : folder.problemsOf(text, file)));
  if (problems.length > 0) throw new Error(`${problems.length} problem${problems.length > 1 ? 's' : ''} in ${folder.described}:\n  ${problems.join('\n  ')}`);
  return [...files.map(({ name, text }) => ({ path: `${folder.served}/${name}`, text })), { path: `${folder.served}/${schemaFile}`, text: `${JSON.stringify(folder.jsonSchema(schemaUrl), null, 2)}\n` }];
}

/**
 * The address a checked folder's JSON Schema is published at, under the site's base URL.
 *
 * @example
 * ```ts
 * schemaUrl('evidence', { url: 'https://granularity-lab.github.io', baseUrl: '/granularity-lab/' });
 * // 'https://granularity-lab.github.io/granularity-lab/evidence/schema.json'
 * ```
 */
export function schemaUrl(served: string, siteConfig: { readonly url: string; readonly baseUrl: string }): string {
  return new URL(`${siteConfig.baseUrl}${served}/${schemaFile}`, siteConfig.url).href;
}

/**
 * A Docusaurus plugin that serves a checked folder at `/<served>/<name>.json` under the site's base
 * URL, with the format's JSON Schema at `/<served>/schema.json`, in `docusaurus build` and in
 * `docusaurus start`; the build fails, before anything is bundled, when a file does not match.
 *
 * @example
 * ```ts
 * export default (context: LoadContext) => checkedJsonFolderPlugin('evidence-files', evidenceFolder, context);
 * ```
 */
export function checkedJsonFolderPlugin(name: string, folder: CheckedJsonFolder, { siteDir, siteConfig }: LoadContext): Plugin {
  const directory = path.join(siteDir, folder.source);
  const files = () => checkedJsonFiles(folder, siteDir, schemaUrl(folder.served, siteConfig));
  return {
    name,
    // Checks every file before anything is bundled, so that the build stops at the first step.
    loadContent: () => void files(),
    // Read again for every compilation rather than taken from loadContent: `docusaurus start` keeps
    // its bundler configuration when the files change, and should serve them as they are now.
    configureWebpack: (_config, isServer) => (isServer ? {} : { plugins: [new EmitFiles(name, directory, files)] }),
    getPathsToWatch: () => [path.join(directory, '*.json')],
  };
}
