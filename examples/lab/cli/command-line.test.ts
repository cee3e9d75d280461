import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../experiment/cli-params.ts';
import { parseCommandLine } from './command-line.ts';
import { splitExampleArgs } from './example-args.ts';

/** What the command was given, or the message it refused with; any other exception fails the test. */
function outcome<T>(read: () => T): { ok: true; value: T } | { ok: false; message: string } {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return { ok: false, message: (error as Error).message };
  }
}

/** `--name=value` is option `--name`. */
const optionOf = (arg: string) => arg.split('=')[0] as string;

/** Arguments a reader might type, right and wrong: switches with values, Object's own names, repeated options, values with commas, spaces and unicode. */
const argument = fc.oneof(
  fc.constantFrom('--json', '--json=true', '--json=false', '--json=yes', '--quick', '--quick=false', '--help', '-h', '--', '-x', '-5', '--=x'),
  fc.constantFrom('--constructor', '--toString', '--__proto__', '--hasOwnProperty', '--transports', '--transport', '--variants', '--iterations', '--iterations=5'),
  fc.constantFrom('nano-chaining', 'memory', 'carrier-pigeon', 'outbox, consumer not idempotent', 'a b', 'ünïcødé 🚀', ''),
  fc.string({ maxLength: 6 }).map((name) => `--${name}`),
  fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([name, value]) => `--${name}=${value}`),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

describe('splitExampleArgs', () => {
  it('separates the id, the flags and the parameters', () => {
    expect(splitExampleArgs(['nano-chaining', '--transport', 'http', '--json', '--iterations=50'])).toEqual({
      id: 'nano-chaining', json: true, quick: false, help: false, params: { transport: 'http', iterations: '50' },
    });
  });

  it('reads a switch as --flag, --flag=true or --flag=false, and refuses any other value', () => {
    expect(splitExampleArgs(['x', '--json=false', '--quick=true'])).toMatchObject({ json: false, quick: true });
    expect(() => splitExampleArgs(['x', '--json=yes'])).toThrow('--json takes no value (or =true, =false), got --json=yes');
  });

  it('refuses a parameter without a value, saying how to give one that starts with a dash', () => {
    expect(() => splitExampleArgs(['x', '--iterations'])).toThrow('--iterations needs a value');
    expect(() => splitExampleArgs(['x', '--iterations', '--json'])).toThrow(UsageError);
    expect(splitExampleArgs(['x', '--seed', '-5']).params).toEqual({ seed: '-5' });
  });

  it('refuses an option given twice, naming it and the first value', () => {
    expect(() => splitExampleArgs(['x', '--transports', 'carrier-pigeon', '--transports', 'memory'])).toThrow('--transports is given twice (first "carrier-pigeon"): give it once');
    expect(() => splitExampleArgs(['x', '--json', '--json=false'])).toThrow('--json is given twice');
  });

  it('keeps a parameter named like an Object method as an own key, for the schema to refuse', () => {
    const { params } = splitExampleArgs(['x', '--__proto__', 'x', '--constructor', '1']);
    expect(Object.keys(params)).toEqual(['__proto__', 'constructor']);
  });

  it('refuses a second positional argument and --help with --json', () => {
    expect(() => splitExampleArgs(['a', 'b'])).toThrow('unexpected argument "b"');
    expect(() => splitExampleArgs(['a', '--help', '--json'])).toThrow('--help prints the usage as text, not JSON: leave out --json');
  });

  it('reads any command line as typed, or refuses it naming an argument', () => {
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 6 }), (argv) => {
        const read = outcome(() => splitExampleArgs(argv));
        if (!read.ok) {
          expect(argv.some((arg) => read.message.includes(optionOf(arg))), read.message).toBe(true);
          return;
        }
        const { id, json, quick, help, params } = read.value;
        // After `--` every argument is positional.
        const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
        expect(json).toBe(options.includes('--json') || options.includes('--json=true'));
        expect(quick).toBe(options.includes('--quick') || options.includes('--quick=true'));
        expect(help).toBe(options.includes('--help') || options.includes('-h'));
        expect(id === undefined || argv.includes(id)).toBe(true);
        for (const [name, value] of Object.entries(params)) {
          expect(['json', 'quick', 'help']).not.toContain(name);
          const uses = options.filter((arg) => optionOf(arg) === `--${name}`);
          expect(uses).toHaveLength(1);
          const at = options.indexOf(uses[0] as string);
          expect(uses[0] === `--${name}` ? options[at + 1] : (uses[0] as string).slice(name.length + 3)).toBe(value);
        }
      }),
      {
        numRuns: 200,
        examples: [
          [['nano-chaining', '--constructor', '1']],
          [['nano-chaining', '--__proto__', 'x']],
          [['nano-chaining', '--json=false']],
          [['nano-chaining', '--transports', 'carrier-pigeon', '--transports', 'memory']],
        ],
      },
    );
  });
});

describe('parseCommandLine', () => {
  it('takes what follows -- as positional arguments', () => {
    expect(parseCommandLine(['--', '--json'], { switches: ['json'], values: [], positionals: { max: 1, advice: '' } }).positionals).toEqual(['--json']);
  });
});
