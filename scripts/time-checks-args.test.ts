import { describe, expect, it } from 'vitest';
import { parseTimeChecksArgs, timeChecksVerdict } from './time-checks-args.ts';

describe('parseTimeChecksArgs', () => {
  it('times npm test once unless told otherwise', () => {
    expect(parseTimeChecksArgs([])).toEqual({ script: 'test', runs: 1 });
    expect(parseTimeChecksArgs(['test:site', '--runs', '3'])).toEqual({ script: 'test:site', runs: 3 });
  });

  it('refuses an unknown script or a bad count, saying what it accepts', () => {
    expect(() => parseTimeChecksArgs(['lint'])).toThrow(/unknown argument "lint": give one of test, test:site/);
    expect(() => parseTimeChecksArgs(['--runs'])).toThrow(/--runs takes a whole number from 1 to 20, got nothing/);
    expect(() => parseTimeChecksArgs(['--runs', '0'])).toThrow(/got "0"/);
    expect(() => parseTimeChecksArgs(['--runs', '2.5'])).toThrow(/got "2.5"/);
  });
});

describe('timeChecksVerdict', () => {
  it('judges the median of the runs against the target', () => {
    expect(timeChecksVerdict('test', [139, 400, 141])).toEqual({ pass: true, message: 'npm run test: median 141 s of 3 runs, within its 180 s target' });
    expect(timeChecksVerdict('test', [175, 195])).toMatchObject({ pass: false, message: expect.stringContaining('median 185 s of 2 runs, over') as unknown });
    expect(timeChecksVerdict('test', [181]).pass).toBe(false);
  });
});
