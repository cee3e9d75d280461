import { build, stop } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (three folders above this file). */
export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Where the evidence of a claim lives, relative to the repository root. */
export const evidenceFile = (claimId: string) => `evidence/${claimId}.json`;

// The evidence format is defined once, as a zod schema, in evidence-schema.ts; its types are
// re-exported here for the code that reads and writes evidence.
import type { Evidence, EvidenceStamp } from '../experiment/evidence-schema.ts';

export type { Evidence, EvidenceStamp };

/**
 * Every file of this repository that an experiment's code is built from (its imports, followed
 * transitively by esbuild), sorted. Tests and pages are not part of it; dependencies are not either.
 *
 * @example
 * ```ts
 * await experimentSourceFiles('nano-chaining'); // ['examples/checkout/catalogue.ts', ...]
 * ```
 */
export async function experimentSourceFiles(claimId: string, root: string = repoRoot): Promise<string[]> {
  const entry = path.join(root, 'examples', claimId, 'experiment.ts');
  if (!existsSync(entry)) throw new Error(`no experiment at examples/${claimId}/experiment.ts`);
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    absWorkingDir: root,
    logLevel: 'silent',
  }).finally(() => stop()); // esbuild's service is a child process: do not leave it running.
  // The process transport starts units from this file by path, so it belongs to the source too.
  const spawned = Object.keys(metafile.inputs).some((file) => file.endsWith('lab/network/process-transport.ts')) ? ['examples/lab/network/unit-process-main.ts'] : [];
  return [...new Set([...Object.keys(metafile.inputs), ...spawned])].sort();
}

/**
 * A SHA-256 over the paths and contents of the given files: it changes whenever any of them does.
 *
 * @example
 * ```ts
 * hashSourceFiles(['examples/lab/model/shapes.ts']); // '3f9a...'
 * ```
 */
export function hashSourceFiles(files: readonly string[], root: string = repoRoot): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/**
 * Stamps a run with the machine, the runtime, the date, the commit and the source hash.
 *
 * @example
 * ```ts
 * const stamp = await stampRun('nano-chaining', 93.4);
 * ```
 */
export async function stampRun(claimId: string, durationSeconds: number): Promise<EvidenceStamp> {
  const sourceFiles = await experimentSourceFiles(claimId);
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    commit: git('rev-parse', 'HEAD') || 'none',
    // The evidence folder itself is left out: a full run rewrites it file by file, and a file
    // written earlier in the run is not a change to the code.
    dirty: git('status', '--porcelain', '--', '.', ':(exclude)evidence') !== '',
    sourceHash: hashSourceFiles(sourceFiles),
    sourceFiles,
    durationSeconds: Math.round(durationSeconds * 10) / 10,
  };
}

/**
 * Reads a claim's evidence file, or returns undefined when there is none.
 *
 * @example
 * ```ts
 * readEvidence('nano-chaining')?.stamp.sourceHash;
 * ```
 */
export function readEvidence(claimId: string, root: string = repoRoot): Evidence | undefined {
  const file = path.join(root, evidenceFile(claimId));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Evidence) : undefined;
}

/**
 * Why a claim's evidence cannot be shown, or undefined when it matches today's source.
 *
 * @example
 * ```ts
 * await evidenceProblem('nano-chaining'); // 'evidence/nano-chaining.json was produced by other code ...'
 * ```
 */
export async function evidenceProblem(claimId: string, root: string = repoRoot): Promise<string | undefined> {
  const evidence = readEvidence(claimId, root);
  if (!evidence) return `${evidenceFile(claimId)} is missing`;
  const files = await experimentSourceFiles(claimId, root);
  const hash = hashSourceFiles(files, root);
  if (evidence.stamp.sourceHash === hash) return undefined;
  const changed = files.filter((file) => !evidence.stamp.sourceFiles.includes(file));
  return `${evidenceFile(claimId)} was produced by other code (source hash ${evidence.stamp.sourceHash.slice(0, 12)}, now ${hash.slice(0, 12)}${changed.length ? `; new files: ${changed.join(', ')}` : ''})`;
}
