import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../files/evidence.ts';
import { parseSystemFile, SystemFileError } from './system-file.ts';
import type { System } from './system.ts';

// Property-based test of the system file parser (`npm run lab -- run <file>` reads files through
// it): the reference systems, broken in every way a hand-edited file can be, must give either a
// valid system or a SystemFileError naming each bad field, never a TypeError, a RangeError or a
// stack overflow.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const systemsFolder = path.join(repoRoot, 'examples/systems');
const referenceTexts = readdirSync(systemsFolder)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ file: `examples/systems/${name}`, text: readFileSync(path.join(systemsFolder, name), 'utf8') }));

/** Keys an object inherits, and the one JSON.parse makes an own property of. */
const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** Sets a key as an own property, even `__proto__`, which assignment would take as the prototype. */
const setOwn = (target: Record<string, Json>, key: string, value: Json) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/** The deeply nested arrays a mutation put in: never walked into, so that two never nest (JSON.stringify would overflow the test's own stack). */
const deepValues = new WeakSet<object>();

/** Every place in a JSON value, as its parent and key: what a mutation changes. */
function places(value: Json, found: Array<{ parent: Record<string, Json> | Json[]; key: string | number }> = []): typeof found {
  if (value === null || typeof value !== 'object' || deepValues.has(value)) return found;
  for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
    found.push({ parent: value, key });
    places((value as Record<string | number, Json>)[key] as Json, found);
  }
  return found;
}

/** One way a hand-edited file goes wrong. */
type Mutation =
  | { kind: 'delete' | 'negative' | 'huge-string' | 'deep' | 'wrong-type'; at: number; value: Json }
  | { kind: 'prototype-key'; at: number; key: string; value: Json }
  | { kind: 'call'; from: number; to: string; mode: 'sync' | 'async' }
  | { kind: 'entry'; to: string };

/** Adds a call step to the `from`-th operation, if the file still has operations as an object. */
function addCall(system: Record<string, Json>, mutation: Extract<Mutation, { kind: 'call' }>): void {
  const operations = system.operations;
  if (!operations || typeof operations !== 'object' || Array.isArray(operations)) return;
  const names = Object.keys(operations);
  const from = operations[names[mutation.from % Math.max(names.length, 1)] ?? ''];
  if (!from || typeof from !== 'object' || Array.isArray(from)) return;
  if (!Array.isArray(from.calls)) from.calls = [];
  (from.calls as Json[]).push({ [mutation.mode]: mutation.to });
}

function mutate(system: Record<string, Json>, mutation: Mutation): void {
  if (mutation.kind === 'call') return addCall(system, mutation);
  if (mutation.kind === 'entry') {
    system.entry = mutation.to;
    return;
  }
  const all = places(system);
  const place = all[mutation.at % all.length];
  if (!place) return;
  const { parent, key } = place;
  const set = (value: Json) => {
    if (Array.isArray(parent)) parent[key as number] = value;
    else setOwn(parent, key as string, value);
  };
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (mutation.kind === 'negative') set(-1 - Math.abs(Number(mutation.value) || 1));
  else if (mutation.kind === 'huge-string') set('x'.repeat(200_000));
  else if (mutation.kind === 'deep') {
    const deep = JSON.parse(`${'['.repeat(1_000)}${']'.repeat(1_000)}`) as Json[];
    deepValues.add(deep);
    set(deep);
  }
  else if (mutation.kind === 'wrong-type') set(mutation.value);
  else if (mutation.kind === 'prototype-key') {
    const target = (parent as Record<string | number, Json>)[key];
    if (target && typeof target === 'object' && !Array.isArray(target)) setOwn(target, mutation.key, mutation.value);
  }
}

const operationNames = fc.oneof(fc.constantFrom('no-such-operation', 'Checkout', 'a', '', ...prototypeKeys), fc.string({ maxLength: 6 }));
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'negative', 'huge-string', 'deep', 'wrong-type'), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }),
  fc.record({ kind: fc.constant('prototype-key'), at: fc.nat(), key: fc.constantFrom(...prototypeKeys), value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }),
  // A call to an unknown name, or to an operation of the file: which may close a cycle.
  fc.record({ kind: fc.constant('call'), from: fc.nat(), to: operationNames, mode: fc.constantFrom('sync', 'async') }),
  fc.record({ kind: fc.constant('call'), from: fc.nat(), to: fc.constantFrom('checkout', 'cart', 'payment', 'frontend', 'root'), mode: fc.constant('sync') }),
  fc.record({ kind: fc.constant('entry'), to: operationNames }),
) as fc.Arbitrary<Mutation>;

/** Parses, and says which of the two allowed outcomes it was; anything else fails the test with its error. */
function parseOutcome(text: string, file: string): { system: System } | { error: SystemFileError } {
  try {
    return { system: parseSystemFile(text, file) };
  } catch (error) {
    if (!(error instanceof SystemFileError)) throw new Error(`parseSystemFile threw ${(error as Error).name}, not a SystemFileError: ${(error as Error).message}`, { cause: error });
    return { error };
  }
}

