import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentIds } from '../../experiments.ts';
import { experimentSources, repoRoot } from './evidence.ts';

// The source hash follows imports (esbuild) and files named by `new URL('./x.ts', import.meta.url)`.
// A file a run starts, bundles or imports from generated code in any other way would run without
// being hashed, and its evidence would stay "current" after it changed. These tests read every
// source file of examples/ and fail on such a reference, so the way the hash follows stays the only way.

/** Every non-test TypeScript source under examples/, relative to the repository root. */
const allSources = readdirSync(path.join(repoRoot, 'examples'), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.[cm]?ts$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
  .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));

// The files some experiment runs; tools outside every run (the CLI, the scaffold) name files as data.
let sources: string[] = [];
beforeAll(async () => {
  const files = new Set<string>();
  for (const id of experimentIds) for (const file of (await experimentSources(id)).files) files.add(file);
  sources = allSources.filter((file) => files.has(file));
}, 60_000);

/** Code without comments (their examples do not run) and without import/export specifiers (esbuild follows those). */
function codeOf(file: string): string {
  return readFileSync(path.join(repoRoot, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/^(?:import|export)\s[^;]*?\sfrom\s+['"][^'"]+['"];?$/gm, '')
    .replace(/^import\s+['"][^'"]+['"];?$/gm, '')
    .replace(/\bimport\(\s*['"][^'"]+['"]\s*\)/g, '')
    // A name compared against, not started: originOf('examples/checkout/functions.ts').
    .replace(/\.(?:endsWith|startsWith|includes)\(\s*['"][^'"]+['"]\s*\)/g, '');
}

const newUrl = /new URL\(\s*['"][^'"]+['"]\s*,\s*import\.meta\.url\s*\)/g;

describe('files started by path', () => {
  it('reads the source files of every experiment', () => {
    expect(sources).toEqual(expect.arrayContaining(['examples/lab/network/process-transport.ts', 'examples/lab/processes/service-process.ts']));
    expect(sources.length).toBeGreaterThan(80);
  });

  it('names every source file outside an import only through new URL(…, import.meta.url), which the source hash follows', () => {
    // Names that are not a file of the repository being run, each with the reason.
    const notRepositoryFiles: Record<string, string> = {
      "examples/micro-less-production-time/unit-suites.ts: 'empty.test.ts'": 'a file the experiment writes, whose text is in unit-suites.ts',
      "examples/lab/files/evidence.ts: 'experiment.ts'": 'the entry of every experiment, where the source hash starts',
    };
    const offending = sources.flatMap((file) =>
      [...codeOf(file).replace(newUrl, '').matchAll(/['"`]([^'"`\s]*\.[cm]?[jt]sx?)['"`]/g)]
        .map(([, named]) => named ?? '')
        // A file name the code reads or writes as data is not code that runs: bundles it writes
        // (.cjs, .mjs outputs) are built from hashed sources; a glob or an extension alone names no file.
        .filter((named) => /^(?:\.{0,2}\/)?[\w@-][\w./@-]*\.[cm]?ts$/.test(named) && !/^\*|\/\*/.test(named))
        .map((named) => `${file}: '${named}'`)
        .filter((reference) => !(reference in notRepositoryFiles)),
    );
    expect(offending, 'name each file the run starts with fileURLToPath(new URL(<relative path>, import.meta.url))').toEqual([]);
  });

  it('starts every child Node process from a file the hash follows', () => {
    // The script of `spawn(process.execPath, [...])` is a constant built by new URL or a package
    // resolution in the same file, or a parameter of a launcher whose callers pass such a constant
    // or a bundle built from hashed sources.
    const launchers: Record<string, string> = {
      'examples/lab/processes/service-process.ts': 'bundles and runs the file its caller names (with new URL)',
      'examples/lab/packaging/container-unit.ts': 'runs the bundle it built from container-unit-main.ts (named with new URL)',
      'examples/lab/packaging/run-bundle.ts': 'runs a bundle that bundle-units.ts built from lab modules it imports',
    };
    const spawnsNode = /\b(?:spawn|fork|execFile|spawnSync|execFileSync)\(\s*process\.execPath\s*,\s*\[([^\]]*)\]/g;
    const unfollowed = sources.flatMap((file) => {
      const code = codeOf(file);
      return [...code.matchAll(spawnsNode)].flatMap(([call, args]) => {
        if (file in launchers) return [];
        const identifiers = [...(args ?? '').matchAll(/\b([A-Za-z_$][\w$]*)\b/g)].map(([, name]) => name);
        const followed = identifiers.some((name) => new RegExp(`\\b${name}\\s*=\\s*(?:fileURLToPath\\(\\s*new URL\\(|import\\.meta\\.resolve\\(|path\\.join\\(path\\.dirname\\(createRequire\\(import\\.meta\\.url\\)\\.resolve\\()`).test(code));
        const evaluatesCode = /['"]-e['"]/.test(args ?? '');
        return followed || evaluatesCode ? [] : [`${file}: ${call.replace(/\s+/g, ' ').slice(0, 120)}`];
      });
    });
    expect(unfollowed, 'start child processes from a constant built with fileURLToPath(new URL(...)) or a package resolution').toEqual([]);
  });

  it('puts each file an experiment starts by path into its sources, with that file’s own imports', async () => {
    const starts = async (id: string) => (await experimentSources(id)).files;
    expect(await starts('micro-containers')).toContain('examples/lab/packaging/container-unit-main.ts');
    expect(await starts('nano-chaining')).toContain('examples/lab/network/unit-process-main.ts');
    const dataOwnership = await starts('modular-monolith-data-ownership');
    expect(dataOwnership).toEqual(expect.arrayContaining(['examples/modular-monolith-data-ownership/monolith-process.ts', 'examples/lab/processes/service-process.ts']));
    // Every experiment that deploys a system over processes starts system-unit-main.ts, whose imports run in each unit.
    for (const id of experimentIds) {
      const { files } = await experimentSources(id);
      if (files.includes('examples/lab/network/process-system-transport.ts')) {
        expect(files).toEqual(expect.arrayContaining(['examples/lab/network/system-unit-main.ts', 'examples/lab/runtime/system-unit.ts']));
      }
    }
  }, 60_000);

  it('names the locked version of each package an experiment imports or starts', async () => {
    const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const { packages } = await experimentSources('nano-chaining');
    expect(packages.hono).toBe(lock.packages['node_modules/hono']?.version);
    // Started with `--import tsx` rather than imported.
    expect(packages.tsx).toBe(lock.packages['node_modules/tsx']?.version);
    expect(Object.keys(packages).some((name) => name.startsWith('node:') || name === 'fs')).toBe(false);
  });
});
