/**
 * The steps of `npm run check -- <claim-id>`: what CI checks, narrowed to one claim, each step
 * saying what it found or what to do. The claims check is the source of truth for the registry
 * entry, the evidence, the key figure and the scaffold text; this module groups its findings and
 * adds what only a full `npm test` would otherwise find: the page compiled, the claim's files type
 * checked and linted, and its tests run.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { checkClaims, type ClaimProblem, type KeyFigures } from '../../claims/check.ts';
import { claimsWithKeyFigure, keyFigure } from '../../claims/key-figures.ts';
import type { Claim } from '../../claims/registry.ts';
import { evidenceFile, evidenceProblem, readEvidence } from '../files/evidence.ts';
import { checkPage } from './check-claim-page.ts';

/** What one step found: passed or not, and lines that say what was checked or what to do. */
export interface StepResult {
  readonly name: string;
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/** A step to run: its name, shown before it runs, and the check itself. */
export interface Step {
  readonly name: string;
  run(): Promise<StepResult>;
}

/** The claim to check and where: the repository root, the known experiments and key figures. */
export interface ClaimCheckContext {
  readonly claim: Claim;
  readonly root: string;
  readonly experimentIds: readonly string[];
  readonly keyFigures?: KeyFigures;
}

const figuresOf = (context: ClaimCheckContext): KeyFigures => context.keyFigures ?? { ids: claimsWithKeyFigure, figure: keyFigure };
/** The claims check's findings for the claim: one run, shared by the steps that group them. */
const claimProblems = (context: ClaimCheckContext) => checkClaims([context.claim], { experimentIds: context.experimentIds, root: context.root, keyFigures: figuresOf(context) });
const passed = (name: string, ...lines: string[]): StepResult => ({ name, ok: true, lines });
const failed = (name: string, lines: readonly string[]): StepResult => ({ name, ok: false, lines });
/** A problem's message without the claim id in front: the report is about one claim already. */
const said = (problem: ClaimProblem) => problem.message.replace(`${problem.claim}: `, '');
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function pageFile(root: string, page: string): string | undefined {
  return ['.mdx', '.md'].map((ext) => `docs/${page}${ext}`).find((file) => existsSync(path.join(root, file)));
}

/** The scaffolded comparison's overview page of a claim, when its comparison was scaffolded. */
function overviewFile(root: string, claim: Claim): string | undefined {
  const overview = `docs/${claim.architecture}/index.mdx`;
  return existsSync(path.join(root, 'examples/claims/comparisons', `${claim.architecture}.json`)) && existsSync(path.join(root, overview)) ? overview : undefined;
}

/**
 * The claims check for one claim, grouped into four steps: its registry entry and files, its
 * evidence, its key figure and the scaffold text left. Runs the check once for all four.
 *
 * @example
 * ```ts
 * const [entry, evidence, figure, scaffold] = await claimsCheckSteps({ claim, root, experimentIds });
 * ```
 */
export async function claimsCheckSteps(context: ClaimCheckContext, found?: Promise<ClaimProblem[]>): Promise<StepResult[]> {
  const { claim, root } = context;
  const figures = figuresOf(context);
  const problems = await (found ?? claimProblems(context));
  const of = (...kinds: ClaimProblem['missing'][]) => problems.filter((problem) => kinds.includes(problem.missing)).map(said);
  const entryFile = existsSync(path.join(root, 'examples/claims/comparisons', `${claim.architecture}.json`)) ? `examples/claims/comparisons/${claim.architecture}.json` : 'examples/claims/registry.ts';
  const testable = claim.verdict !== 'not-testable';

  const entryName = 'registry entry and files (claims check)';
  const entryProblems = of('entry', 'verdict', 'citations', 'experiment', 'tests');
  const entry = entryProblems.length
    ? failed(entryName, entryProblems)
    : passed(entryName, `${entryFile}: verdict ${claim.verdict}, ${plural(claim.citations.length, 'citation')}${testable ? `; experiment and test in examples/${claim.id}/` : ''}`);

  const evidenceName = 'evidence';
  const stale = testable && context.experimentIds.includes(claim.id) ? await evidenceProblem(claim.id, root) : undefined;
  const evidenceProblems = of('evidence');
  const evidence = readEvidence(claim.id, root);
  let evidenceStep: StepResult;
  if (evidenceProblems.length) evidenceStep = failed(evidenceName, evidenceProblems);
  else if (!testable) evidenceStep = passed(evidenceName, 'none needed: the claim is not testable');
  else if (!evidence || stale) evidenceStep = failed(evidenceName, [`${stale ?? `${evidenceFile(claim.id)} is missing`}: run npm run evidence -- ${claim.id}`]);
  else {
    const { stamp } = evidence;
    evidenceStep = passed(evidenceName, `${evidenceFile(claim.id)}: made by today's source (hash ${stamp.sourceHash.slice(0, 12)}), supports ${evidence.verdict.verdict}; run ${stamp.date.slice(0, 10)} on ${stamp.cpuModel}, ${stamp.cores} cores, Node ${stamp.node}`);
  }

  const figureName = 'key figure';
  const figureProblems = of('key-figure');
  let figureStep: StepResult;
  if (figureProblems.length) figureStep = failed(figureName, figureProblems);
  else if (!testable || evidence?.verdict.verdict === 'not-testable') figureStep = passed(figureName, 'none: the claim is not testable, so the comparison page shows no figure');
  else if (!context.experimentIds.includes(claim.id)) figureStep = failed(figureName, ['read from the evidence of an experiment, which the claim does not have yet']);
  else if (!evidence || stale) figureStep = failed(figureName, [`keyFigure in examples/${claim.id}/report.ts is read from ${evidenceFile(claim.id)}, which is missing or stale: run npm run evidence -- ${claim.id}, then check again`]);
  else figureStep = passed(figureName, `"${figures.figure(claim.id, evidence.result)}" (keyFigure in examples/${claim.id}/report.ts, shown on the comparison page)`);

  const scaffoldName = 'no scaffold text left';
  const scaffoldProblems = of('scaffold');
  const overview = overviewFile(root, claim);
  const scaffold = scaffoldProblems.length
    ? failed(scaffoldName, scaffoldProblems)
    : passed(scaffoldName, `no TODO or placeholder in examples/${claim.id}/, its page, its words${overview ? ` or ${overview}` : ''}`);

  return [entry, evidenceStep, figureStep, scaffold];
}

/**
 * The claim's page, and its comparison's overview page if the comparison was scaffolded, checked as
 * the build would check them (see check-claim-page.ts), with the claims check's page findings.
 *
 * @example
 * ```ts
 * const step = await pageStep({ claim, root, experimentIds });
 * ```
 */
export async function pageStep(context: ClaimCheckContext, found?: Promise<ClaimProblem[]>): Promise<StepResult> {
  const { claim, root } = context;
  const name = 'page compiles, its imports resolve';
  const page = pageFile(root, claim.page);
  if (!page) return failed(name, [`docs/${claim.page}.mdx does not exist: write it (npm run new:claim scaffolds one)`]);
  const sectionProblems = (await (found ?? claimProblems(context))).filter((problem) => problem.missing === 'page').map(said);
  const overview = overviewFile(root, claim);
  const checks = await Promise.all([page, ...(overview ? [overview] : [])].map((file) => checkPage(file, root)));
  const problems = [...sectionProblems, ...checks.flatMap((check) => check.problems)];
  if (problems.length) return failed(name, problems);
  const [own] = checks;
  return passed(name, `${page} compiles: ${plural(own?.imports ?? 0, 'import')} resolve, ${plural(own?.components ?? 0, 'component')} imported${overview ? `; ${overview} too` : ''}`);
}

/** The TypeScript files of a claim's folder, relative to the root. */
function claimSources(root: string, id: string): string[] {
  const folder = path.join(root, 'examples', id);
  return existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.ts')).sort().map((file) => `examples/${id}/${file}`) : [];
}

/**
 * The claim's files type-checked with the project's tsconfig.json, and the key-figure list that
 * imports its report, so that a `keyFigure` missing or of the wrong type fails here and not first
 * in CI. Only the claim's files and what they import, so that it takes seconds, not the whole
 * project's type check.
 *
 * @example
 * ```ts
 * typesStep(root, 'nano-chaining').ok; // true
 * ```
 */
export function typesStep(root: string, id: string): StepResult {
  const name = 'type check';
  const files = claimSources(root, id);
  if (files.length === 0) return failed(name, [`no TypeScript file in examples/${id}/`]);
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const rootNames = [...files, 'examples/claims/key-figures.ts'].map((file) => path.join(root, file));
  const program = ts.createProgram({ rootNames, options: { ...parsed.options, noEmit: true } });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length === 0) return passed(name, `${plural(files.length, 'file')} of examples/${id}/ and what they import: no error`);
  const lines = diagnostics.slice(0, 15).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${path.relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1}: ${message}`;
  });
  return failed(name, [...lines, ...(diagnostics.length > 15 ? [`... and ${diagnostics.length - 15} more`] : [])]);
}

/**
 * The claim's folder linted with the project's eslint.config.mjs (the rule that keeps Node
 * built-ins out of report.ts and in-browser.ts among them).
 *
 * @example
 * ```ts
 * (await lintStep(root, 'nano-chaining')).ok; // true
 * ```
 */
export async function lintStep(root: string, id: string): Promise<StepResult> {
  const name = 'lint';
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles([`examples/${id}/`]);
  const errors = results.flatMap((result) =>
    result.messages.filter((message) => message.severity === 2).map((message) => `${path.relative(root, result.filePath)}:${message.line}:${message.column}: ${message.message}${message.ruleId ? ` (${message.ruleId})` : ''}`),
  );
  return errors.length ? failed(name, [...errors.slice(0, 15), 'npx eslint --fix fixes some of these']) : passed(name, `${plural(results.length, 'file')} of examples/${id}/: no error`);
}

/**
 * The claim's tests, and the key-figure tests every claim's figure must pass, run by vitest in a
 * child process as CI runs them.
 *
 * @example
 * ```ts
 * (await testsStep(root, 'nano-chaining')).lines; // ['26 tests passed (vitest run examples/nano-chaining/ examples/claims/key-figures.test.ts)']
 * ```
 */
export async function testsStep(root: string, id: string): Promise<StepResult> {
  const name = 'tests';
  const files = [`examples/${id}/`, 'examples/claims/key-figures.test.ts'];
  const command = `vitest run ${files.join(' ')}`;
  const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
  // Not spawnSync: while this process waited on it, an interrupt could not reach its handler
  // (run-guard.ts), and the tests would go on after `npm run check` had been stopped.
  const run = await new Promise<{ status: number | null; output: string; error?: Error }>((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', ...files], { cwd: root, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout: 15 * 60 * 1000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => resolve({ status: null, output, error }));
    child.once('close', (status) => resolve({ status, output }));
  });
  const { output } = run;
  const count = (word: string) => Number(new RegExp(`Tests\\s+(?:.*?\\b)?(\\d+) ${word}`).exec(output)?.[1] ?? 0);
  if (run.status === 0 && count('passed') > 0) return passed(name, `${plural(count('passed'), 'test')} passed (${command})`);
  const failures = output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => /^\s*(×|FAIL\b)|Error:|No test files found/.test(line))
    .slice(0, 20);
  return failed(name, [
    run.error ? `vitest did not run: ${run.error.message}` : `${plural(count('failed'), 'test')} failed (${command})`,
    ...failures,
    `npx ${command} shows the whole output`,
  ]);
}

/**
 * Every step of the check for one claim, in the order it runs and is printed: the claims check's
 * four (cheap), the page, the type check, lint, then the tests (the slowest).
 *
 * @example
 * ```ts
 * for (const step of claimCheckSteps({ claim, root, experimentIds })) console.log(await step.run());
 * ```
 */
export function claimCheckSteps(context: ClaimCheckContext): Step[] {
  let found: Promise<ClaimProblem[]> | undefined;
  let grouped: Promise<StepResult[]> | undefined;
  const problems = () => (found ??= claimProblems(context));
  const fromClaimsCheck = (index: number, name: string): Step => ({
    name,
    run: async () => {
      grouped ??= claimsCheckSteps(context, problems());
      return (await grouped)[index] as StepResult;
    },
  });
  const { root, claim } = context;
  // A claim without a folder of code has nothing to type-check, lint or test: fine for one that
  // cannot be tested, a failure for one that can (the registry step says what to write).
  const withCode = (name: string, check: () => StepResult | Promise<StepResult>): Step => ({
    name,
    run: async () => {
      if (claimSources(root, claim.id).length > 0) return check();
      return claim.verdict === 'not-testable'
        ? passed(name, `nothing to check: the claim is not testable and has no code in examples/${claim.id}/`)
        : failed(name, [`no code in examples/${claim.id}/ to check: write its experiment (npm run new:claim scaffolds one)`]);
    },
  });
  return [
    fromClaimsCheck(0, 'registry entry and files (claims check)'),
    fromClaimsCheck(1, 'evidence'),
    fromClaimsCheck(2, 'key figure'),
    fromClaimsCheck(3, 'no scaffold text left'),
    { name: 'page compiles, its imports resolve', run: () => pageStep(context, problems()) },
    withCode('type check', () => typesStep(root, claim.id)),
    withCode('lint', () => lintStep(root, claim.id)),
    withCode('tests', () => testsStep(root, claim.id)),
  ];
}
