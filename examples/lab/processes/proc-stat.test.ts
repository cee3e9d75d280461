import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { procStatFields } from './proc-stat.ts';

describe('procStatFields', () => {
  it('counts fields from after the last parenthesis, whatever the command name holds', () => {
    expect(procStatFields('42 (my (odd) name) S 7 42 7 0')).toEqual(['S', '7', '42', '7', '0']);
  });

  it('reads this process: running or sleeping, with its parent as the parent PID', () => {
    const fields = procStatFields(readFileSync('/proc/self/stat', 'utf8'));
    expect(['R', 'S']).toContain(fields[0]);
    expect(Number(fields[1])).toBe(process.ppid);
  });
});
