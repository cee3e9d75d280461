import { z } from 'zod';

/** One form control for one experiment parameter, as plain JSON (it leaves the Web Worker). */
export interface ParamControl {
  readonly name: string;
  /** The parameter name in words: `chainLengths` becomes "chain lengths". */
  readonly label: string;
  /** What the schema accepts, in words: "whole number from 10 to 100000". */
  readonly accepts: string;
  /** `list` is comma-separated; `choice` is one of `options`. */
  readonly kind: 'number' | 'list' | 'boolean' | 'choice';
  /** The start value, written as the reader would type it. */
  readonly initial: string;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly options?: readonly string[];
}

interface JsonSchema {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
  readonly items?: JsonSchema;
  readonly minItems?: number;
}

/** `chainLengths` → "chain lengths"; a unit suffix becomes the unit: `workUs` → "work (µs)", `budgetMs` → "budget (ms)". */
const words = (name: string) =>
  name
    .replace(/Us$/, ' (µs)')
    .replace(/Ms$/, ' (ms)')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();

function range(schema: JsonSchema): string {
  const kind = schema.type === 'integer' ? 'whole number' : 'number';
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const above = schema.minimum === undefined && schema.exclusiveMinimum !== undefined;
  if (low !== undefined && schema.maximum !== undefined) return `${kind} ${above ? 'above' : 'from'} ${low} ${above ? 'up ' : ''}to ${schema.maximum}`;
  if (low !== undefined) return `${kind} ${above ? 'above' : 'from'} ${low}`;
  if (schema.maximum !== undefined) return `${kind} up to ${schema.maximum}`;
  return kind;
}

function control(name: string, schema: JsonSchema, initial: unknown): ParamControl {
  const label = words(name);
  const base = { name, label };
  if (schema.type === 'array' && schema.items) {
    const item = schema.items;
    const each = item.enum ? `one of ${item.enum.join(', ')}` : range(item);
    return { ...base, kind: 'list', accepts: `comma-separated, each a ${each}`, initial: (initial as unknown[]).join(', '), options: item.enum };
  }
  if (schema.type === 'boolean') return { ...base, kind: 'boolean', accepts: 'yes or no', initial: String(initial) };
  if (schema.enum) return { ...base, kind: 'choice', accepts: `one of ${schema.enum.join(', ')}`, initial: String(initial), options: schema.enum };
  if (schema.type === 'number' || schema.type === 'integer') {
    return {
      ...base,
      kind: 'number',
      accepts: range(schema),
      initial: String(initial),
      min: schema.minimum ?? schema.exclusiveMinimum,
      max: schema.maximum,
      integer: schema.type === 'integer',
    };
  }
  throw new Error(`parameter ${name}: a form cannot edit a ${schema.type ?? 'complex'} value; give it a default and leave it out of the in-page schema`);
}

/**
 * Describes a form for an experiment's parameter schema: one control per parameter, starting at
 * `initial` where given and at the schema's default otherwise. Numbers, lists of numbers or
 * choices, booleans and choices are supported; anything else is refused, naming the parameter.
 *
 * @example
 * ```ts
 * describeControls(z.object({ iterations: z.number().int().min(10).default(100) }), { iterations: 50 });
 * // [{ name: 'iterations', label: 'iterations', kind: 'number', initial: '50', accepts: 'whole number from 10', ... }]
 * ```
 */
export function describeControls<Schema extends z.ZodObject>(schema: Schema, initial: Partial<z.input<Schema>>): ParamControl[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema> };
  const start = { ...(schema.parse({}) as Record<string, unknown>), ...(initial as Record<string, unknown>) };
  return Object.entries(json.properties ?? {}).map(([name, property]) => control(name, property, start[name]));
}
