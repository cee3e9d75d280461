import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeParams, parseExperimentParams, readParamStrings, splitExampleArgs, UsageError } from './cli-params.ts';

const schema = z.object({
  transports: z.array(z.enum(['memory', 'http'])).min(1).default(['memory']),
  iterations: z.number().int().min(10).default(100),
});

describe('splitExampleArgs', () => {
  it('separates the id, the flags and the parameters', () => {
    expect(splitExampleArgs(['nano-chaining', '--transport', 'http', '--json', '--iterations=50'])).toEqual({
      id: 'nano-chaining', json: true, quick: false, help: false, params: { transport: 'http', iterations: '50' },
    });
  });

  it('refuses a parameter without a value', () => {
    expect(() => splitExampleArgs(['x', '--iterations'])).toThrow('--iterations needs a value');
    expect(() => splitExampleArgs(['x', '--iterations', '--json'])).toThrow(UsageError);
  });

  it('refuses a second positional argument', () => {
    expect(() => splitExampleArgs(['a', 'b'])).toThrow('unexpected argument "b"');
  });
});

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

  it('names the bad parameter and says what it accepts', () => {
    expect(() => parseExperimentParams(schema, { transport: 'carrier-pigeon' }, {})).toThrow(/--transports\[0\]: Invalid option: expected one of "memory"\|"http"/);
    expect(() => parseExperimentParams(schema, { iterations: 'lots' }, {})).toThrow(/--iterations: Invalid input: expected number/);
    expect(() => parseExperimentParams(schema, { iterations: '5' }, {})).toThrow(/--iterations: Too small/);
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
    expect(read.ok ? [] : read.problems.map((problem) => problem.name)).toEqual(['colour']);
  });
});
