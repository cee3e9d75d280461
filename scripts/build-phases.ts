/** One timed step of a Docusaurus build, from its perf log. */
export interface BuildPhase {
  /** Nested steps are joined with ` > `, as Docusaurus prints them. */
  readonly label: string;
  readonly seconds: number;
}

// eslint-disable-next-line no-control-regex -- the log is coloured with ANSI escapes
const ansi = /\u001b\[[0-9;]*m/g;

/**
 * Reads the `[PERF]` lines Docusaurus prints with `DOCUSAURUS_PERF_LOGGER=true`.
 *
 * @example
 * ```ts
 * buildPhases('[PERF] Build > en > Bundle compilation - 21.40 seconds! - (Heap ...)');
 * // [{ label: 'Build > en > Bundle compilation', seconds: 21.4 }]
 * ```
 */
export function buildPhases(log: string): BuildPhase[] {
  return log
    .replace(ansi, '')
    .split('\n')
    .flatMap((line) => {
      const match = /^\[PERF\](?:\[KO\])? (.+) - ([\d.]+) (ms|seconds!)/.exec(line.trim());
      if (!match) return [];
      const value = Number(match[2]);
      return [{ label: match[1] as string, seconds: Math.round((match[3] === 'ms' ? value / 1000 : value) * 100) / 100 }];
    });
}

/**
 * The phases worth printing: every step at most `depth` levels deep that took at least `minSeconds`.
 *
 * @example
 * ```ts
 * mainPhases(phases, 3, 0.5);
 * ```
 */
export function mainPhases(phases: readonly BuildPhase[], depth: number, minSeconds: number): BuildPhase[] {
  return phases.filter((phase) => phase.label.split(' > ').length <= depth && phase.seconds >= minSeconds);
}
