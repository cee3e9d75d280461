/**
 * Bundles the deploy units of a shape into self-contained files with esbuild, the way a unit would be
 * shipped, and reports where every byte of each bundle comes from (the metafile's `bytesInOutput`).
 */
import { build, stop, type Metafile } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as checkoutFunctions from '../../checkout/functions.ts';
import * as checkoutSchemas from '../../checkout/schemas.ts';
import { checkoutSteps, type StepName } from '../../checkout/steps.ts';
import { repoRoot } from '../files/evidence.ts';
import { keepAliveAgent, postJson } from '../network/http-client.ts';
import { listenOnLoopback } from '../network/http-transport.ts';
import { createUnitApp } from '../units/unit-app.ts';
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

const lab = (file: string) => JSON.stringify(path.join(repoRoot, 'examples', file));

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

/** The code both variants share: peers from the environment or over IPC, the port reported over IPC. */
function serveUnitSource(appExpression: string): string {
  return `
const agent = keepAliveAgent();
const peerPorts = JSON.parse(process.env.LAB_PEER_PORTS ?? '{}');
const callUnit = (unit, route, body) => {
  const port = peerPorts[unit];
  if (port === undefined) return Promise.reject(new Error('no port for unit ' + unit));
  return postJson(agent, port, '/' + route, body);
};
export async function startUnit() {
  const server = await listenOnLoopback(${appExpression});
  // In a parallel start the parent learns the peers' ports only after every unit has reported its own.
  process.on('message', (message) => {
    if (!message || !message.peerPorts) return;
    Object.assign(peerPorts, message.peerPorts);
    process.send({ peersReceived: true });
  });
  const stopUnit = async () => { agent.destroy(); await server.close(); process.exit(0); };
  process.once('SIGTERM', () => void stopUnit());
  process.once('disconnect', () => void stopUnit());
  if (process.send) process.send({ port: server.port });
  else console.log(JSON.stringify({ port: server.port }));
}
`;
}

// Imported here, not only named in generated text, so that the modules a unit bundles are part of
// this module's import graph (and of the source hash of every experiment that bundles units).
function labUnitSource(shape: AnyShape, unitName: string): string {
  return `import { ${keepAliveAgent.name}, ${postJson.name} } from ${lab('lab/network/http-client.ts')};
import { ${listenOnLoopback.name} } from ${lab('lab/network/http-transport.ts')};
import { ${createUnitApp.name} } from ${lab('lab/units/unit-app.ts')};
const shape = ${JSON.stringify(shape)};
${serveUnitSource(`createUnitApp(shape, ${JSON.stringify(unitName)}, callUnit)`)}`;
}

/** The export name under which a module exports `value` (schemas and functions are found by identity, not retyped). */
function exportNameOf(module: Record<string, unknown>, value: unknown, what: string): string {
  const name = Object.keys(module).find((key) => module[key] === value);
  if (!name) throw new Error(`no export of ${what} matches`);
  return name;
}