/** The contract of a refusal: the file named, and each problem naming its field (or the file) and what is wrong. */
function expectNamedProblems(error: SystemFileError, file: string): void {
  expect(error.message.startsWith(`${file}: `)).toBe(true);
  expect(error.problems.length).toBeGreaterThan(0);
  // A problem starts with the path of its field (from a top-level field of the format), the file as
  // a whole, or "not JSON"; after ": ", what is wrong.
  for (const problem of error.problems) expect(problem).toMatch(/^(not JSON|\(the file\)|(\$schema|name|title|description|entry|operations|cuts|sources|assumptions)([.[][^]*)?): \S/);
}

/** What the lab relies on in a system: every name it uses is an operation of its own, and every cut places each operation once. */
function expectValidSystem(system: System): void {
  const isOperation = (name: string) => Object.hasOwn(system.operations, name);
  expect(isOperation(system.entry), `entry ${system.entry}`).toBe(true);
  for (const operation of Object.values(system.operations)) {
    for (const step of operation.calls) for (const target of step.targets) expect(isOperation(target), `${operation.name} calls ${target}`).toBe(true);
  }
  const names = Object.keys(system.operations).sort();
  for (const cut of Object.values(system.cuts)) expect(cut.units.flatMap((unit) => unit.operations).sort(), `cut ${cut.name}`).toEqual(names);
}

describe('parseSystemFile on broken reference systems', () => {
  it('gives a valid system or a SystemFileError naming each bad field, never another error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...referenceTexts), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), ({ file, text }, mutations) => {
        const system = JSON.parse(text) as Record<string, Json>;
        for (const mutation of mutations) mutate(system, mutation);
        const outcome = parseOutcome(JSON.stringify(system), file);
        if ('error' in outcome) expectNamedProblems(outcome.error, file);
        else expectValidSystem(outcome.system);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses text that is not JSON, saying so', () => {
    fc.assert(
      fc.property(fc.constantFrom(...referenceTexts), fc.nat(), fc.string({ unit: 'binary', maxLength: 3 }), ({ file, text }, at, inserted) => {
        const cut = at % text.length;
        for (const broken of [text.slice(0, cut), `${text.slice(0, cut)}${inserted}${text.slice(cut)}`]) {
          const outcome = parseOutcome(broken, file);
          if ('error' in outcome) expectNamedProblems(outcome.error, file);
          else expectValidSystem(outcome.system);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('accepts every reference system as it is', () => {
    for (const { file, text } of referenceTexts) expectValidSystem(parseSystemFile(text, file));
  });

  it.each([
    ['an own __proto__ key at the top', '{"__proto__": {"name": "x"}, "name": "x", "entry": "a", "operations": {"a": {"work": {"cpuUs": 1}}}}', /^\(the file\): a key named "__proto__"/],
    // The counter-examples the property found (issue 19): names every object inherits were taken for
    // operations, and an operation named __proto__ vanished unchecked.
    ['a call to toString', '{"name": "x", "entry": "a", "operations": {"a": {"work": {"cpuUs": 1}, "calls": [{"sync": "toString"}]}}}', /^operations\.a\.calls\[0\]: calls "toString", which is not an operation/],
    ['an entry named constructor', '{"name": "x", "entry": "constructor", "operations": {"a": {"work": {"cpuUs": 1}}}}', /^entry: "constructor" is not an operation/],
    ['a cut placing valueOf', '{"name": "x", "entry": "a", "operations": {"a": {"work": {"cpuUs": 1}}}, "cuts": {"split": [["a"], ["valueOf"]]}}', /^cuts\.split: "valueOf" is not an operation/],
    ['an operation named __proto__', '{"name": "x", "entry": "a", "operations": {"a": {"work": {"cpuUs": 1}}, "__proto__": {"work": {"cpuUs": 1}, "calls": [{"sync": "nowhere"}]}}}', /^operations: a key named "__proto__"/],
    ['a call to itself', '{"name": "x", "entry": "a", "operations": {"a": {"work": {"cpuUs": 1}, "calls": [{"sync": "a"}]}}}', /cycle, a → a/],
    ['a negative cost', '{"name": "x", "entry": "a", "operations": {"a": {"work": {"cpuUs": -1}}}}', /^operations\.a\.work\.cpuUs: /],
    ['a number too big for a double', '{"name": "x", "entry": "a", "operations": {"a": {"work": {"cpuUs": 1e400}}}}', /^operations\.a\.work\.cpuUs: /],
    ['an array nested 100 000 deep', `{"name": "x", "entry": "a", "operations": {"a": {"work": {"cpuUs": 1}, "state": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`, /^operations\.a\.state/],
    ['JSON text that is empty', '', /^not JSON: /],
  ])('refuses %s, naming the field', (_, text, problem) => {
    const outcome = parseOutcome(text, 'x.json');
    expect('error' in outcome && outcome.error.problems.some((line) => problem.test(line)), 'error' in outcome ? outcome.error.message : 'accepted').toBe(true);
  });

  it('checks a chain of 20,000 operations without overflowing the stack (a counter-example of issue 19)', () => {
    const operations = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`o${i}`, { work: { cpuUs: 1 }, ...(i < 19_999 ? { calls: [{ sync: `o${i + 1}` }] } : {}) }]));
    const system = parseSystemFile(JSON.stringify({ name: 'long-chain', entry: 'o0', operations }), 'long-chain.json');
    expect(Object.keys(system.operations)).toHaveLength(20_000);
    const looped = { ...operations, o19999: { work: { cpuUs: 1 }, calls: [{ sync: 'o0' }] } };
    expect(() => parseSystemFile(JSON.stringify({ name: 'long-loop', entry: 'o0', operations: looped }), 'long-loop.json')).toThrow(/the calls make a cycle, o0 → o1 → /);
  });
});
