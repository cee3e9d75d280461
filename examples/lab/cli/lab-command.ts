import { readSystemFile, referenceSystems, type SystemInFile } from '../files/system-files.ts';
import { SystemFileError } from '../model/system-file.ts';
import { systemSummary } from '../model/system-summary.ts';

/** What `npm run lab` prints and the status it exits with. */
export interface LabOutcome {
  readonly code: 0 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

export const labUsage = `usage:
  npm run lab -- systems               list the reference systems and their files
  npm run lab -- check <system file>   check a system file and describe it
  npm run lab -- run --system <file>   deploy its cuts and compare them (--help for the flags)
  npm run lab -- fan-out               what N parallel calls cost against one and against N in turn (--help)
  npm run lab -- --help                print this usage`;

/** What asks for the usage in place of a command. */
const helpArgs = ['--help', '-h', 'help'];

/** A system in a few lines (the docs pages show the same). */
const describeSystem = ({ file, system }: SystemInFile): string => systemSummary(system, file).join('\n');

/**
 * Runs `npm run lab -- <command>` and returns what to print and the exit status: 0, or 2 with a
 * message that says what to fix for an unknown command or option, a missing or malformed file.
 *
 * @example
 * ```ts
 * labCommand(['check', 'examples/systems/shop.json']).code; // 0
 * labCommand(['deploy']).code; // 2
 * ```
 */
export function labCommand(argv: readonly string[]): LabOutcome {
  const [command, ...rest] = argv;
  const refuse = (message: string): LabOutcome => ({ code: 2, stdout: '', stderr: `error: ${message}\n${labUsage}\n` });
  const usage: LabOutcome = { code: 0, stdout: `${labUsage}\n`, stderr: '' };
  if (argv.length === 1 && helpArgs.includes(command as string)) return usage;
  if (command === 'systems' || command === 'check') {
    const option = rest.find((arg) => arg.startsWith('-'));
    if (rest.length === 1 && (option === '--help' || option === '-h')) return usage;
    if (option !== undefined) return refuse(`unknown option ${option}: ${command} takes ${command === 'check' ? 'one system file' : 'no arguments'}`);
  }
  try {
    if (command === 'systems' && rest.length === 0) return { code: 0, stdout: `${referenceSystems().map(describeSystem).join('\n\n')}\n`, stderr: '' };
    if (command === 'check' && rest.length === 1) return { code: 0, stdout: `${describeSystem(readSystemFile(rest[0] as string))}\n`, stderr: '' };
    if (command === 'systems' || command === 'check') return refuse(`${command} takes ${command === 'check' ? 'one system file' : 'no arguments'}, got ${rest.length === 0 ? 'none' : rest.map((arg) => `"${arg}"`).join(' ')}`);
    return refuse(command === undefined ? 'give a command' : `unknown command "${command}"`);
  } catch (error) {
    if (error instanceof SystemFileError || error instanceof RangeError) return { code: 2, stdout: '', stderr: `error: ${error.message}\n` };
    throw error;
  }
}
