import { type z } from 'zod';

/** The parsed command line of `npm run example`. */
export interface ExampleArgs {
  readonly id: string | undefined;
  readonly json: boolean;
  readonly quick: boolean;
  readonly help: boolean;
  /** `--name value` pairs that are not the flags above, still as strings. */
  readonly params: Readonly<Record<string, string>>;
}

/** A command line the runner cannot use; its message says what to change. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const flags = new Set(['json', 'quick', 'help']);

/**
 * Splits `<id> [--json] [--quick] [--name value | --name=value ...]`.
 *
 * @example
 * ```ts
 * splitExampleArgs(['nano-chaining', '--transport', 'http', '--json']);
 * // { id: 'nano-chaining', json: true, quick: false, help: false, params: { transport: 'http' } }
 * ```
 */
export function splitExampleArgs(argv: readonly string[]): ExampleArgs {
  const params: Record<string, string> = {};
  const seen = new Set<string>();
  let id: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '-h') {
      seen.add('help');
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (flags.has(name)) {
        seen.add(name);
      } else {
        const value = inline ?? argv[i + 1];
        if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value, for example --${name} 2`);
        if (inline === undefined) i += 1;
        params[name] = value;
      }
    } else if (id === undefined) {
      id = arg;
    } else {
      throw new UsageError(`unexpected argument "${arg}": give one experiment id, then --name value pairs`);
    }
  }
  return { id, json: seen.has('json'), quick: seen.has('quick'), help: seen.has('help'), params };
}

function innerType(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType };
  return (def.type === 'default' || def.type === 'optional') && def.innerType ? innerType(def.innerType) : schema;
}

function coerce(schema: z.core.$ZodType, raw: string): unknown {
  const def = innerType(schema)._zod.def as { type: string; element?: z.core.$ZodType };
  // An empty field is an empty list (the schema says whether one is allowed), not a list of one blank.
  if (def.type === 'array' && def.element) return raw.trim() === '' ? [] : raw.split(',').map((part) => coerce(def.element as z.core.$ZodType, part.trim()));
  if (def.type === 'number') return raw.trim() === '' ? Number.NaN : Number(raw);
  if (def.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/** A parameter the schema refused, and what it accepts. */
export interface ParamProblem {
  readonly name: string;
  /** Which item of a list, when the problem is inside one (`0`, or `0.rate` deeper). */
  readonly item?: string;
  readonly message: string;
}

/**
 * Turns parameter strings (from a command line or a form) into an experiment's parameters and
 * validates them with its schema. Lists are comma-separated; a singular name finds its plural
 * (`transport` sets `transports`). Returns the parameters, or one problem per refused parameter.
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
  const input: Record<string, unknown> = { ...base };
  const unknown: ParamProblem[] = [];
  for (const [given, value] of Object.entries(raw)) {
    const name = given in shape ? given : `${given}s` in shape ? `${given}s` : undefined;
    if (name) input[name] = coerce(shape[name] as z.core.$ZodType, value);
    else unknown.push({ name: given, message: `unknown parameter. Parameters: ${Object.keys(shape).join(', ')}` });
  }
  if (unknown.length > 0) return { ok: false, problems: unknown };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, params: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      name: String(issue.path[0] ?? '?'),
      ...(issue.path.length > 1 ? { item: issue.path.slice(1).join('.') } : {}),
      message: issue.message,
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
  const problems = read.problems.map((problem) =>
    problem.message.startsWith('unknown parameter')
      ? `unknown parameter --${problem.name}. Parameters: ${Object.keys(schema.shape).map((key) => `--${key}`).join(', ')}`
      : `--${problem.name}${problem.item === undefined ? '' : `[${problem.item}]`}: ${problem.message}`,
  );
  if (problems.length === 1 && problems[0]?.startsWith('unknown parameter')) throw new UsageError(problems[0]);
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
