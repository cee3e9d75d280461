import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../experiment/cli-params.ts';
import { parseFlags } from './flags.ts';

/** `--name=value` is option `--name`. */
const optionOf = (arg: string) => arg.split('=')[0] as string;

/** Flags right and wrong: known and unknown, Object's own names, switches with values, strays. */
const argument = fc.oneof(
  fc.constantFrom('--quick', '--quick=false', '--quick=yes', '--seed', '--seed=7', '-h', '--help', '--', '-5', '--constructor', '--__proto__', 'extra', ''),
  fc.string({ maxLength: 6 }).map((name) => `--${name}`),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

describe('parseFlags', () => {
  const options = { quick: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', short: 'h' } } as const;

  it('parses known flags with their defaults', () => {
    expect({ ...parseFlags(['--quick'], options) }).toEqual({ quick: true, seed: '1', help: undefined });
    expect(parseFlags(['-h', '--quick=false'], options)).toMatchObject({ help: true, quick: false });
  });

  it('refuses an unknown flag, a positional argument and a repeated flag, naming it', () => {
    expect(() => parseFlags(['--cuts', 'a'], options)).toThrow('unknown option --cuts. Options: --seed, --quick, --help');
    expect(() => parseFlags(['extra'], options)).toThrow('unexpected argument "extra"');
    expect(() => parseFlags(['--seed', '1', '--seed=2'], options)).toThrow('--seed is given twice (first "1")');
    expect(() => parseFlags(['--constructor'], options)).toThrow('unknown option --constructor');
  });

  it('gives only its own flags, or refuses naming an argument', () => {
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 5 }), (argv) => {
        let values;
        try {
          values = parseFlags(argv, options);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect(argv.some((arg) => (error as Error).message.includes(optionOf(arg))), (error as Error).message).toBe(true);
          return;
        }
        expect(Object.keys(values).sort()).toEqual(['help', 'quick', 'seed']);
        expect(Object.getPrototypeOf(values)).toBeNull();
        expect(values.seed === '1' || argv.includes('--seed') || argv.includes(`--seed=${String(values.seed)}`)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

