import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedFileProblems, readMdxPage, typeScriptProblems } from './scaffold-file-checks.ts';
import { comparisonsIndex, keyFiguresIndex, planClaim, planComparison, ScaffoldError, writePlan, type ScaffoldPlan } from './scaffold.ts';

// Property-based tests of the scaffolders: whatever a contributor types, `new:comparison` and
// `new:claim` either refuse it (a ScaffoldError: exit status 2, a message saying what to change,
// nothing written) or plan files that every tool reading them reads, holding the words as typed.

/** Pieces that mean something to one of the file types the words are written into. */
const nastyPieces = ['*/', '/*', '{', '}', '{/* #x */}', '<', '>', '<Really', '</div>', '`', '```', '${', '$', '\\', '\\\\', '"', "'", '&amp;', '&#123;', ':abbr', '::', '#', ' #', '[x](y)', '![i](j)', '*em*', '_u_', '~~s~~', '|', '---', '\n', '\r\n', '\u2028', '\t', '\u0000', '\u0085', '\uFFFE', '\uFEFF', '\uD800', 'é', '😀', '👩🏽‍💻', 'ﬁ', ' ', '\u00A0', 'http://x.y', 'www.x.y', '@example', '%', 'TODO'];
const reservedWords = ['delete', 'new', 'class', 'function', 'eval', 'arguments', 'await', 'yield', 'let', 'static', 'enum', 'undefined', 'null', 'true', 'in', 'of', 'constructor', 'prototype', '__proto__'];

/** Words as a contributor might type them: nasty pieces, ordinary text and any code point, mixed. */
const wordsArbitrary = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...nastyPieces), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 3, maxLength: 60 }),
  fc.string({ minLength: 280, maxLength: 400 }),
);

/** Slugs: valid ones, reserved words and names of the project's own pages, near misses, junk and very long ones. */
const slugArbitrary = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,3}$/),
  fc.constantFrom(...reservedWords, 'intro', 'tags', 'api', 'category', 'systems', 'comparison-files', 'global-this', 'a-b-1', 'a-b1', 'x-index', 'demo'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.stringMatching(/^[a-z]{290,310}$/),
);

let root: string;
/** Every file under a folder, by its path from `base`. */
const filesUnder = (dir: string, base = dir): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name), base) : [path.relative(base, path.join(dir, entry.name))]));

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'scaffold-fuzz-'));
  // A project with a page and a section of its own, and one comparison to add claims to.
  mkdirSync(path.join(root, 'docs/systems'), { recursive: true });
  writeFileSync(path.join(root, 'docs/intro.mdx'), '# Intro\n');
  writePlan(root, planComparison(root, 'demo', 'Demo vs the rest'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs a plan function: its plan, or undefined when it refused, after checking that the refusal says what to change. */
function planOrRefusal(plan: () => ScaffoldPlan): ScaffoldPlan | undefined {
  try {
    return plan();
  } catch (error) {
    expect(error).toBeInstanceOf(ScaffoldError);
    const message = (error as Error).message;
    expect(message.length).toBeGreaterThan(10);
    // A message quotes long input shortened, so that what to change stays readable.
    expect(message.length).toBeLessThan(400);
    return undefined;
  }
}

// A page is compiled once, however many checks read it: compiling MDX is what takes the time.
const pagesRead = new Map<string, ReturnType<typeof readMdxPage>>();
function readPage(file: string, text: string): ReturnType<typeof readMdxPage> {
  const page = pagesRead.get(text) ?? readMdxPage(file, text);
  pagesRead.set(text, page);
  return page;
}

/** Checks that every file of a plan is read by its tool. */
async function expectReadable(plan: ScaffoldPlan): Promise<void> {
  for (const [file, text] of [...plan.create, ...plan.replace]) {
    expect(file.endsWith('.mdx') ? (await readPage(file, text)).problems : await generatedFileProblems(file, text), file).toEqual([]);
  }
}

/** The string given as `title:` in an experiment's `defineExperiment({ ... })`. */
function experimentTitle(source: string): string | undefined {
  let title: string | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && node.name.getText() === 'title' && ts.isStringLiteral(node.initializer)) title ??= node.initializer.text;
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('experiment.ts', source, ts.ScriptTarget.Latest, true));
  return title;
}

