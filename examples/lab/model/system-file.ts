// zod's namespace, as its documentation imports it: Docusaurus loads the plugins that import this
// module through jiti with interopDefault, which hands `import { z }` zod's default export.
import * as z from 'zod';
import { cutUnit, generatedCuts, normaliseSystem, type SystemFile, type System } from './system.ts';

// The system file format: what people write to describe a system to the lab. The zod schema checks
// each field (and is published as JSON Schema); the checks after it need the whole file: names that
// must exist, a call graph without a cycle, cuts that partition the operations. Node code only: a page
// reads system files as plain JSON and draws them with system.ts, never loading zod.

const operationName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an operation name: a letter, then letters, digits, - or _');
const kebab = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens, e.g. online-boutique');

/** A fixed value, or `{ median, p99 }` of a seeded log-normal distribution. */
const distribution = z.union([
  z.number().nonnegative().describe('A fixed value.'),
  z
    .strictObject({ median: z.number().positive(), p99: z.number().positive() })
    .refine((value) => value.p99 >= value.median, { message: 'p99 must be at least the median', path: ['p99'] })
    .describe('A log-normal distribution with this median and 99th percentile, drawn from a seeded generator.'),
]);

const targets = z.union([operationName, z.array(operationName).min(1)]);

const callStep = z
  .union([
    z.strictObject({ sync: targets.describe('Called and waited for; a list is called in parallel.') }),
    z.strictObject({ async: targets.describe('Published and not waited for; a list is published at once.') }),
  ])
  .describe('One step of the calls: { "sync": "a" }, { "sync": ["a", "b"] } (in parallel) or { "async": "a" }.');

const operation = z.strictObject({
  description: z.string().optional(),
  work: z
    .strictObject({
      cpuUs: distribution.describe('CPU time per run, in microseconds.'),
      waitUs: distribution.optional().describe('Time per run spent waiting (a disk, a store outside the system), in microseconds.'),
    })
    .describe('What one run of the operation costs.'),
  payloadBytes: distribution.optional().describe('Bytes of the request it is called with; 1500 when left out.'),
  state: z.array(z.string().min(1)).optional().describe('The tables it owns.'),
  calls: z.array(callStep).optional().describe('Its calls, step by step, in order.'),
});

const unit = z.union([
  z.array(operationName).min(1).describe('A deploy unit: the operations it holds, named after them.'),
  z.strictObject({ name: kebab, operations: z.array(operationName).min(1) }).describe('A named deploy unit: { "name": "billing", "operations": ["tax", "payment"] }.'),
  z
    .strictObject({ name: kebab, modules: z.record(kebab, z.array(operationName).min(1)).refine((modules) => Object.keys(modules).length > 0, 'a unit needs at least one module') })
    .describe('A deploy unit divided into modules: { "name": "shop", "modules": { "orders": ["checkout"], ... } }.'),
]);

const source = z.strictObject({
  title: z.string().min(1),
  url: z.url().optional(),
  author: z.string().optional(),
  year: z.int().optional(),
  says: z.string().optional().describe('What the file takes from it.'),
});

/** The system file format, as a zod schema. */
export const SystemFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: kebab.describe('The system\'s id.'),
  title: z.string().optional(),
  description: z.string().optional(),
  entry: operationName.describe('The operation a request from outside calls.'),
  operations: z.record(operationName, operation).refine((operations) => Object.keys(operations).length > 0, 'a system needs at least one operation'),
  cuts: z
    .record(kebab, z.array(unit).min(1))
    .optional()
    .describe('Named partitions of the operations into deploy units; monolith and nanoservices exist for every system.'),
  sources: z.array(source).optional().describe('Where the shape and the figures come from.'),
  assumptions: z.array(z.string().min(1)).optional().describe('The values chosen rather than taken from a source, each with why.'),
});

/** A system file the lab cannot use; `problems` name each field and what is wrong. */
export class SystemFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
    this.name = 'SystemFileError';
  }
}

