import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadExperiment } from '../../experiments.ts';
import { acceptedStrings, describeParams, parseExperimentParams, readParamStrings, splitList, UsageError } from './cli-params.ts';

const schema = z.object({
  transports: z.array(z.enum(['memory', 'http'])).min(1).default(['memory']),
  iterations: z.number().int().min(10).default(100),
});

/** A record of parameter strings with no prototype, as the command line makes: `__proto__` is an own key. */
function rawParams(entries: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const raw = Object.create(null) as Record<string, string>;
  for (const [name, value] of entries) raw[name] = value;
  return raw;
}

describe('parseExperimentParams', () => {
  it('coerces lists and numbers, and maps a singular name to its plural', () => {
    expect(parseExperimentParams(schema, { transport: 'http,memory', iterations: '500' }, {})).toEqual({ transports: ['http', 'memory'], iterations: 500 });
  });

  it('starts from the base (quick) parameters and keeps the defaults', () => {
    expect(parseExperimentParams(schema, {}, { iterations: 20 })).toEqual({ transports: ['memory'], iterations: 20 });
  });

  it('names an unknown parameter and lists the known ones', () => {
    expect(() => parseExperimentParams(schema, { colour: 'red' }, {})).toThrow('unknown parameter --colour. Parameters: --transports, --iterations');
  });

  it('names the bad parameter and says what it accepts, quoting the choices', () => {
    expect(() => parseExperimentParams(schema, { transport: 'carrier-pigeon' }, {})).toThrow('--transports[0]: "carrier-pigeon" is not one of "memory", "http"');
    expect(() => parseExperimentParams(schema, { iterations: 'lots' }, {})).toThrow(/--iterations: Invalid input: expected number/);
    expect(() => parseExperimentParams(schema, { iterations: '5' }, {})).toThrow(/--iterations: Too small/);
  });

  // Regressions: each of these once threw a TypeError, or was dropped and the default run started.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('refuses --%s as an unknown parameter', (name) => {
    expect(() => parseExperimentParams(schema, rawParams([[name, '1']]), {})).toThrow(`unknown parameter --${name}. Parameters: --transports, --iterations`);
  });

  it('refuses a parameter given under its singular and its plural name', () => {
    expect(() => parseExperimentParams(schema, { transport: 'carrier-pigeon', transports: 'memory' }, {})).toThrow('--transports: given twice, as transport and as transports: give it once');
  });

  it('reads only plain decimals as numbers: hexadecimal, separators and Infinity are refused', () => {
    for (const typed of ['0x10', '1_000', 'Infinity', '']) expect(() => parseExperimentParams(schema, { iterations: typed }, {}), typed).toThrow(UsageError);
    expect(parseExperimentParams(schema, { iterations: ' 1e2 ' }, {}).iterations).toBe(100);
  });

  it('describes every parameter with its default', () => {
    expect(describeParams(schema)).toEqual(['--transports (default ["memory"])', '--iterations (default 100)']);
  });
});

describe('readParamStrings', () => {
  it('returns the parameters when the schema accepts them', () => {
    expect(readParamStrings(schema, { iterations: '20' }, { transports: ['http'] })).toEqual({ ok: true, params: { transports: ['http'], iterations: 20 } });
  });

  it('returns one problem per refused parameter, with the list item, instead of throwing', () => {
    const read = readParamStrings(schema, { transports: 'memory,carrier-pigeon', iterations: '5' }, {});
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((problem) => [problem.name, problem.item])).toEqual([['transports', '1'], ['iterations', undefined]]);
    expect(read.problems[1]?.message).toMatch(/Too small/);
  });

  it('reads an empty field as an empty list, which the schema then accepts or refuses', () => {
    const lists = z.object({ waits: z.array(z.number()).default([1000]), transports: z.array(z.string()).min(1).default(['memory']) });
    expect(readParamStrings(lists, { waits: ' ' }, {})).toEqual({ ok: true, params: { waits: [], transports: ['memory'] } });
    const read = readParamStrings(lists, { transports: '' }, {});
    expect(read.ok ? [] : read.problems.map((problem) => problem.name)).toEqual(['transports']);
  });

  it('names an unknown parameter', () => {
    const read = readParamStrings(schema, { colour: 'red' }, {});
    expect(read.ok ? [] : read.problems.map((problem) => [problem.name, problem.kind])).toEqual([['colour', 'unknown']]);
  });
});

describe('lists of choices that hold commas', () => {
  const variants = ['write then publish', 'transactional outbox', 'outbox, consumer not idempotent'] as const;

  it('reads a choice that holds a comma as one item, with or without spaces after the commas', () => {
    expect(splitList('outbox, consumer not idempotent', variants)).toEqual(['outbox, consumer not idempotent']);
    expect(splitList('write then publish,outbox,consumer not idempotent , transactional outbox', variants)).toEqual([...variants.slice(0, 1), variants[2], variants[1]]);
    expect(splitList('outbox, transactional outbox', variants)).toEqual(['outbox', 'transactional outbox']);
    expect(splitList('1, 2,3')).toEqual(['1', '2', '3']);
  });

  it('finds the choices of an enum, a literal and a union of literals, behind a default', () => {
    expect(acceptedStrings(z.enum(variants).default('transactional outbox'))).toEqual([...variants]);
    expect(acceptedStrings(z.union([z.literal('a'), z.literal('b, c')]))).toEqual(['a', 'b, c']);
    expect(acceptedStrings(z.number())).toBeUndefined();
  });

  it('splits any list of choices back into the choices it was joined from', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...variants), { minLength: 1, maxLength: 6 }), fc.constantFrom(',', ', ', ' ,', ' , '), (items, separator) => {
        expect(splitList(items.join(separator), variants)).toEqual(items);
      }),
      { numRuns: 100 },
    );
  });
});