/** Checks that the claim's files hold its words as typed, wherever they are read back. */
async function expectWordsKept(plan: ScaffoldPlan, id: string, says: string, page: string): Promise<void> {
  const experiment = plan.create.get(`examples/${id}/experiment.ts`) as string;
  expect(experimentTitle(experiment)).toBe(says);
  // The words inside the JSDoc did not end it early: the comment still holds the lines after them.
  const comment = ts.getLeadingCommentRanges(experiment, experiment.indexOf('\n/**'))?.at(-1);
  expect(experiment.slice(comment?.pos, comment?.end)).toContain('This skeleton deploys every shape');
  const read = await readPage(page, plan.create.get(page) as string);
  expect(read.problems).toEqual([]);
  expect(read.frontMatter.title).toBe(says);
  expect(read.headings.filter((heading) => heading.depth <= 2).map((heading) => heading.text)).toEqual([says, says]);
}

describe('new:claim with any words and id', () => {
  it('refuses with a message, or plans files every tool reads, holding the words as typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(slugArbitrary.map((id) => `demo-${id}`), slugArbitrary), wordsArbitrary, async (id, says) => {
        const plan = planOrRefusal(() => planClaim(root, 'demo', id, says));
        if (!plan) return;
        await expectReadable(plan);
        const page = [...plan.create.keys()].find((file) => file.endsWith('.mdx')) as string;
        await expectWordsKept(plan, id, says.trim(), page);
      }),
      { numRuns: 100 },
    );
  });
});

describe('new:comparison with any slug, title and first claim', () => {
  it('refuses with a message, or plans files every tool reads, with code names that are valid', async () => {
    await fc.assert(
      fc.asyncProperty(slugArbitrary, wordsArbitrary, fc.option(wordsArbitrary, { nil: undefined }), async (slug, title, says) => {
        const plan = planOrRefusal(() => planComparison(root, slug, title, says === undefined ? {} : { id: `${slug}-claim`, says }));
        if (!plan) return;
        await expectReadable(plan);
        const overview = await readPage(`docs/${slug}/index.mdx`, plan.create.get(`docs/${slug}/index.mdx`) as string);
        expect(overview.frontMatter.title).toBe(title.trim());
        expect(overview.headings[0]?.text).toBe(title.trim());
        expect(JSON.parse(plan.create.get(`docs/${slug}/_category_.json`) as string).label).toBe(title.trim());
        if (says !== undefined) await expectWordsKept(plan, `${slug}-claim`, says.trim(), `docs/${slug}/claim.mdx`);
      }),
      { numRuns: 60 },
    );
  });

  it('never plans into a page, a section or a route the site has already', () => {
    for (const [slug, clash] of [
      ['intro', 'docs/intro.mdx is a page at the route /docs/intro already'],
      ['systems', 'docs/systems/ exists already'],
      ['tags', '/docs/tags is a route the site makes itself'],
    ]) {
      expect(() => planComparison(root, slug, 'A title')).toThrow(clash);
    }
  });
});

describe('the generated indexes', () => {
  it('are valid modules with one name per slug, whatever the slugs', () => {
    const kebab = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,3}$/), fc.constantFrom(...reservedWords.filter((word) => /^[a-z]+$/.test(word)), 'comparison-files', 'comparison-key-figures', 'global-this', 'a-b-1', 'a-b1'));
    fc.assert(
      fc.property(fc.array(kebab, { maxLength: 12 }), (slugs) => {
        const comparisons = comparisonsIndex(slugs);
        const figures = keyFiguresIndex(slugs.map((slug) => `claim-${slug}`).concat(slugs.filter((slug) => slug.includes('-'))));
        expect(typeScriptProblems('index.ts', comparisons)).toEqual([]);
        expect(typeScriptProblems('key-figures.ts', figures)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  // Regression: `npm run new:comparison -- delete "..."` wrote `import delete from './delete.json'`,
  // and `a-b-1` and `a-b1` both became `aB1`.
  it('names a reserved word, a name of the module and two look-alike slugs apart', () => {
    const index = comparisonsIndex(['delete', 'comparison-files', 'a-b-1', 'a-b1']);
    for (const line of ["import _delete from './delete.json';", "import _comparisonFiles from './comparison-files.json';", "import aB_1 from './a-b-1.json';", "import aB1 from './a-b1.json';"]) expect(index).toContain(line);
    expect(typeScriptProblems('index.ts', index)).toEqual([]);
  });
});

describe('writePlan of an accepted plan', () => {
  it('writes exactly the planned files, and a refused plan writes nothing', () => {
    fc.assert(
      fc.property(slugArbitrary, wordsArbitrary, (slug, title) => {
        const target = mkdtempSync(path.join(os.tmpdir(), 'scaffold-write-'));
        try {
          const plan = planOrRefusal(() => planComparison(target, slug, title));
          if (plan) writePlan(target, plan);
          expect(filesUnder(target).sort()).toEqual(plan ? [...plan.create.keys(), ...plan.replace.keys()].sort() : []);
        } finally {
          rmSync(target, { recursive: true, force: true });
        }
      }),
      { numRuns: 30 },
    );
  });
});
