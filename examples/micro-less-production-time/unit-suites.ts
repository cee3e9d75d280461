/**
 * The test suites of the checkout's deploy units, written as real vitest files, and a runner that
 * runs one suite the way a pipeline would: a fresh `vitest run` process, read back through its JSON report.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { stepNames, type StepName } from '../checkout/step-names.ts';
import { shapeCalls, type DeployUnit, type Shape } from '../lab/model/shapes.ts';

/** A call between two functions that crosses a unit boundary: it needs a contract test. */
export interface ContractEdge {
  readonly from: StepName;
  readonly to: StepName;
}

/** What one unit (or the whole system) must test. */
export interface SuitePlan {
  readonly functions: readonly StepName[];
  readonly contracts: readonly ContractEdge[];
}

/** Where a written suite lives and how many test cases it declares. */
export interface WrittenSuite extends SuitePlan {
  readonly dir: string;
  readonly declaredCases: number;
}

/** One run of a suite in its own `vitest run` process. */
export interface SuiteRun {
  readonly wallMs: number;
  readonly tests: number;
  readonly passed: number;
  readonly failed: number;
  readonly exitCode: number | null;
  /** User + system CPU of the runner and every worker it waited for (from /usr/bin/time); null without it. */
  readonly cpuMs: number | null;
}

// The generated suites import these files by absolute path; named with new URL, they count in the
// experiment's source hash like its own imports.
const checkoutStepsFile = JSON.stringify(fileURLToPath(new URL('../checkout/steps.ts', import.meta.url)));
const cartVariantsFile = JSON.stringify(fileURLToPath(new URL('./cart-variants.ts', import.meta.url)));

/**
 * The contract edges of a shape: every call from one function to the next that leaves its unit.
 *
 * @example
 * ```ts
 * contractEdges(microservices); // [{ from: 'applyDiscount', to: 'calculateTax' }, { from: 'chargePayment', to: 'issueReceipt' }]
 * ```
 */
export function contractEdges(shape: Shape): ContractEdge[] {
  return shapeCalls(shape).filter((call) => call.crossesUnits).map(({ from, to }) => ({ from, to }));
}

/**
 * What a change to `unit` must run: the tests of its functions, and the contract tests of the
 * calls that enter or leave it (a unit that ships alone must still fit its neighbours).
 *
 * @example
 * ```ts
 * unitSuitePlan(nanoservices, nanoservices.units[3]); // calculateTax + 2 contracts
 * ```
 */
export function unitSuitePlan(shape: Shape, unit: DeployUnit): SuitePlan {
  const own = new Set<StepName>(unit.functions);
  return { functions: unit.functions, contracts: contractEdges(shape).filter((edge) => own.has(edge.from) || own.has(edge.to)) };
}

/**
 * What the whole system runs: every function's tests and every contract.
 *
 * @example
 * ```ts
 * systemSuitePlan(monolith).contracts.length; // 0
 * ```
 */
export function systemSuitePlan(shape: Shape): SuitePlan {
  return { functions: stepNames, contracts: contractEdges(shape) };
}

/**
 * What a monolith that runs only the tests a change reaches must run: in a codebase with one module
 * per function, whose tests build their input by running the real upstream functions, the tests of
 * the changed function and of every function after it (their tests import its module). No contracts:
 * nothing crosses a unit. This is the plan `vitest related` is expected to select.
 *
 * @example
 * ```ts
 * affectedSuitePlan('calculateTax'); // { functions: ['calculateTax', 'chargePayment', 'issueReceipt'], contracts: [] }
 * ```
 */
export function affectedSuitePlan(changed: StepName): SuitePlan {
  return { functions: stepNames.slice(stepNames.indexOf(changed)), contracts: [] };
}

/**
 * The test cases a plan declares: per function one case per cart plus one schema rejection, per
 * contract one case per cart.
 *
 * @example
 * ```ts
 * declaredCases({ functions: ['calculateTax'], contracts: [] }, 40); // 41
 * ```
 */
