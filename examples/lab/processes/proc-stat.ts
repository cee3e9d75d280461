/**
 * The fields of a `/proc/<pid>/stat` line after the command name, which may itself hold spaces and
 * parentheses: index 0 is the state (field 3 of proc(5)), 1 the parent PID, 11 and 12 utime and
 * stime, 19 the start time in clock ticks.
 *
 * @example
 * ```ts
 * procStatFields('42 (my (node)) S 7 42')[1]; // '7'
 * ```
 */
export function procStatFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ');
}
