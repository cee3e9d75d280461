// zod's namespace, as its documentation imports it: Docusaurus loads the plugin that imports this
// module through jiti with interopDefault, which hands `import { z }` zod's default export and loses `z`.
import * as z from 'zod';
import { verdicts } from './verdict.ts';

// The one definition of the evidence format: the writer (`npm run evidence`) checks a file against
// it before writing it, the build (plugins/evidence-files) refuses a file that does not match it, and
// the site publishes it as JSON Schema (/evidence/schema.json). The types the code uses are inferred
// from it (evidence.ts re-exports them with `export type`, which esbuild drops, so an experiment's
// bundle, and its source hash, never includes this module). Node code only: a page imports these types with `import type`, never this module, so
// that no page loads zod (e2e/load-cost.test.ts checks it). The descriptions go into the JSON Schema,
// for the readers who take the files away.

/** Any JSON value: what JSON.parse can return, so no NaN, Infinity or undefined. */
const JsonValue = z.json();

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits');

/** Which machine, runtime, code and moment produced a set of figures. */
export const EvidenceStampSchema = z
  .strictObject({
    cpuModel: z.string().min(1).describe('The first CPU\'s model as the OS reports it, or "unknown" when it reports none.'),
    cores: z.int().nonnegative().describe('Logical cores (some containers report none).'),
    memoryGiB: z.int().nonnegative().describe('Memory of the machine, rounded to GiB.'),
    platform: z.string().min(1).describe('Operating system, release and architecture, e.g. "Linux 6.8.0 x64".'),
    node: z.string().regex(/^v\d+\.\d+\.\d+/, 'a Node version as process.version gives it, e.g. v20.20.2').describe('The Node version that ran the experiment.'),
    date: z.iso.datetime().describe('When the run ended, in UTC.'),
    commit: z.string().regex(/^(?:[0-9a-f]{40}(?:[0-9a-f]{24})?|none)$/, 'a full commit hash, or none').describe('The commit checked out during the run, or "none" outside a git checkout.'),
    dirty: z.boolean().describe('True when the working tree had uncommitted changes: the source hash is what identifies the code.'),
    sourceHash: sha256.describe('SHA-256 over the paths and contents of sourceFiles and the names and versions of packages.'),
    sourceFiles: z.array(z.string().min(1)).readonly().describe('The repository files the experiment runs, relative to the repository root: its imports and the files it starts by path, with theirs.'),
    packages: z.record(z.string().min(1), z.string().min(1)).readonly().describe('Each package those files import or start, with the version package-lock.json gave it.'),
    contentHash: sha256.describe('SHA-256 over params, verdict and result as JSON with sorted keys: a figure changed after the run no longer matches it.'),
    durationSeconds: z.number().nonnegative().describe('How long the run took.'),
    servers: z
      .array(z.strictObject({ role: z.enum(['postgres', 'broker']), kind: z.enum(['server', 'embedded']), version: z.string().min(1), purpose: z.literal('comparison').optional() }).readonly())
      .readonly()
      .optional()
      .describe('The PostgreSQL and broker the run used, when it used any: a server, or an embedded stand-in (PGlite, the lab\'s broker), with its version; purpose "comparison" marks one measured only beside the one the figures come from.'),
  })
  .readonly()
  .describe('Which machine, runtime, code and moment produced the figures.');

/** What `npm run evidence` writes for one claim and what the site reads at build time. */
export const EvidenceSchema = z
  .strictObject({
    claim: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a claim id is kebab-case, e.g. nano-chaining').describe('The claim\'s id, which is also the file\'s name.'),
    title: z.string().min(1).describe('The experiment\'s title.'),
    params: z.record(z.string(), JsonValue).readonly().describe('The parameters of the run: the experiment\'s defaults.'),
    verdict: z
      .strictObject({ verdict: z.enum(verdicts), because: z.string().min(1), rule: z.string().min(1).describe('The step of the verdict rule (verdict-rule.ts) that decided it.') })
      .readonly()
      .describe('The verdict these figures support, why, and the step of the one verdict rule that decided it.'),
    stamp: EvidenceStampSchema,
    result: JsonValue.describe('The experiment\'s own result: its shape is the experiment\'s, so the format only says it is JSON.'),
  })
  .readonly();

