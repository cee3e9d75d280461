import { build, stop } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
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
import { usedServers } from '../infra/used-servers.ts';

export type { Evidence, EvidenceStamp };

/** What an experiment's run executes: the repository files and the versions of the packages they import. */
export interface ExperimentSources {
  /** Repository files, relative to the root, sorted. */
  readonly files: readonly string[];
  /** Each package the files import or start (`import.meta.resolve('tsx')`), by name, with its version from package-lock.json. */
  readonly packages: Readonly<Record<string, string>>;
}

// A file started by path rather than imported: `new URL('./unit-main.ts', import.meta.url)`. The
// lab starts every child process from such a constant (files-started-by-path.test.ts fails on any
// other way), so following these references finds every file a run starts.
const startedByPath = /new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;
// A package resolved to be started or bundled rather than imported: `import.meta.resolve('tsx')`,
// `createRequire(import.meta.url).resolve('vitest/package.json')`.
const resolvedPackage = /(?:import\.meta|\brequire|createRequire\([^)]*\))\.resolve\(\s*['"]([^'".][^'"]*)['"]\s*\)/g;

/** Source text without its block comments and comment lines, whose examples are not code that runs. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** The package a bare import specifier names: `@hono/node-server/vercel` → `@hono/node-server`; undefined for `node:` built-ins and paths. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  // Node's built-ins may be imported without `node:` too.
  return name && !isBuiltin(name) ? name : undefined;
}

/** Every file under a folder, recursively, relative to `root`. */
function filesUnder(root: string, folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** The version package-lock.json records for each package, or an error naming one it does not list. */
function lockedVersions(names: Iterable<string>, root: string): Record<string, string> {
  const sorted = [...names].sort();
  if (sorted.length === 0) return {};
  const lockFile = path.join(root, 'package-lock.json');
  if (!existsSync(lockFile)) throw new Error(`package-lock.json is missing at ${root}: run npm install to write it, so that evidence can name the versions of ${sorted.join(', ')}`);
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages?: Record<string, { version?: string }> };
  return Object.fromEntries(
    sorted.map((name) => {
      const version = lock.packages?.[`node_modules/${name}`]?.version;
      if (!version) throw new Error(`package-lock.json does not list ${name}, which an experiment imports: add it to package.json (npm install ${name})`);
      return [name, version];
    }),
  );
}

/**
 * What a claim's experiment runs: every file of this repository it is built from (its imports,
 * followed transitively by esbuild, and the files it starts by path, followed the same way), and the
 * locked version of each package those files import. Tests and pages are not part of it.
 *
 * @example
 * ```ts
 * const { files, packages } = await experimentSources('micro-containers');
 * files.includes('examples/lab/packaging/container-unit-main.ts'); // true: started by path
 * packages.hono; // '4.12.3'
 * ```
 */
export async function experimentSources(claimId: string, root: string = repoRoot): Promise<ExperimentSources> {
  const entry = path.join(root, 'examples', claimId, 'experiment.ts');
  if (!existsSync(entry)) throw new Error(`no experiment at examples/${claimId}/experiment.ts`);
  const entries = new Set([path.relative(root, entry).split(path.sep).join('/')]);
  const files = new Set<string>();
  const packages = new Set<string>();
  try {
    // Each round bundles every entry found so far; a file started by path adds an entry (and its
    // imports) for the next round, until a round finds nothing new.
    for (let found = true; found; ) {
      found = false;
      const { metafile } = await build({
        entryPoints: [...entries],
        bundle: true,
        write: false,
        outdir: 'out',
        metafile: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        absWorkingDir: root,
        logLevel: 'silent',
      });
      for (const [file, input] of Object.entries(metafile.inputs)) {
        files.add(file);
        for (const imported of input.imports) if (imported.external) packages.add(packageOf(imported.path) ?? '');
        const text = withoutComments(readFileSync(path.join(root, file), 'utf8'));
        for (const [, name] of text.matchAll(resolvedPackage)) packages.add(packageOf(name ?? '') ?? '');
        for (const [, relative] of text.matchAll(startedByPath)) {
          const target = path.relative(root, path.resolve(root, path.dirname(file), relative ?? '')).split(path.sep).join('/');
          if (!existsSync(path.join(root, target))) throw new Error(`${file} starts ${relative}, which does not exist`);
          if (statSync(path.join(root, target)).isDirectory()) for (const inner of filesUnder(root, target)) files.add(inner);
          else if (/\.[cm]?[jt]sx?$/.test(target) && !entries.has(target)) {
            entries.add(target);
            found = true;
          } else files.add(target);
        }
      }
    }
  } finally {
    await stop(); // esbuild's service is a child process: do not leave it running.
  }
  packages.delete('');
  return { files: [...files].sort(), packages: lockedVersions(packages, root) };
}

/**
 * The repository files of `experimentSources`, sorted.
 *
 * @example
 * ```ts
 * await experimentSourceFiles('nano-chaining'); // ['examples/checkout/catalogue.ts', ...]
 * ```
 */
export async function experimentSourceFiles(claimId: string, root: string = repoRoot): Promise<string[]> {
  return [...(await experimentSources(claimId, root)).files];
}

/**
 * A SHA-256 over the paths and contents of the given files and, when given, the packages' names and
 * versions: it changes whenever any of them does.
 *
 * @example
 * ```ts
 * hashSourceFiles(['examples/lab/model/shapes.ts'], repoRoot, { hono: '4.12.3' }); // '3f9a...'
 * ```
 */
export function hashSourceFiles(files: readonly string[], root: string = repoRoot, packages: Readonly<Record<string, string>> = {}): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  for (const [name, version] of Object.entries(packages).sort(([a], [b]) => a.localeCompare(b))) hash.update(`${name}@${version}`).update('\0');
  return hash.digest('hex');
}

