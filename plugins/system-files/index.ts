import type { LoadContext, Plugin } from '@docusaurus/types';
import { parseSystemFile, SystemFileError, systemJsonSchema } from '../../examples/lab/model/system-file.ts';
import { systemsDir } from '../../examples/lab/files/system-files.ts';
import type { SiteFile } from '../emit-files/index.ts';
import { checkedJsonFiles, checkedJsonFolderPlugin, type CheckedJsonFolder } from '../checked-json-folder/index.ts';

/** The problems of one system file, each naming it: none when the lab can use it. */
function systemFileProblems(text: string, file: string): string[] {
  try {
    parseSystemFile(text, file);
    return [];
  } catch (error) {
    if (!(error instanceof SystemFileError)) throw error;
    return error.problems.map((problem) => `${file}: ${problem}`);
  }
}

/** The reference systems as the site serves them: every file checked as the lab checks it. */
const systemsFolder: CheckedJsonFolder = {
  source: systemsDir,
  served: 'systems',
  described: 'the system files (the format is examples/lab/model/system-file.ts)',
  problemsOf: systemFileProblems,
  jsonSchema: systemJsonSchema,
};

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
  return checkedJsonFiles(systemsFolder, siteDir, schemaUrl);
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
  return checkedJsonFolderPlugin('system-files', systemsFolder, context);
}