export function declaredCases(plan: SuitePlan, casesPerFunction: number): number {
  return plan.functions.length * (casesPerFunction + 1) + plan.contracts.length * casesPerFunction;
}

function functionTestSource(name: StepName, cases: number): string {
  // Each case runs the real upstream chain to build the function's input, so the test exercises
  // exactly what the checkout hands it. No vitest import: the runner provides globals.
  return `import { checkoutSteps, runCheckoutInProcess, stepNames } from ${checkoutStepsFile};
import { cartVariants } from ${cartVariantsFile};
const name = ${JSON.stringify(name)};
const step = checkoutSteps[name];
const position = stepNames.indexOf(name);
describe(name, () => {
  it.each(cartVariants(${cases}).map((cart, index) => [index, cart]))('case %i', (_index, cart) => {
    const input = runCheckoutInProcess(cart, position);
    const output = step.run(input);
    expect(step.output.safeParse(output).success).toBe(true);
    expect(step.run(structuredClone(input))).toEqual(output);
  });
  it('rejects input that is not its schema', () => {
    expect(() => step.run({ not: 'a cart' })).toThrow(name);
  });
});
`;
}

/** The module file of one function in a suite written as a modular codebase: it exports that function's step alone. */
const moduleFile = (name: StepName) => `modules/${name}.ts`;

function moduleSource(name: StepName): string {
  return `import { checkoutSteps } from ${checkoutStepsFile};
export const step = checkoutSteps[${JSON.stringify(name)}];
`;
}

function modularFunctionTestSource(name: StepName, cases: number): string {
  // The same test as functionTestSource, but it imports the module of each function it runs, so that
  // a tool reading the import graph (vitest related) sees which tests a change to one module reaches.
  const chain = stepNames.slice(0, stepNames.indexOf(name) + 1);
  return `${chain.map((fn) => `import { step as ${fn} } from ${JSON.stringify(`./${moduleFile(fn)}`)};`).join('\n')}
import { cartVariants } from ${cartVariantsFile};
const name = ${JSON.stringify(name)};
const upstream = [${chain.slice(0, -1).join(', ')}];
const step = ${name};
describe(name, () => {
  it.each(cartVariants(${cases}).map((cart, index) => [index, cart]))('case %i', (_index, cart) => {
    const input = upstream.reduce((value, each) => each.run(value), cart);
    const output = step.run(input);
    expect(step.output.safeParse(output).success).toBe(true);
    expect(step.run(structuredClone(input))).toEqual(output);
  });
  it('rejects input that is not its schema', () => {
    expect(() => step.run({ not: 'a cart' })).toThrow(name);
  });
});
`;
}

function contractTestSource(edge: ContractEdge, cases: number): string {
  return `import { checkoutSteps, runCheckoutInProcess, stepNames } from ${checkoutStepsFile};
import { cartVariants } from ${cartVariantsFile};
const from = ${JSON.stringify(edge.from)};
const to = ${JSON.stringify(edge.to)};
describe(from + ' -> ' + to + ' contract', () => {
  it.each(cartVariants(${cases}).map((cart, index) => [index, cart]))('case %i', (_index, cart) => {
    const handedOver = runCheckoutInProcess(cart, stepNames.indexOf(from) + 1);
    const accepted = checkoutSteps[to].input.safeParse(JSON.parse(JSON.stringify(handedOver)));
    expect(accepted.success).toBe(true);
  });
});
`;
}

/**
 * Writes a plan's test files into a directory of their own, so that a `vitest run` rooted there runs
 * exactly this suite. `modular`: written as a codebase with one module per function (`modules/<fn>.ts`),
 * each test importing the modules it runs, so that `vitest related modules/<fn>.ts` can select the
 * tests a change to one function reaches (see `changedModule`).
 *
 * @example
 * ```ts
 * const suite = writeSuite(path.join(tmp, 'nano-unit'), unitSuitePlan(nanoservices, unit), 40);
 * const monolith = writeSuite(path.join(tmp, 'monolith'), systemSuitePlan(monolith), 40, { modular: true });
 * ```
 */
