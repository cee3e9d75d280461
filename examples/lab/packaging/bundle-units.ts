/**
 * Bundles the deploy units of a shape into self-contained files with esbuild, the way a unit would be
 * shipped, and reports where every byte of each bundle comes from (the metafile's `bytesInOutput`).
 */
import { build, stop, type Metafile } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as checkoutFunctions from '../../checkout/functions.ts';
import * as checkoutSchemas from '../../checkout/schemas.ts';
import { checkoutSteps, type StepName } from '../../checkout/steps.ts';
import { repoRoot } from '../files/evidence.ts';
import { defineStep } from '../../checkout/define-step.ts';
import { startLabUnit } from './lab-unit.ts';
import { startOwnFunctionsUnit } from './own-functions-unit.ts';
import type { AnyShape, Shape } from '../model/shapes.ts';

/**
 * How a unit is packaged. `lab`: its app is built by `createUnitApp`, exactly as the lab deploys it
 * (that module imports every checkout function). `own-functions`: the same routes built from only the
 * functions and schemas the unit holds, so that the bundler can leave the others out.
 */
export const bundleVariants = ['lab', 'own-functions'] as const;
/** One way of packaging a unit. */
export type BundleVariant = (typeof bundleVariants)[number];

/** Bytes of one bundle by where they came from: 'unit entry', 'checkout functions', 'lab', 'hono', ... */
export type BytesByOrigin = Readonly<Record<string, number>>;

/** One unit's bundle on disk. */
export interface UnitBundle {
  readonly unit: string;
  readonly functions: readonly StepName[];
  readonly file: string;
  readonly bytes: number;
  readonly byOrigin: BytesByOrigin;
  /** Repository files (relative paths) and packages that went into the bundle. */
  readonly inputs: readonly string[];
}

/** Every unit of one shape bundled one way, plus one bundle holding all of them (the unique code). */
export interface ShapeBundles<S extends AnyShape = Shape> {
  readonly shape: S;
  readonly variant: BundleVariant;
  readonly units: readonly UnitBundle[];
  /** One bundle that holds every unit of the shape: each distinct byte of code once. */
  readonly union: { readonly bytes: number; readonly byOrigin: BytesByOrigin };
}

/** Bytes the bundler adds itself (module wrappers, helpers): the output minus every input's share. */
export const bundlerGlue = 'esbuild glue';

// What generated unit modules import, by absolute path: named with new URL, so that the source hash
// of an experiment that bundles units follows them even where nothing else imports them.
const importable = (url: URL) => JSON.stringify(fileURLToPath(url));
const generatedImports = {
  labUnit: importable(new URL('./lab-unit.ts', import.meta.url)),
  ownFunctionsUnit: importable(new URL('./own-functions-unit.ts', import.meta.url)),
  defineStep: importable(new URL('../../checkout/define-step.ts', import.meta.url)),
  functions: importable(new URL('../../checkout/functions.ts', import.meta.url)),
  schemas: importable(new URL('../../checkout/schemas.ts', import.meta.url)),
};

/**
 * Where an input of a bundle comes from: a package name for dependencies, otherwise the part of the
 * repository (checkout functions, checkout schemas, other checkout code, lab) or the unit entry.
 *
 * @example
 * ```ts
 * originOf('node_modules/@hono/node-server/dist/index.mjs'); // '@hono/node-server'
 * originOf('examples/checkout/functions.ts'); // 'checkout functions'
 * ```
 */
export function originOf(input: string): string {
  const normalized = input.split(path.sep).join('/');
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(normalized);
  if (packageMatch?.[1]) return packageMatch[1];
  if (normalized.endsWith('examples/checkout/functions.ts')) return 'checkout functions';
  if (normalized.endsWith('examples/checkout/schemas.ts')) return 'checkout schemas';
  if (normalized.includes('examples/checkout/')) return 'checkout, other';
  if (normalized.includes('examples/lab/')) return 'lab';
  return 'unit entry';
}