const pathOf = (path: readonly PropertyKey[]) => path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '') || '(the file)';

/** Whether a name is one of the file's operations: its own keys only, so `constructor` or `toString` is not. */
const isOperation = (file: SystemFile, name: string) => Object.hasOwn(file.operations, name);

/** The operations an operation calls, in the order it calls them. */
const calleesOf = (file: SystemFile, name: string): string[] =>
  (file.operations[name]?.calls ?? []).flatMap((step) => ('sync' in step ? step.sync : step.async)).flatMap((target) => (typeof target === 'string' ? [target] : target));

/**
 * A cycle in the call graph, if there is one: `a → b → a`. A depth-first walk with its own stack
 * rather than recursion, so that a chain of many thousands of operations is checked, not a stack
 * overflow.
 */
function findCycle(file: SystemFile): string[] | undefined {
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of Object.keys(file.operations)) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const pending: string[][] = [calleesOf(file, start).filter((callee) => isOperation(file, callee))];
    state.set(start, 'walking');
    while (path.length > 0) {
      const next = (pending[pending.length - 1] as string[]).shift();
      if (next === undefined) {
        state.set(path.pop() as string, 'done');
        pending.pop();
        continue;
      }
      if (state.get(next) === 'walking') return [...path.slice(path.indexOf(next)), next];
      if (state.get(next) === 'done') continue;
      state.set(next, 'walking');
      path.push(next);
      pending.push(calleesOf(file, next).filter((callee) => isOperation(file, callee)));
    }
  }
  return undefined;
}

/** Every operation a request to `entry` reaches, walked with a list rather than recursion (see {@link findCycle}). */
function reachedFrom(file: SystemFile, entry: string): Set<string> {
  const reached = new Set<string>([entry]);
  const toVisit = [entry];
  while (toVisit.length > 0) {
    for (const callee of calleesOf(file, toVisit.pop() as string)) {
      if (reached.has(callee)) continue;
      reached.add(callee);
      toVisit.push(callee);
    }
  }
  return reached;
}

/**
 * Where parsed JSON has a `__proto__` key: the path of each object that holds one (`operations`), or
 * `(the file)` at the top. JSON.parse keeps such a key as an own property, but copying the object (as
 * the schema does) sets the prototype instead, so the entry would vanish unchecked. Walked with a
 * list, as a deeply nested file must not overflow the stack, and a path is only spelt out for a find.
 */
function protoKeyHolders(json: unknown): string[] {
  interface Place {
    readonly value: unknown;
    readonly key: string;
    readonly isIndex: boolean;
    readonly parent: Place | undefined;
  }
  const pathOfPlace = (place: Place | undefined): string => {
    const keys: string[] = [];
    for (let at = place; at?.parent; at = at.parent) keys.push(at.isIndex ? `[${at.key}]` : `.${at.key}`);
    return keys.reverse().join('').replace(/^\./, '') || '(the file)';
  };
  const found: string[] = [];
  const toVisit: Place[] = [{ value: json, key: '', isIndex: false, parent: undefined }];
  while (toVisit.length > 0) {
    const place = toVisit.pop() as Place;
    const { value } = place;
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      if (key === '__proto__' && !Array.isArray(value)) found.push(pathOfPlace(place));
      toVisit.push({ value: (value as Record<string, unknown>)[key], key, isIndex: Array.isArray(value), parent: place });
    }
  }
  return found;
}