/** Which machine, runtime, code and moment produced a set of figures. */
export type EvidenceStamp = z.infer<typeof EvidenceStampSchema>;

/** What `npm run evidence` writes for one claim and what the site reads at build time; `Result` is the experiment's result. */
export type Evidence<Result = unknown> = Omit<z.infer<typeof EvidenceSchema>, 'result'> & { readonly result: Result };


/**
 * The evidence format as JSON Schema (draft 2020-12), for readers who take the files away; `id` is
 * the address it is published at.
 *
 * @example
 * ```ts
 * evidenceJsonSchema('https://granularity-lab.github.io/granularity-lab/evidence/schema.json').$id;
 * ```
 */
export function evidenceJsonSchema(id?: string): Record<string, unknown> {
  const schema = z.toJSONSchema(EvidenceSchema, {
    // JSON Schema's readOnly says that a server owns the value, not that the type is immutable,
    // which is all that `.readonly()` means here.
    override: ({ jsonSchema }) => {
      delete jsonSchema.readOnly;
    },
  });
  const { $schema, ...rest } = schema;
  return {
    $schema,
    ...(id ? { $id: id } : {}),
    title: 'Granularity Lab evidence file',
    description: 'One claim\'s figures from a full run of its experiment, stamped with the machine, the runtime, the date and a hash of the source that produced them.',
    ...rest,
  };
}

/** Where a zod issue is: `stamp.sourceFiles[2]`, or `(the file)` for the top level. */
function fieldOf(issuePath: readonly PropertyKey[]): string {
  const field = issuePath.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`)).join('');
  return field || '(the file)';
}

/** What is wrong, in zod's words, except where zod's words say too little. */
function messageOf(issue: z.core.$ZodIssue): string {
  // z.json() is a union, whose issue says only "Invalid input"; after JSON.parse, any value present
  // is JSON, so the value is missing.
  return issue.code === 'invalid_union' ? 'Invalid input: expected any JSON value, received undefined' : issue.message;
}

function checkEvidenceText(text: string, file: string): { readonly evidence?: Evidence; readonly problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [`${file}: not JSON: ${(error as Error).message}`] };
  }
  const parsed = EvidenceSchema.safeParse(value);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => `${file}: ${fieldOf(issue.path)}: ${messageOf(issue)}`) };
  // The site links a claim's evidence by the claim's id: a file under another name would be a
  // dead link for one claim and wrong figures for another.
  // The file's name without its folder or `.json` (browser-safe: no node:path).
  const named = (file.split(/[\\/]/).at(-1) ?? file).replace(/\.json$/, '');
  if (parsed.data.claim !== named) return { problems: [`${file}: claim: "${parsed.data.claim}" is not the claim the file is named for ("${named}")`] };
  return { evidence: parsed.data, problems: [] };
}

/**
 * Everything wrong with the text of an evidence file, one line each naming the file, the field and
 * what is wrong; an empty list when it matches the format. `file` is its path, `evidence/<claim>.json`:
 * the claim it holds must be the one its name says.
 *
 * @example
 * ```ts
 * evidenceFileProblems('{"claim":"nano-chaining"}', 'evidence/nano-chaining.json');
 * // ['evidence/nano-chaining.json: title: Invalid input: expected string, received undefined', ...]
 * ```
 */
export function evidenceFileProblems(text: string, file: string): string[] {
  return checkEvidenceText(text, file).problems;
}

/** Thrown for evidence that does not match the format; its message lists every problem. */
export class EvidenceFormatError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`evidence that does not match the format of examples/lab/experiment/evidence-schema.ts:\n  ${problems.join('\n  ')}`);
    this.name = 'EvidenceFormatError';
  }
}

/**
 * The evidence an evidence file's text holds, or an `EvidenceFormatError` naming the file, each
 * field and what is wrong with it.
 *
 * @example
 * ```ts
 * parseEvidenceFile(readFileSync('evidence/nano-chaining.json', 'utf8'), 'evidence/nano-chaining.json').stamp.sourceHash;
 * ```
 */
export function parseEvidenceFile(text: string, file: string): Evidence {
  const { evidence, problems } = checkEvidenceText(text, file);
  if (!evidence) throw new EvidenceFormatError(problems);
  return evidence;
}
