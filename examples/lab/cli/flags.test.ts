import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags.ts';

describe('parseFlags', () => {
  const options = { quick: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' } } as const;

  it('parses known flags with their defaults', () => {
    expect(parseFlags(['--quick'], options)).toEqual({ quick: true, seed: '1' });
  });

  it('refuses an unknown flag and a positional argument with a RangeError, without Node’s advice about positionals', () => {
    expect(() => parseFlags(['--cuts', 'a'], options)).toThrow(RangeError);
    expect(() => parseFlags(['--cuts', 'a'], options)).toThrow("Unknown option '--cuts'");
    expect(() => parseFlags(['extra'], options)).toThrow(/Unexpected argument 'extra'/);
    expect(() => parseFlags(['--seed', '-5'], options)).toThrow(/--seed/);
    try {
      parseFlags(['--cuts', 'a'], options);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/To specify a positional argument/);
    }
  });
});