// The code a unit runs lives in real modules (lab-unit.ts, own-functions-unit.ts, bundled-unit.ts),
// type-checked and linted like the rest of the lab; what is generated per unit is only its
// configuration (a JSON file) and the imports that pick its functions. They are imported here, not
// only named in generated text, so that the modules a unit bundles are part of this module's import
// graph (and of the source hash of every experiment that bundles units).
const unitModules = { lab: startLabUnit.name, 'own-functions': startOwnFunctionsUnit.name } as const satisfies Record<BundleVariant, string>;

function labUnitSource(configFile: string): string {
  return `import { ${unitModules.lab} } from ${generatedImports.labUnit};
import config from ${JSON.stringify(configFile)};
export const startUnit = () => ${unitModules.lab}(config);
`;
}

/** The export name under which a module exports `value` (schemas and functions are found by identity, not retyped). */
function exportNameOf(module: Record<string, unknown>, value: unknown, what: string): string {
  const name = Object.keys(module).find((key) => module[key] === value);
  if (!name) throw new Error(`no export of ${what} matches`);
  return name;
}

/** The unit's own steps, imported one by one so that the bundler leaves the other functions out. */
function ownFunctionsUnitSource(shape: AnyShape, unitName: string, configFile: string): string {
  const unit = shape.units.find((candidate) => candidate.name === unitName);
  if (!unit) throw new Error(`shape ${shape.name} has no unit named ${unitName}`);
  const schemaNames = new Set<string>();
  const steps = unit.functions.map((name) => {
    const step = checkoutSteps[name];
    const input = exportNameOf(checkoutSchemas, step.input, `the input schema of ${name}`);
    const output = exportNameOf(checkoutSchemas, step.output, `the output schema of ${name}`);
    schemaNames.add(input).add(output);
    return { name, fn: exportNameOf(checkoutFunctions, checkoutFunctions[name], name), input, output };
  });
  return `import { ${unitModules['own-functions']} } from ${generatedImports.ownFunctionsUnit};
import { ${defineStep.name} } from ${generatedImports.defineStep};
import { ${[...new Set(steps.map((step) => step.fn))].join(', ')} } from ${generatedImports.functions};
import { ${[...schemaNames].join(', ')} } from ${generatedImports.schemas};
import config from ${JSON.stringify(configFile)};
export const startUnit = () => ${unitModules['own-functions']}(config, {
${steps.map((step) => `  ${step.name}: ${defineStep.name}(${JSON.stringify(step.name)}, ${step.input}, ${step.output}, ${step.fn}),`).join('\n')}
});
`;
}

function bytesByOrigin(output: BundleOutput, entryFiles: ReadonlySet<string>): Record<string, number> {
  const byOrigin: Record<string, number> = {};
  let attributed = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const origin = entryFiles.has(path.resolve(repoRoot, input)) ? 'unit entry' : originOf(input);
    byOrigin[origin] = (byOrigin[origin] ?? 0) + bytesInOutput;
    attributed += bytesInOutput;
  }
  byOrigin[bundlerGlue] = output.bytes - attributed;
  return byOrigin;
}

const safeName = (name: string) => name.replace(/[^a-zA-Z0-9-]/g, '_');

/** What esbuild says about one bundle it wrote: its size and the bytes each input put into it. */
export type BundleOutput = Metafile['outputs'][string];

/**
 * Bundles entries the way every unit is shipped: one minified CommonJS file per entry, for Node 20,
 * with esbuild's metafile, packages resolved from the repository's node_modules (the generated
 * entries live outside it), and esbuild's service stopped afterwards (it is a child process).
 * Returns each entry's output by its `out` name, throwing for a name esbuild wrote nothing for.
 *
 * @example
 * ```ts
 * const outputOf = await bundleEntries([{ in: '/tmp/x/a.entry.mjs', out: 'a' }], '/tmp/x');
 * outputOf('a').bytes; // the size of /tmp/x/a.cjs
 * ```
 */
