import type { LoadContext, Plugin } from '@docusaurus/types';
import { evidenceFileProblems, evidenceJsonSchema } from '../../examples/lab/experiment/evidence-schema.ts';
import type { SiteFile } from '../emit-files/index.ts';
import { checkedJsonFiles, checkedJsonFolderPlugin, schemaUrl, type CheckedJsonFolder } from '../checked-json-folder/index.ts';

/** The evidence folder as the site serves it: every file checked against examples/lab/experiment/evidence-schema.ts. */
const evidenceFolder: CheckedJsonFolder = {
  source: 'evidence',
  served: 'evidence',
  described: 'the evidence files (the format is examples/lab/experiment/evidence-schema.ts)',
  problemsOf: evidenceFileProblems,
  jsonSchema: evidenceJsonSchema,
};

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
  return checkedJsonFiles(evidenceFolder, siteDir, schemaUrl);
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
  return schemaUrl(evidenceFolder.served, siteConfig);
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
  return checkedJsonFolderPlugin('evidence-files', evidenceFolder, context);
}