function ownFunctionsUnitSource(shape: AnyShape, unitName: string): string {
  const index = shape.units.findIndex((unit) => unit.name === unitName);
  const unit = shape.units[index];
  if (!unit) throw new Error(`shape ${shape.name} has no unit named ${unitName}`);
  const next = shape.units[index + 1];
  const schemaNames = new Set<string>();
  const steps = unit.functions.map((name) => {
    const step = checkoutSteps[name];
    const input = exportNameOf(checkoutSchemas, step.input, `the input schema of ${name}`);
    const output = exportNameOf(checkoutSchemas, step.output, `the output schema of ${name}`);
    schemaNames.add(input).add(output);
    return { name, fn: exportNameOf(checkoutFunctions, checkoutFunctions[name], name), input, output };
  });
  // The same contract as createUnitApp and defineStep: validate in and out, run the rest of the unit, hand on.
  // listenOnLoopback is inlined: http-transport.ts imports unit-app.ts, which imports every step.
  return `import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { CheckoutError } from ${lab('checkout/checkout-error.ts')};
import { ${[...new Set(steps.map((step) => step.fn))].join(', ')} } from ${lab('checkout/functions.ts')};
import { ${[...schemaNames].join(', ')} } from ${lab('checkout/schemas.ts')};
import { keepAliveAgent, postJson } from ${lab('lab/network/http-client.ts')};
import { networkCallsHeader } from ${lab('lab/units/wire.ts')};
const listenOnLoopback = (app) => new Promise((resolve, reject) => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    resolve({ port: info.port, close: () => new Promise((done) => { server.close(() => done()); server.closeIdleConnections(); }) }));
  server.once('error', reject);
});
const defineStep = (name, input, output, fn) => (raw) => {
  const parsed = input.safeParse(raw);
  if (!parsed.success) throw new CheckoutError('invalid-input', name + ': ' + parsed.error.issues.map((i) => (i.path.join('.') || 'input') + ': ' + i.message).join('; '));
  return output.parse(fn(parsed.data));
};
const steps = [${steps.map((step) => `defineStep(${JSON.stringify(step.name)}, ${step.input}, ${step.output}, ${step.fn})`).join(', ')}];
const routes = ${JSON.stringify(unit.functions)};
const next = ${JSON.stringify(next ? { unit: next.name, route: next.functions[0] } : null)};
function buildApp() {
  const app = new Hono();
  routes.forEach((route, position) => {
    app.post('/' + route, async (c) => {
      let value = steps.slice(position).reduce((acc, run) => run(acc), await c.req.json());
      let networkCalls = 1;
      if (next) {
        const answer = await callUnit(next.unit, next.route, value);
        value = answer.value;
        networkCalls += answer.networkCalls;
      }
      c.header(networkCallsHeader, String(networkCalls));
      return c.json(value);
    });
  });
  app.onError((error, c) => error instanceof CheckoutError
    ? c.json({ error: { code: error.code, message: error.message } }, 422)
    : c.json({ error: { code: 'internal', message: error.message } }, 500));
  return app;
}
${serveUnitSource('buildApp()')}`;
}

function bytesByOrigin(output: Metafile['outputs'][string], entryFiles: ReadonlySet<string>): Record<string, number> {
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
    const modulePath = path.join(dir, `${prefix}-${safeName(unit.name)}.module.mjs`);
    writeFileSync(modulePath, variant === 'lab' ? labUnitSource(shape, unit.name) : ownFunctionsUnitSource(shape, unit.name));
    const entryPath = path.join(dir, `${prefix}-${safeName(unit.name)}.entry.mjs`);
    writeFileSync(entryPath, `import { startUnit } from ${JSON.stringify(modulePath)};\nvoid startUnit();\n`);
    return { unit, modulePath, entryPath };
  });
  const unionEntry = path.join(dir, `${prefix}-all-units.entry.mjs`);
  writeFileSync(unionEntry, modules.map((m, i) => `export { startUnit as startUnit${i} } from ${JSON.stringify(m.modulePath)};`).join('\n'));
  const generated = new Set([...modules.flatMap((m) => [m.modulePath, m.entryPath]), unionEntry]);

  const { metafile } = await build({
    entryPoints: [...modules.map((m) => ({ in: m.entryPath, out: `${prefix}-${safeName(m.unit.name)}` })), { in: unionEntry, out: `${prefix}-all-units` }],
    outdir: dir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    metafile: true,
    absWorkingDir: repoRoot,
    // The generated entries live outside the repository; packages resolve from its node_modules.
    nodePaths: [path.join(repoRoot, 'node_modules')],
    logLevel: 'silent',
  }).finally(() => stop()); // esbuild's service is a child process: do not leave it running.

  const outputFor = (out: string) => {
    const key = Object.keys(metafile.outputs).find((file) => path.resolve(repoRoot, file) === path.join(dir, `${out}.cjs`));
    const output = key ? metafile.outputs[key] : undefined;
    if (!output) throw new Error(`esbuild wrote no ${out}.cjs`);
    return output;
  };
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