export async function bundleEntries(entryPoints: ReadonlyArray<{ readonly in: string; readonly out: string }>, dir: string): Promise<(out: string) => BundleOutput> {
  const { metafile } = await build({
    entryPoints: entryPoints.map((entry) => ({ in: entry.in, out: entry.out })),
    outdir: dir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    metafile: true,
    absWorkingDir: repoRoot,
    nodePaths: [path.join(repoRoot, 'node_modules')],
    logLevel: 'silent',
  }).finally(() => stop());
  return (out: string) => {
    const key = Object.keys(metafile.outputs).find((file) => path.resolve(repoRoot, file) === path.join(dir, `${out}.cjs`));
    const output = key ? metafile.outputs[key] : undefined;
    if (!output) throw new Error(`esbuild wrote no ${out}.cjs`);
    return output;
  };
}

/**
 * Bundles every unit of `shape` into `dir` (one self-contained, minified CommonJS file per unit that
 * plain `node` runs), and one more bundle that holds all the units together, so that the unique
 * bytes of the shape can be told from the copies. Stops esbuild's service process afterwards.
 *
 * @example
 * ```ts
 * const bundles = await bundleShape(nanoservices, 'lab', tmpDir);
 * bundles.units.map((u) => u.bytes); // six sizes in bytes
 * ```
 */
export async function bundleShape<S extends AnyShape>(shape: S, variant: BundleVariant, dir: string): Promise<ShapeBundles<S>> {
  const prefix = `${safeName(shape.name)}-${variant}`;
  const modules = shape.units.map((unit) => {
    const configPath = path.join(dir, `${prefix}-${safeName(unit.name)}.unit.json`);
    writeFileSync(configPath, JSON.stringify({ shape, unit: unit.name }));
    const modulePath = path.join(dir, `${prefix}-${safeName(unit.name)}.module.mjs`);
    writeFileSync(modulePath, variant === 'lab' ? labUnitSource(configPath) : ownFunctionsUnitSource(shape, unit.name, configPath));
    const entryPath = path.join(dir, `${prefix}-${safeName(unit.name)}.entry.mjs`);
    writeFileSync(entryPath, `import { startUnit } from ${JSON.stringify(modulePath)};\nvoid startUnit();\n`);
    return { unit, configPath, modulePath, entryPath };
  });
  const unionEntry = path.join(dir, `${prefix}-all-units.entry.mjs`);
  writeFileSync(unionEntry, modules.map((m, i) => `export { startUnit as startUnit${i} } from ${JSON.stringify(m.modulePath)};`).join('\n'));
  const generated = new Set([...modules.flatMap((m) => [m.configPath, m.modulePath, m.entryPath]), unionEntry]);

  const outputFor = await bundleEntries([...modules.map((m) => ({ in: m.entryPath, out: `${prefix}-${safeName(m.unit.name)}` })), { in: unionEntry, out: `${prefix}-all-units` }], dir);
  const units = modules.map(({ unit }) => {
    const output = outputFor(`${prefix}-${safeName(unit.name)}`);
    const inputs = Object.keys(output.inputs)
      .filter((input) => !generated.has(path.resolve(repoRoot, input)))
      .map((input) => originOf(input).startsWith('checkout') || originOf(input) === 'lab' ? input : originOf(input));
    return {
      unit: unit.name,
      functions: unit.functions,
      file: path.join(dir, `${prefix}-${safeName(unit.name)}.cjs`),
      bytes: output.bytes,
      byOrigin: bytesByOrigin(output, generated),
      inputs: [...new Set(inputs)].sort(),
    };
  });
  const unionOutput = outputFor(`${prefix}-all-units`);
  return { shape, variant, units, union: { bytes: unionOutput.bytes, byOrigin: bytesByOrigin(unionOutput, generated) } };
}

/**
 * Writes the platform's floor to compare units against: a plain `node:http` server with no framework,
 * no validation and no checkout, that answers 200 to any request and reports its port like a unit.
 *
 * @example
 * ```ts
 * const file = writeBareServer(tmpDir); // start it with startBundle(file)
 * ```
 */
export function writeBareServer(dir: string): string {
  const file = path.join(dir, 'bare-node-http-server.cjs');
  writeFileSync(
    file,
    `const http = require('node:http');
const server = http.createServer((request, response) => { request.resume(); request.on('end', () => response.end('{}')); });
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
const stop = () => { server.close(() => process.exit(0)); server.closeIdleConnections(); };
process.once('SIGTERM', stop);
process.once('disconnect', stop);
`,
  );
  return file;
}