/** The problems only the whole file shows: unknown names, a cycle, operations never called, cuts that are not partitions. */
function graphProblems(file: SystemFile): string[] {
  const problems: string[] = [];
  const names = Object.keys(file.operations);
  const known = `the operations are ${names.join(', ')}`;
  if (!isOperation(file, file.entry)) problems.push(`entry: "${file.entry}" is not an operation: ${known}`);
  for (const [name, operation] of Object.entries(file.operations)) {
    (operation.calls ?? []).forEach((step, index) => {
      const called = 'sync' in step ? step.sync : step.async;
      for (const target of typeof called === 'string' ? [called] : called) {
        if (!isOperation(file, target)) problems.push(`operations.${name}.calls[${index}]: calls "${target}", which is not an operation: ${known}`);
      }
    });
  }
  const cycle = findCycle(file);
  if (cycle) problems.push(`operations: the calls make a cycle, ${cycle.join(' → ')}: a request would never end`);
  if (problems.length === 0) {
    const reached = reachedFrom(file, file.entry);
    const unreached = names.filter((name) => !reached.has(name));
    if (unreached.length > 0) problems.push(`operations: ${unreached.map((name) => `"${name}"`).join(', ')} ${unreached.length === 1 ? 'is' : 'are'} never called from the entry "${file.entry}": call ${unreached.length === 1 ? 'it' : 'them'} or leave ${unreached.length === 1 ? 'it' : 'them'} out`);
  }
  for (const [cutName, units] of Object.entries(file.cuts ?? {})) {
    if ((generatedCuts as readonly string[]).includes(cutName)) {
      problems.push(`cuts.${cutName}: "${cutName}" is made for every system; give your cut another name`);
      continue;
    }
    const placed = new Map<string, number[]>();
    const unitNames = new Set<string>();
    units.forEach((unit, index) => {
      const operations = cutUnit(unit).operations;
      for (const operation of operations) placed.set(operation, [...(placed.get(operation) ?? []), index]);
      const unitName = cutUnit(unit).name;
      if (unitNames.has(unitName)) problems.push(`cuts.${cutName}[${index}]: a second unit named "${unitName}"`);
      unitNames.add(unitName);
    });
    for (const [operation, indexes] of placed) {
      if (!isOperation(file, operation)) problems.push(`cuts.${cutName}: "${operation}" is not an operation: ${known}`);
      else if (indexes.length > 1) problems.push(`cuts.${cutName}: puts "${operation}" in more than one place (units ${indexes.join(' and ')}): a cut places each operation once`);
    }
    const missing = names.filter((name) => !placed.has(name));
    if (missing.length > 0) problems.push(`cuts.${cutName}: leaves out ${missing.map((name) => `"${name}"`).join(', ')}: a cut places every operation in a unit`);
  }
  return problems;
}

/**
 * Checks a system file's text and returns the system, or throws a {@link SystemFileError} naming
 * each problem: the path of a bad field and what it accepts, an unknown operation, a cycle, a cut
 * that leaves out or repeats an operation.
 *
 * @example
 * ```ts
 * const system = parseSystemFile(readFileSync('examples/systems/shop.json', 'utf8'), 'examples/systems/shop.json');
 * Object.keys(system.cuts); // ['monolith', 'nanoservices', 'microservices']
 * ```
 */
export function parseSystemFile(text: string, file: string): System {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SystemFileError(file, [`not JSON: ${(error as Error).message}`]);
  }
  const protoHolders = protoKeyHolders(json);
  if (protoHolders.length > 0) throw new SystemFileError(file, protoHolders.map((holder) => `${holder}: a key named "__proto__" cannot name anything in a system file: rename it`));
  const parsed = SystemFileSchema.safeParse(json);
  if (!parsed.success) throw new SystemFileError(file, parsed.error.issues.map((issue) => `${pathOf(issue.path)}: ${issue.message}`));
  const problems = graphProblems(parsed.data as SystemFile);
  if (problems.length > 0) throw new SystemFileError(file, problems);
  return normaliseSystem(parsed.data as SystemFile);
}

/**
 * The system file format as JSON Schema (draft 2020-12), for editors and for readers who write
 * their own; `id` is the address it is published at.
 *
 * @example
 * ```ts
 * systemJsonSchema().type; // 'object'
 * ```
 */
export function systemJsonSchema(id?: string): Record<string, unknown> {
  const schema = z.toJSONSchema(SystemFileSchema, { io: 'input' }) as Record<string, unknown>;
  return { ...(id ? { $id: id } : {}), title: 'Granularity Lab system file', ...schema };
}