/** The schema under its default or optional wrappers. */
function unwrapped(type: z.core.$ZodType): z.core.$ZodType {
  const def = type._zod.def as { type: string; innerType?: z.core.$ZodType };
  return def.innerType && (def.type === 'default' || def.type === 'optional') ? unwrapped(def.innerType) : type;
}

/** Pieces a reader might type: the real choices, halves of choices, numbers in every spelling, blanks, unicode. */
const choicePieces = ['memory', 'http', 'process', 'write then publish', 'transactional outbox', 'outbox, consumer not idempotent', 'outbox', 'consumer not idempotent', 'carrier-pigeon'];
const typedValue = fc.oneof(
  fc.tuple(fc.array(fc.constantFrom(...choicePieces), { maxLength: 4 }), fc.constantFrom(',', ', ', ' , ')).map(([items, separator]) => items.join(separator)),
  fc.integer({ min: -5, max: 200_000 }).map(String),
  fc.array(fc.integer({ min: -1, max: 12 }).map(String), { maxLength: 4 }).map((numbers) => numbers.join(',')),
  fc.double().map(String),
  fc.constantFrom('', ' ', 'true', 'false', '0x10', '1e3', '1_000', 'Infinity', 'NaN', '١٢', '１２', '1,', ',', 'ünïcødé, 🚀'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

const experiments = await Promise.all(['nano-chaining', 'micro-no-shared-data', 'micro-less-production-time', 'nano-single-endpoint'].map((id) => loadExperiment(id)));

/** The spaces around commas and at the ends dropped, as a comma-separated field is read. */
const normal = (text: string) => text.split(',').map((part) => part.trim()).join(',');

/**
 * What a parsed value must mean: the number typed, the choices typed (commas inside a choice
 * kept), `true` or `false` as typed. Anything else would be a value the reader did not give.
 */
function expectMeaning(type: z.core.$ZodType, typed: string, parsed: unknown): void {
  const def = unwrapped(type)._zod.def as { type: string; element?: z.core.$ZodType };
  if (def.type === 'number') {
    expect(typed.trim()).toMatch(/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i);
    expect(parsed).toBe(Number(typed));
  } else if (def.type === 'boolean') {
    expect(String(parsed)).toBe(typed);
  } else if (def.type === 'array' && def.element) {
    const element = def.element;
    const items = parsed as unknown[];
    if (typed.trim() === '') {
      expect(items).toEqual([]);
    } else if (acceptedStrings(element)) {
      expect(normal(items.join(','))).toBe(normal(typed));
    } else {
      const parts = typed.split(',');
      expect(items).toHaveLength(parts.length);
      parts.forEach((part, index) => expectMeaning(element, part.trim(), items[index]));
    }
  } else {
    expect(parsed).toBe(typed);
  }
}

/** One counter-example, as fast-check takes it. */
const example = (...entries: Array<[string, string]>): [Array<[string, string]>] => [entries];

describe('parameters of real experiments, generated', () => {
  it.each(experiments.map((experiment) => [experiment.id, experiment] as const))('%s: parameters are read as typed, or refused naming the parameter', (_, experiment) => {
    const shape = experiment.params.shape as Record<string, z.core.$ZodType>;
    const names = Object.keys(shape);
    const plurals = names.filter((known) => known.endsWith('s'));
    const name = fc.oneof(
      fc.constantFrom(...names),
      fc.constantFrom(...(plurals.length ? plurals : names).map((known) => known.replace(/s$/, ''))),
      fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(name, typedValue), { maxLength: 4 }), (entries) => {
        const raw = rawParams(entries);
        let params: Record<string, unknown>;
        try {
          params = parseExperimentParams(experiment.params, raw, {}) as Record<string, unknown>;
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          const named = Object.keys(raw).flatMap((given) => [`--${given}`, `--${given}s`]);
          expect(named.some((flag) => (error as Error).message.includes(flag)), (error as Error).message).toBe(true);
          return;
        }
        expect(experiment.params.safeParse(params).success).toBe(true);
        for (const [given, typed] of Object.entries(raw)) {
          const key = Object.hasOwn(shape, given) ? given : `${given}s`;
          expectMeaning(shape[key] as z.core.$ZodType, typed, params[key]);
        }
      }),
      {
        numRuns: 150,
        examples: [
          example(['constructor', '1']),
          example(['toString', 'x']),
          example(['__proto__', 'x']),
          example(['transport', 'carrier-pigeon'], ['transports', 'memory']),
          example(['variants', 'outbox, consumer not idempotent']),
          example(['iterations', '0x10']),
        ],
      },
    );
  });
});
