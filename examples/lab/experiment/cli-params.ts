import { type z } from 'zod';

/** A command line the runner cannot use; its message says what to change. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function innerType(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType };
  return (def.type === 'default' || def.type === 'optional') && def.innerType ? innerType(def.innerType) : schema;
}

/**
 * The strings an enum, a string literal or a union of them accepts; undefined for any other schema.
 *
 * @example
 * ```ts
 * acceptedStrings(z.enum(['memory', 'http'])); // ['memory', 'http']
 * acceptedStrings(z.number()); // undefined
 * ```
 */
export function acceptedStrings(schema: z.core.$ZodType): readonly string[] | undefined {
  const def = innerType(schema)._zod.def as { type: string; entries?: Record<string, unknown>; values?: readonly unknown[]; options?: readonly z.core.$ZodType[] };
  const strings = (values: readonly unknown[]) => values.filter((value): value is string => typeof value === 'string');
  if (def.type === 'enum' && def.entries) return strings(Object.values(def.entries));
  if (def.type === 'literal' && def.values) return strings(def.values);
  if (def.type === 'union' && def.options) {
    const each = def.options.map(acceptedStrings);
    return each.every((values) => values !== undefined) ? each.flat() : undefined;
  }
  return undefined;
}

/** A value with the spaces around its commas and ends dropped, as a comma-separated field is read. */
const commaKey = (value: string) => value.split(',').map((part) => part.trim()).join(',');

/**
 * Splits a comma-separated list. When the items are choices and a choice holds a comma itself
 * ("outbox, consumer not idempotent"), the longest run of parts that spells a choice is one item:
 * plain splitting would cut that choice in two and then refuse both halves.
 *
 * @example
 * ```ts
 * splitList('write then publish, outbox, consumer not idempotent', ['write then publish', 'outbox, consumer not idempotent']);
 * // ['write then publish', 'outbox, consumer not idempotent']
 * splitList('1, 2'); // ['1', '2']
 * ```
 */
export function splitList(raw: string, choices?: readonly string[]): string[] {
  const parts = raw.split(',').map((part) => part.trim());
  if (!choices?.some((choice) => choice.includes(','))) return parts;
  const byKey = new Map(choices.map((choice) => [commaKey(choice), choice]));
  const items: string[] = [];
  for (let start = 0; start < parts.length; ) {
    let end = parts.length;
    while (end > start + 1 && !byKey.has(parts.slice(start, end).join(','))) end -= 1;
    const joined = parts.slice(start, end).join(',');
    items.push(byKey.get(joined) ?? joined);
    start = end;
  }
  return items;
}

/** A number as people type it: digits with an optional sign, point and exponent. `0x10`, `1_000` and `Infinity` are not numbers here. */
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function coerce(schema: z.core.$ZodType, raw: string): unknown {
  const def = innerType(schema)._zod.def as { type: string; element?: z.core.$ZodType };
  if (def.type === 'array' && def.element) {
    const element = def.element;
    // An empty field is an empty list (the schema says whether one is allowed), not a list of one blank.
    return raw.trim() === '' ? [] : splitList(raw, acceptedStrings(element)).map((part) => coerce(element, part));
  }
  // What is not a plain decimal stays a string, so that the schema refuses it as "expected number".
  if (def.type === 'number') return decimal.test(raw.trim()) ? Number(raw) : raw;
  if (def.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/** A parameter the schema refused, and what it accepts. */
export interface ParamProblem {
  readonly name: string;
  /** Which item of a list, when the problem is inside one (`0`, or `0.rate` deeper). */
  readonly item?: string;
  readonly message: string;
  /** `unknown`: no such parameter; `repeated`: given under two names; otherwise the schema refused the value. */
  readonly kind?: 'unknown' | 'repeated';
}

/** The schema's message, with a refused choice quoted next to the quoted choices, so that commas inside a choice cannot mislead. */
function problemMessage(issue: z.core.$ZodIssue, input: Readonly<Record<string, unknown>>): string {
  if (issue.code !== 'invalid_value') return issue.message;
  const given = issue.path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined), input);
  const quoted = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
  return `${quoted(given)} is not one of ${issue.values.map(quoted).join(', ')}`;
}

