import { describe, expect, it } from 'vitest';
import { parseRunArgs } from './run-args.ts';

const shop = ['--system', 'examples/systems/shop.json'];

describe('parseRunArgs', () => {
  it('takes every cut, http, the cloud fault model and seed 1 by default', () => {
    const args = parseRunArgs(shop);
    expect(args.cuts).toEqual(['monolith', 'nanoservices', 'microservices']);
    expect(args).toMatchObject({ transport: 'http', quick: false, json: false, seed: 1, asyncCalls: 'broker' });
    expect(args.faults.name).toBe('cloud');
  });

  it('carries async steps through a broker on http and process, directly on memory, or as asked', () => {
    expect(parseRunArgs([...shop, '--transport', 'process']).asyncCalls).toBe('broker');
    expect(parseRunArgs([...shop, '--transport', 'memory']).asyncCalls).toBe('direct');
    expect(parseRunArgs([...shop, '--async', 'direct']).asyncCalls).toBe('direct');
  });

  it('takes the cuts, transport, faults, seed and switches asked for', () => {
    const args = parseRunArgs([...shop, '--cuts', 'nanoservices,monolith', '--transport=process', '--faults', 'stress', '--seed', '42', '--quick', '--json']);
    expect(args).toMatchObject({ cuts: ['nanoservices', 'monolith'], transport: 'process', seed: 42, quick: true, json: true });
    expect(args.faults.basis).toMatch(/STRESS CASE/);
  });

  it('reads --json=false and --quick=true as written', () => {
    expect(parseRunArgs([...shop, '--json=false', '--quick=true'])).toMatchObject({ json: false, quick: true });
  });

  it.each([
    [[], '--system <file> is required'],
    [[...shop, '--cuts', 'serverless'], 'shop has no cut named "serverless"; its cuts: monolith, nanoservices, microservices'],
    [[...shop, '--cuts', 'monolith,monolith'], 'names a cut twice'],
    [[...shop, '--cuts', ''], '--cuts is a comma-separated list'],
    [[...shop, '--transport', 'udp'], '--transport is memory, http, process, got "udp"'],
    [[...shop, '--faults', 'chaos'], '--faults is cloud, stress, none, got "chaos"'],
    [[...shop, '--async', 'kafka'], '--async is broker or direct, got "kafka"'],
    [[...shop, '--transport', 'memory', '--async', 'broker'], '--async broker needs --transport http or process'],
    [[...shop, '--seed', '1.5'], '--seed is a whole number'],
    [[...shop, '--fast'], 'unknown option --fast. Options: --system, --cuts, --transport, --faults, --seed, --async, --quick, --json, --help'],
    [[...shop, 'extra'], 'unexpected argument "extra"'],
    [[...shop, '--faults', 'constructor'], '--faults is cloud, stress, none, got "constructor"'],
    [[...shop, '--transport', 'udp', '--transport', 'memory'], '--transport is given twice (first "udp"): give it once'],
    [[...shop, '--json=no'], '--json takes no value (or =true, =false), got --json=no'],
    [['--system', 'examples/systems/no-such.json'], 'no-such.json'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseRunArgs(argv)).toThrow(message);
  });
});