/** JSON with every object's keys sorted: the same text for the same value, whatever order it was built in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A SHA-256 over an evidence file's parameters, verdict and result as canonical JSON: the stamp
 * keeps it, so a figure edited by hand afterwards no longer matches and the claims check says so.
 *
 * @example
 * ```ts
 * contentHash({ params: { runs: 5 }, verdict: { verdict: 'holds', because: '...' }, result: { rows: [] } }); // '9b1c...'
 * ```
 */
export function contentHash(content: { readonly params: unknown; readonly verdict: unknown; readonly result: unknown }): string {
  return createHash('sha256').update(canonicalJson({ params: content.params, verdict: content.verdict, result: content.result })).digest('hex');
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/**
 * Stamps a run with the machine, the runtime, the date, the commit, the source hash (files and
 * package versions), the hash of what the run found (`content`: its parameters, verdict and result),
 * and the PostgreSQL and broker it used, if any (recorded by `openPostgres` and `openBroker`).
 *
 * @example
 * ```ts
 * const stamp = await stampRun('nano-chaining', 93.4, { params, verdict, result });
 * ```
 */
export async function stampRun(claimId: string, durationSeconds: number, content: Parameters<typeof contentHash>[0]): Promise<EvidenceStamp> {
  const { files, packages } = await experimentSources(claimId);
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
    sourceHash: hashSourceFiles(files, repoRoot, packages),
    sourceFiles: files,
    packages,
    contentHash: contentHash(content),
    durationSeconds: Math.round(durationSeconds * 10) / 10,
    ...(usedServers().length ? { servers: usedServers() } : {}),
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
 * Why a claim's evidence cannot be shown, or undefined when it matches today's source: a missing
 * file, figures changed since the run (the content hash in its stamp no longer matches them),
 * figures measured on the embedded stand-ins for PostgreSQL or NATS, or figures produced by other
 * code or other package versions.
 *
 * @example
 * ```ts
 * await evidenceProblem('nano-chaining'); // 'evidence/nano-chaining.json was produced by other code ...'
 * ```
 */
export async function evidenceProblem(claimId: string, root: string = repoRoot): Promise<string | undefined> {
  const evidence = readEvidence(claimId, root);
  if (!evidence) return `${evidenceFile(claimId)} is missing`;
  // Files written before stamps held a content hash have none (readEvidence does not check the format).
  if (!(evidence.stamp.contentHash as string | undefined)) return `${evidenceFile(claimId)} has no content hash in its stamp (it predates them)`;
  if (evidence.stamp.contentHash !== contentHash(evidence)) {
    return `${evidenceFile(claimId)} was changed after its run: its parameters, verdict or result no longer match the content hash in its stamp (a figure edited by hand?)`;
  }
  // A stand-in measured only beside a server, for comparison, is not where the figures come from.
  const standIns = (evidence.stamp.servers ?? []).filter((server) => server.kind === 'embedded' && server.purpose !== 'comparison');
  if (standIns.length) {
    return `${evidenceFile(claimId)} was measured on embedded stand-ins (${standIns.map((server) => server.version).join(', ')}), not on PostgreSQL and NATS servers`;
  }
  const { files, packages } = await experimentSources(claimId, root);
  const hash = hashSourceFiles(files, root, packages);
  if (evidence.stamp.sourceHash === hash) return undefined;
  const added = files.filter((file) => !evidence.stamp.sourceFiles.includes(file));
  const removed = evidence.stamp.sourceFiles.filter((file) => !files.includes(file));
  const bumped = Object.entries(packages)
    .filter(([name, version]) => evidence.stamp.packages?.[name] !== version)
    .map(([name, version]) => `${name} ${evidence.stamp.packages?.[name] ?? '(none)'} → ${version}`);
  const details = [added.length ? `new files: ${added.join(', ')}` : '', removed.length ? `files no longer used: ${removed.join(', ')}` : '', bumped.length ? `packages: ${bumped.join(', ')}` : ''].filter(Boolean);
  return `${evidenceFile(claimId)} was produced by other code (source hash ${evidence.stamp.sourceHash.slice(0, 12)}, now ${hash.slice(0, 12)}${details.length ? `; ${details.join('; ')}` : ''})`;
}