export function writeSuite(dir: string, plan: SuitePlan, casesPerFunction: number, options: { readonly modular?: boolean } = {}): WrittenSuite {
  mkdirSync(dir, { recursive: true });
  if (options.modular) {
    mkdirSync(path.join(dir, 'modules'), { recursive: true });
    for (const name of stepNames) writeFileSync(path.join(dir, moduleFile(name)), moduleSource(name));
  }
  const testSource = options.modular ? modularFunctionTestSource : functionTestSource;
  for (const name of plan.functions) writeFileSync(path.join(dir, `${name}.test.ts`), testSource(name, casesPerFunction));
  for (const edge of plan.contracts) writeFileSync(path.join(dir, `contract.${edge.from}-${edge.to}.test.ts`), contractTestSource(edge, casesPerFunction));
  return { ...plan, dir, declaredCases: declaredCases(plan, casesPerFunction) };
}

/**
 * The module a change to `name` edits in a suite written with `modular`: what `vitest related` is given.
 *
 * @example
 * ```ts
 * changedModule(monolithSuite, 'calculateTax'); // '/tmp/…/monolith-tests/modules/calculateTax.ts'
 * ```
 */
export function changedModule(suite: WrittenSuite, name: StepName): string {
  return path.join(suite.dir, moduleFile(name));
}

/**
 * Writes a suite with one empty test and no imports: running it costs what starting the runner costs.
 *
 * @example
 * ```ts
 * const empty = writeEmptySuite(path.join(tmp, 'empty')); // runSuite(empty) ≈ the runner's fixed cost
 * ```
 */
export function writeEmptySuite(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'empty.test.ts'), `it('does nothing', () => {});\n`);
  return dir;
}

const vitestEntry = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
// CPU time is the work, whoever else shares the machine; wall time is what a pipeline waits.
const gnuTime = '/usr/bin/time';

/**
 * Runs every test file under `dir` in a fresh `vitest run` process (globals on, JSON report) and
 * returns the wall time from spawn to exit and the counts from the report. With `related`, it runs
 * `vitest related <files> --run` instead: only the tests whose static imports reach those files, as
 * a pipeline that selects tests by the change would. The process gets its own process group, so that
 * on a timeout the runner and its workers are killed together.
 *
 * @example
 * ```ts
 * const run = await runSuite(suite.dir, 30); // { wallMs: 1500, tests: 123, passed: 123, failed: 0, exitCode: 0, cpuMs: 2100 }
 * const affected = await runSuite(monolithSuite.dir, 30, [changedModule(monolithSuite, 'calculateTax')]);
 * ```
 */
export async function runSuite(dir: string, maxSeconds: number, related: readonly string[] = []): Promise<SuiteRun> {
  const reportFile = path.join(dir, 'report.json');
  // A runner started from inside a test must not think it is a worker of the outer one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'TEST'));
  const cpuFile = path.join(dir, 'cpu.txt');
  const selection = related.length ? ['related', ...related, '--run'] : ['run'];
  const vitestCommand = [process.execPath, vitestEntry, ...selection, '--root', dir, '--globals', '--reporter=json', `--outputFile=${reportFile}`];
  const command = existsSync(gnuTime) ? [gnuTime, '-f', '%U %S', '-o', cpuFile, ...vitestCommand] : vitestCommand;
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: dir,
    env,
    stdio: 'ignore',
    detached: true,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
      timer = setTimeout(() => {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      }, maxSeconds * 1_000);
    });
    const wallMs = performance.now() - started;
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { numTotalTests: number; numPassedTests: number; numFailedTests: number };
    const cpuSeconds = existsSync(cpuFile) ? readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) : undefined;
    const cpuMs = cpuSeconds?.length === 2 && cpuSeconds.every(Number.isFinite) ? Math.round(((cpuSeconds[0] ?? 0) + (cpuSeconds[1] ?? 0)) * 1_000) : null;
    return { wallMs, tests: report.numTotalTests, passed: report.numPassedTests, failed: report.numFailedTests, exitCode, cpuMs };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  }
}
