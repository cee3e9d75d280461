import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { parseSystemFile, SystemFileError, systemJsonSchema } from '../../examples/lab/model/system-file.ts';
import { systemsDir } from '../../examples/lab/model/system-files.ts';
import { EmitFiles, type SiteFile } from '../emit-files/index.ts';

/** The JSON Schema of the system file format, served beside the reference systems. */
const schemaFile = 'schema.json';

/**
 * The files the site serves under `/systems/`: every reference system of `examples/systems/`, byte
 * for byte, and `schema.json`, the format as JSON Schema (with `schemaUrl` as its `$id`), for readers
 * who write their own. Throws, listing every problem of every file, when one is not a system the
 * lab can use.
 *
 * @example
 * ```ts
 * systemSiteFiles('.', 'https://granularity-lab.github.io/granularity-lab/systems/schema.json');
 * // [{ path: 'systems/alibaba-tree.json', text: ... }, ..., { path: 'systems/schema.json', text: ... }]
 * ```
 */
export function systemSiteFiles(siteDir: string, schemaUrl?: string): SiteFile[] {
  const folder = path.join(siteDir, systemsDir);
  const names = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.json')).sort() : [];
  const problems: string[] = [];
  const files = names.map((name) => {
    const text = readFileSync(path.join(folder, name), 'utf8');
    const file = `${systemsDir}/${name}`;
    if (name === schemaFile) problems.push(`${file}: the name is taken by the JSON Schema of the format`);
    else {
      try {
        parseSystemFile(text, file);
      } catch (error) {
        if (!(error instanceof SystemFileError)) throw error;
        problems.push(...error.problems.map((problem) => `${file}: ${problem}`));
      }
    }
    return { path: `systems/${name}`, text };
  });
  if (problems.length > 0) throw new Error(`${problems.length} problem${problems.length > 1 ? 's' : ''} in the system files (the format is examples/lab/model/system-file.ts):\n  ${problems.join('\n  ')}`);
  return [...files, { path: `systems/${schemaFile}`, text: `${JSON.stringify(systemJsonSchema(schemaUrl), null, 2)}\n` }];
}

/**
 * Serves the reference systems at `/systems/<name>.json` under the site's base URL, and the file
 * format as JSON Schema at `/systems/schema.json`, in `docusaurus build` and `docusaurus start`; the
 * build fails, before anything is bundled, when a system file is not one the lab can use.
 *
 * @example
 * ```ts
 * plugins: [systemFiles]
 * ```
 */
export default function systemFilesPlugin(context: LoadContext): Plugin {
  const { siteDir, siteConfig } = context;
  const folder = path.join(siteDir, systemsDir);
  const files = () => systemSiteFiles(siteDir, new URL(`${siteConfig.baseUrl}systems/${schemaFile}`, siteConfig.url).href);
  return {
    name: 'system-files',
    loadContent: () => void files(),
    configureWebpack: (_config, isServer) => (isServer ? {} : { plugins: [new EmitFiles('system-files', folder, files)] }),
    getPathsToWatch: () => [path.join(folder, '*.json')],
  };
}