/**
 * Turns parameter strings (from a command line or a form) into an experiment's parameters and
 * validates them with its schema. Lists are comma-separated; a singular name finds its plural
 * (`transport` sets `transports`). Returns the parameters, or one problem per refused parameter.
 * Only the schema's own names are parameters: `constructor` or `__proto__` is an unknown one.
 *
 * @example
 * ```ts
 * readParamStrings(schema, { iterations: '5' }, {});
 * // { ok: false, problems: [{ name: 'iterations', message: 'Too small: expected number to be >=10' }] }
 * ```
 */
export function readParamStrings<Schema extends z.ZodObject>(
  schema: Schema,
  raw: Readonly<Record<string, string>>,
  base: Partial<z.input<Schema>>,
): { readonly ok: true; readonly params: z.output<Schema> } | { readonly ok: false; readonly problems: readonly ParamProblem[] } {
  const shape = schema.shape as Record<string, z.core.$ZodType>;
  const known = Object.keys(shape);
  const input: Record<string, unknown> = { ...base };
  const givenAs = new Map<string, string>();
  const refused: ParamProblem[] = [];
  for (const [given, value] of Object.entries(raw)) {
    const name = known.includes(given) ? given : known.includes(`${given}s`) ? `${given}s` : undefined;
    const earlier = name === undefined ? undefined : givenAs.get(name);
    if (name === undefined) {
      refused.push({ name: given, kind: 'unknown', message: `unknown parameter. Parameters: ${known.join(', ')}` });
    } else if (earlier !== undefined) {
      refused.push({ name, kind: 'repeated', message: `given twice, as ${earlier} and as ${given}: give it once` });
    } else {
      givenAs.set(name, given);
      input[name] = coerce(shape[name] as z.core.$ZodType, value);
    }
  }
  if (refused.length > 0) return { ok: false, problems: refused };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, params: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      name: String(issue.path[0] ?? '?'),
      ...(issue.path.length > 1 ? { item: issue.path.slice(1).map(String).join('.') } : {}),
      message: problemMessage(issue, input),
    })),
  };
}

/**
 * Turns `--name value` strings into an experiment's parameters and validates them with its schema
 * (see {@link readParamStrings}). Throws a {@link UsageError} naming the parameter and what it accepts.
 *
 * @example
 * ```ts
 * parseExperimentParams(schema, { transport: 'http,memory', iterations: '500' }, {});
 * ```
 */
export function parseExperimentParams<Schema extends z.ZodObject>(
  schema: Schema,
  raw: Readonly<Record<string, string>>,
  base: Partial<z.input<Schema>>,
): z.output<Schema> {
  const read = readParamStrings(schema, raw, base);
  if (read.ok) return read.params;
  const known = Object.keys(schema.shape).map((key) => `--${key}`).join(', ');
  const problems = read.problems.map((problem) =>
    problem.kind === 'unknown'
      ? `unknown parameter --${problem.name}. Parameters: ${known}`
      : `--${problem.name}${problem.item === undefined ? '' : `[${problem.item}]`}: ${problem.message}`,
  );
  if (problems.length === 1 && read.problems[0]?.kind === 'unknown') throw new UsageError(problems[0] as string);
  throw new UsageError(`bad parameter${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
}

/**
 * One line per parameter with its default, for `--help`.
 *
 * @example
 * ```ts
 * describeParams(schema); // ['--iterations (default 2000)', ...]
 * ```
 */
export function describeParams(schema: z.ZodObject): string[] {
  const defaults = schema.parse({}) as Record<string, unknown>;
  return Object.keys(schema.shape).map((key) => `--${key} (default ${JSON.stringify(defaults[key])})`);
}
