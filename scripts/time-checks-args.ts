import { median } from '../examples/lab/measure/stats.ts';

/**
 * The targets of the project's loops on its 2-core machine (issue 13): the contributor's loop,
 * `npm test`, under 3 minutes; the site checks are what is left of `.ci/run`'s 15 minutes once the
 * install and `npm test` have run (measured: about 4 and 2.5 minutes), so 8 minutes.
 */
export const loopTargetSeconds: Readonly<Record<string, number>> = { test: 180, 'test:site': 480 };

/** What `npm run time:checks` was asked to time. */
export interface TimeChecksArgs {
  readonly script: string;
  readonly runs: number;
}

/**
 * Reads `[script] [--runs N]`, refusing anything else with a message that says what it accepts.
 *
 * @example
 * ```ts
 * parseTimeChecksArgs(['test', '--runs', '3']); // { script: 'test', runs: 3 }
 * parseTimeChecksArgs([]);                      // { script: 'test', runs: 1 }
 * ```
 */
export function parseTimeChecksArgs(argv: readonly string[]): TimeChecksArgs {
  let script = 'test';
  let runs = 1;
  const rest = [...argv];
  while (rest.length > 0) {
    const arg = rest.shift() as string;
    if (arg === '--runs') {
      const value = rest.shift();
      if (value === undefined || !/^[1-9]\d*$/.test(value) || Number(value) > 20) throw new RangeError(`--runs takes a whole number from 1 to 20, got ${value === undefined ? 'nothing' : `"${value}"`}`);
      runs = Number(value);
    } else if (arg in loopTargetSeconds) {
      script = arg;
    } else {
      throw new RangeError(`unknown argument "${arg}": give one of ${Object.keys(loopTargetSeconds).join(', ')}, and optionally --runs N`);
    }
  }
  return { script, runs };
}

/**
 * The median of the runs against the script's target, as a sentence.
 *
 * @example
 * ```ts
 * timeChecksVerdict('test', [139, 150, 141]); // { pass: true, message: 'npm run test: median 141 s of 3 runs, within its 180 s target' }
 * ```
 */
export function timeChecksVerdict(script: string, seconds: readonly number[]): { pass: boolean; message: string } {
  const middle = median(seconds);
  const target = loopTargetSeconds[script] as number;
  const pass = middle <= target;
  return { pass, message: `npm run ${script}: median ${middle} s of ${seconds.length} run${seconds.length === 1 ? '' : 's'}, ${pass ? 'within' : 'over'} its ${target} s target` };
}
